import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayLabel, sinceText } from '../../src/domain/relative-time';

const NOW = new Date('2026-12-07T09:05:00Z');
const before = (ms: number) => new Date(NOW.getTime() - ms);

describe('sinceText: relative to the `now` passed in, never the clock', () => {
  it.each([
    { what: 'the same instant', at: NOW, want: 'just now' },
    { what: 'a millisecond after now', at: new Date(NOW.getTime() + 1), want: 'just now' },
    { what: '30 seconds before', at: before(30_000), want: 'just now' },
    { what: '5 minutes before', at: before(5 * 60_000), want: '5 minutes ago' },
    { what: '3 days before', at: before(3 * 86_400_000), want: '3 days ago' },
    { what: 'a year before (a preview far from today)', at: new Date('2025-12-07T09:05:00Z'), want: '1 year ago' },
  ])('$what → $want', ({ at, want }) => {
    expect(sinceText(at, NOW)).toBe(want);
  });
});

describe('dayLabel: the day, as a rep says it, in the zone of now', () => {
  // Mon 7 Dec 2026, 08:00 in Los Angeles.
  const now = DateTime.fromISO('2026-12-07T08:00', { zone: 'America/Los_Angeles' });
  it.each([
    { what: 'earlier today', at: '2026-12-07T00:30:00-08:00', want: 'Today' },
    { what: 'late yesterday (already today in UTC)', at: '2026-12-06T23:30:00-08:00', want: 'Yesterday' },
    { what: 'last Tuesday', at: '2026-12-01T10:00:00-08:00', want: 'Tue' },
    { what: 'seven days ago: a date, not a weekday that reads as this week', at: '2026-11-30T10:00:00-08:00', want: '30 Nov' },
    { what: 'another year', at: '2025-12-20T10:00:00-08:00', want: '20 Dec 2025' },
  ])('$what → $want', ({ at, want }) => {
    expect(dayLabel(new Date(at), now)).toBe(want);
  });

  it('counts calendar days across the DST change', () => {
    const monday = DateTime.fromISO('2026-03-09T00:30', { zone: 'America/Los_Angeles' });
    expect(dayLabel(new Date('2026-03-08T00:10:00-08:00'), monday)).toBe('Yesterday');
    expect(dayLabel(new Date('2026-03-03T12:00:00-08:00'), monday)).toBe('Tue');
  });
});
