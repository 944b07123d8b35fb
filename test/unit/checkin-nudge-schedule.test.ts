import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { clampIntoHours, middleWorkingDay, parseNudgeKey, planInstantsBetween, scheduledAhead, stillTimely, type TPlanScheduleInput } from '../../src/domain/checkin-nudge-schedule';

const NY = 'America/New_York';
const MON_FRI = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const input = (over: Partial<TPlanScheduleInput> = {}): TPlanScheduleInput => ({ tz: NY, hours: MON_FRI, checkinTime: '16:30', checkins: 'daily', nudges: true, ...over });
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
// Local wall times, for readable expectations.
const show = (list: ReturnType<typeof planInstantsBetween>) =>
  list.map((i) => `${i.kind}${'cadence' in i ? `/${i.cadence}` : ''}${'per' in i ? `/${i.per}` : ''} ${i.dueAt.setZone(NY).toFormat('ccc HH:mm')} ${i.period}${'dueBy' in i ? `..${i.dueBy}` : ''}`);

describe('planInstantsBetween', () => {
  it('a Wednesday (New York), daily check-ins: action items, stalled deals, the check-in carrying the pace (no pace nudge)', () => {
    const from = utc('2026-11-25T05:00:00Z'); // Wed 00:00 EST
    expect(show(planInstantsBetween(input(), from, from.plus({ days: 1 })))).toEqual([
      'action_item_due Wed 10:00 2026-11-25..2026-11-26',
      'stalled_deal Wed 10:30 2026-11-25',
      'checkin/daily Wed 16:30 2026-11-25',
    ]);
  });

  it('a Wednesday (New York), weekly check-ins: the weekly and daily pace are evaluated (no check-in that day)', () => {
    const from = utc('2026-11-25T05:00:00Z');
    expect(show(planInstantsBetween(input({ checkins: 'weekly' }), from, from.plus({ days: 1 })))).toEqual([
      'action_item_due Wed 10:00 2026-11-25..2026-11-26',
      'stalled_deal Wed 10:30 2026-11-25',
      'behind_pace/week Wed 13:00 2026-W48',
      'behind_pace/day Wed 14:00 2026-11-25',
    ]);
  });

  it('weekly check-ins on the last working day; on Friday items due Monday are near', () => {
    const from = utc('2026-11-27T05:00:00Z'); // Fri 00:00 EST
    expect(show(planInstantsBetween(input({ checkins: 'weekly' }), from, from.plus({ days: 3 })))).toEqual([
      'action_item_due Fri 10:00 2026-11-27..2026-11-30',
      'stalled_deal Fri 10:30 2026-11-27',
      'checkin/weekly Fri 16:30 2026-W48',
    ]);
  });

  it('a weekly check-in moves off a public holiday to the working day before', () => {
    const from = utc('2026-11-23T05:00:00Z');
    const list = planInstantsBetween(input({ checkins: 'weekly', nudges: false, isHoliday: (d) => d === '2026-11-27' }), from, from.plus({ days: 7 }));
    expect(show(list)).toEqual(['checkin/weekly Thu 16:30 2026-W48']);
  });

  it('nothing on days off; none at all for check-ins off and no nudges', () => {
    const sat = utc('2026-11-28T05:00:00Z');
    expect(planInstantsBetween(input(), sat, sat.plus({ days: 2 }))).toEqual([]);
    const wed = utc('2026-11-25T05:00:00Z');
    expect(planInstantsBetween(input({ checkins: 'off', nudges: false }), wed, wed.plus({ days: 1 }))).toEqual([]);
  });

  it('clamps into working hours: a 16:30 check-in for someone who stops at 15:00 comes at 14:30', () => {
    const from = utc('2026-11-25T05:00:00Z');
    const list = planInstantsBetween(input({ hours: { days: [3], start: '11:00', end: '15:00' } }), from, from.plus({ days: 1 }));
    expect(show(list)).toEqual([
      'action_item_due Wed 11:00 2026-11-25..2026-12-02',
      'stalled_deal Wed 11:00 2026-11-25',
      'checkin/daily Wed 14:30 2026-11-25',
    ]);
  });

  it('keeps local wall time across the end of summer time (1 Nov 2026 in New York)', () => {
    const before = planInstantsBetween(input({ nudges: false }), utc('2026-10-30T00:00:00Z'), utc('2026-10-31T00:00:00Z'));
    const after = planInstantsBetween(input({ nudges: false }), utc('2026-11-02T05:00:00Z'), utc('2026-11-03T05:00:00Z'));
    expect(before.map((i) => i.dueAt.toUTC().toISO())).toEqual(['2026-10-30T20:30:00.000Z']);
    expect(after.map((i) => i.dueAt.toUTC().toISO())).toEqual(['2026-11-02T21:30:00.000Z']);
  });

  it('(from, to]: excludes from, includes to', () => {
    const at = utc('2026-11-25T21:30:00Z');
    expect(planInstantsBetween(input({ nudges: false }), at, at.plus({ minutes: 1 }))).toEqual([]);
    expect(planInstantsBetween(input({ nudges: false }), at.minus({ minutes: 1 }), at)).toHaveLength(1);
  });

  it('rejects an unknown zone', () => {
    expect(() => planInstantsBetween(input({ tz: 'Mars/Base' }), utc('2026-11-25T00:00:00Z'), utc('2026-11-26T00:00:00Z'))).toThrow(/Unknown time zone/);
  });
});

describe('scheduledAhead: the check-ins and digest that keep their places in the budget', () => {
  const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' });
  const base = { tz: 'America/New_York', hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }, checkinTime: '16:30', digest: { day: 1, time: '09:00' } };
  it.each([
    { name: 'focused, Monday 08:00: five check-ins and the digest ahead', at: ny('2026-11-23T08:00'), checkins: 'daily' as const, want: { today: 1, thisWeek: 6, digest: 1 } },
    { name: 'focused, Wednesday 10:00: three check-ins ahead', at: ny('2026-11-25T10:00'), checkins: 'daily' as const, want: { today: 1, thisWeek: 3, digest: 0 } },
    { name: 'focused, Wednesday 17:00: today’s check-in is past', at: ny('2026-11-25T17:00'), checkins: 'daily' as const, want: { today: 0, thisWeek: 2, digest: 0 } },
    { name: 'guided, Monday 08:00: the digest and Friday’s check-in', at: ny('2026-11-23T08:00'), checkins: 'weekly' as const, want: { today: 0, thisWeek: 2, digest: 1 } },
    { name: 'autonomous, Saturday: nothing ahead', at: ny('2026-11-28T12:00'), checkins: 'off' as const, want: { today: 0, thisWeek: 0, digest: 0 } },
  ])('$name', ({ at, checkins, want }) => {
    expect(scheduledAhead({ ...base, checkins }, at)).toEqual(want);
  });
});

describe('helpers', () => {
  it.each([
    { days: [1, 2, 3, 4, 5], want: 3 },
    { days: [1, 2, 3, 4], want: 2 },
    { days: [7], want: 7 },
    { days: [1, 2, 3, 4, 5, 6, 7], want: 4 },
  ])('middle working day of $days is $want', ({ days, want }) => expect(middleWorkingDay(days)).toBe(want));

  it.each([
    { time: '16:30', hours: { start: '09:00', end: '18:00' }, want: 16 * 60 + 30 },
    { time: '07:00', hours: { start: '09:00', end: '18:00' }, want: 9 * 60 },
    { time: '17:45', hours: { start: '09:00', end: '18:00' }, want: 17 * 60 + 30 },
    { time: '12:00', hours: { start: '09:00', end: '09:20' }, want: 9 * 60 },
  ])('clamp $time into $hours.start–$hours.end', ({ time, hours, want }) => expect(clampIntoHours(time, hours)).toBe(want));

  it.each([
    { key: 'nudge:behind_pace:2026-W48:call', want: { nudge: 'behind_pace', per: 'week', period: '2026-W48', type: 'call' } },
    { key: 'nudge:behind_pace:2026-11-24:email', want: { nudge: 'behind_pace', per: 'day', period: '2026-11-24', type: 'email' } },
    { key: 'nudge:stalled_deal:42:demo', want: { nudge: 'stalled_deal', dealId: 42, stage: 'demo' } },
    { key: 'nudge:action_item_due:7', want: { nudge: 'action_item_due', itemId: 7 } },
    { key: 'nudge:behind_pace:2026-W48:dance', want: null },
    { key: 'nudge:action_item_due:x', want: null },
    { key: 'checkin:2026-11-24', want: null },
  ])('parseNudgeKey($key)', ({ key, want }) => expect(parseNudgeKey(key)).toEqual(want));

  it('stillTimely: before due, or later that working day; not the evening or the next day', () => {
    const due = utc('2026-11-25T21:30:00Z'); // Wed 16:30 New York
    expect(stillTimely(due.minus({ minutes: 10 }), due, NY, MON_FRI)).toBe(true);
    expect(stillTimely(due.plus({ minutes: 60 }), due, NY, MON_FRI)).toBe(true);
    expect(stillTimely(due.plus({ minutes: 120 }), due, NY, MON_FRI)).toBe(false); // 18:30
    expect(stillTimely(due.plus({ hours: 17 }), due, NY, MON_FRI)).toBe(false); // Thu 09:30
  });
});
