import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { briefPeriod, relativeToNow, workingDaysBetween } from '../../src/domain/brief-period';

const t = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const NOW = t('2026-03-10T14:00:00Z');
const WEEKDAYS = [1, 2, 3, 4, 5];

describe('briefPeriod', () => {
  it.each([
    { what: 'since the previous 1:1', previous: t('2026-03-03T15:00:00Z'), want: { basis: 'since_meeting', from: '2026-03-03T15:00:00.000Z' } },
    { what: 'no previous 1:1: the last 7 days', previous: null, want: { basis: 'default', from: '2026-03-03T14:00:00.000Z' } },
    { what: 'a previous 1:1 a month ago: capped at 14 days', previous: t('2026-02-10T15:00:00Z'), want: { basis: 'capped', from: '2026-02-24T14:00:00.000Z' } },
    { what: 'a "previous" start after now cannot open a period', previous: t('2026-03-11T15:00:00Z'), want: { basis: 'default', from: '2026-03-03T14:00:00.000Z' } },
  ])('$what', ({ previous, want }) => {
    const period = briefPeriod(previous, NOW);
    expect({ basis: period.basis, from: period.from.toUTC().toISO() }).toEqual(want);
    expect(period.to.toMillis()).toBe(NOW.toMillis());
  });
});

describe('workingDaysBetween', () => {
  it.each([
    { what: 'Tuesday 10:00 to Tuesday 10:00 across the US DST change', from: '2026-03-03T15:00:00Z', to: '2026-03-10T14:00:00Z', tz: 'America/New_York', days: WEEKDAYS, want: 5 },
    { what: 'a weekend only', from: '2026-03-07T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00', tz: 'America/New_York', days: WEEKDAYS, want: 0 },
    { what: 'half a working day', from: '2026-03-10T00:00:00Z', to: '2026-03-10T12:00:00Z', tz: 'UTC', days: WEEKDAYS, want: 0.5 },
    { what: 'Sunday–Thursday working week', from: '2026-03-08T00:00:00Z', to: '2026-03-15T00:00:00Z', tz: 'UTC', days: [7, 1, 2, 3, 4], want: 5 },
  ])('$what', ({ from, to, tz, days, want }) => {
    expect(workingDaysBetween(t(from), t(to), tz, days)).toBeCloseTo(want, 6);
  });

  const HOURS = { workStart: '09:00', workEnd: '17:00' };
  it.each([
    { what: 'a 1:1 at 10:00 to 22:30 the same day: 7 of 8 working hours', from: '2026-03-10T10:00:00Z', to: '2026-03-10T22:30:00Z', want: 0.875 },
    { what: 'ending before work starts: none of that day', from: '2026-03-09T17:00:00Z', to: '2026-03-10T08:00:00Z', want: 0 },
    { what: 'a whole week, weekend included', from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z', want: 5 },
    { what: 'Saturday afternoon only', from: '2026-03-14T12:00:00Z', to: '2026-03-14T18:00:00Z', want: 0 },
    { what: 'noon to 13:00', from: '2026-03-11T12:00:00Z', to: '2026-03-11T13:00:00Z', want: 0.125 },
  ])('by working hours: $what', ({ from, to, want }) => {
    expect(workingDaysBetween(t(from), t(to), 'UTC', WEEKDAYS, HOURS)).toBeCloseTo(want, 6);
  });
});

describe('relativeToNow', () => {
  it.each([
    { minutes: 60, want: 'in 60 min' },
    { minutes: 150, want: 'in 2 h 30 min' },
    { minutes: 180, want: 'in 3 h' },
    { minutes: 0, want: 'starting now' },
    { minutes: -20, want: 'started 20 min ago' },
    { minutes: 3 * 24 * 60 + 60, want: 'in 3 days' },
  ])('$minutes min → $want', ({ minutes, want }) => {
    expect(relativeToNow(NOW.plus({ minutes }), NOW)).toBe(want);
  });
});
