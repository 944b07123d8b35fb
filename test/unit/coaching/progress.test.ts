import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { elapsedShareOfDay, elapsedShareOfMonth, expectationProgress, workingDaysElapsed, workingMoment, type TWorkingTime } from '../../../src/domain/coaching/progress';

/* Pace by the person's own working days and hours (SPEC §2): no "today" judgement on a day off or outside hours. */

const MON_FRI: TWorkingTime = { workingDays: [1, 2, 3, 4, 5], workStart: '09:00', workEnd: '17:00' };
const SUN_THU: TWorkingTime = { workingDays: [1, 2, 3, 4, 7], workStart: '09:00', workEnd: '17:00' };
const at = (iso: string, zone = 'America/New_York') => DateTime.fromISO(iso, { zone });

describe('working days elapsed', () => {
  const scenarios: { name: string; now: DateTime; working: TWorkingTime; want: { elapsed: number; total: number; moment: string } }[] = [
    { name: 'Wednesday 13:00, Mon–Fri 9–17: 2.5 of 5', now: at('2026-11-25T13:00'), working: MON_FRI, want: { elapsed: 2.5, total: 5, moment: 'working' } },
    { name: 'Wednesday noon: 2 days and 3 of 8 hours', now: at('2026-11-25T12:00'), working: MON_FRI, want: { elapsed: 2.375, total: 5, moment: 'working' } },
    { name: 'Monday before work: nothing yet', now: at('2026-11-23T07:30'), working: MON_FRI, want: { elapsed: 0, total: 5, moment: 'before_work' } },
    { name: 'Wednesday evening: three whole days', now: at('2026-11-25T20:00'), working: MON_FRI, want: { elapsed: 3, total: 5, moment: 'after_work' } },
    { name: 'Sunday night: the week is done, a day off', now: at('2026-11-29T23:34'), working: MON_FRI, want: { elapsed: 5, total: 5, moment: 'day_off' } },
    { name: 'Sun–Thu, Friday: four days done, Sunday to come', now: at('2026-11-27T11:00', 'Asia/Jerusalem'), working: SUN_THU, want: { elapsed: 4, total: 5, moment: 'day_off' } },
    { name: 'Sun–Thu, Sunday 13:00: at work', now: at('2026-11-29T13:00', 'Asia/Jerusalem'), working: SUN_THU, want: { elapsed: 4.5, total: 5, moment: 'working' } },
    // 29 Mar 2026: clocks go forward in Berlin at 02:00; the working day is still 8 wall-clock hours.
    { name: 'DST day (Berlin, Sunday, Sun–Thu) 13:00', now: at('2026-03-29T13:00', 'Europe/Berlin'), working: SUN_THU, want: { elapsed: 4.5, total: 5, moment: 'working' } },
    { name: 'DST day (New York, Sunday 8 Mar), Mon–Fri: a day off', now: at('2026-03-08T13:00'), working: MON_FRI, want: { elapsed: 5, total: 5, moment: 'day_off' } },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      expect({ ...workingDaysElapsed(s.now, s.working), moment: workingMoment(s.now, s.working) }).toEqual(s.want);
    });
  }

  it('prorates the day by the person’s own hours (a 07:00–15:00 day is half gone at 11:00)', () => {
    expect(elapsedShareOfDay(at('2026-11-25T11:00'), { ...MON_FRI, workStart: '07:00', workEnd: '15:00' })).toBe(0.5);
  });
});

describe('expectation progress by the person’s working time', () => {
  const daily = { type: 'call' as const, per: 'day' as const, amount: 15, derivationText: '' };
  const weekly = { type: 'call' as const, per: 'week' as const, amount: 20, derivationText: '' };
  const logged = (iso: string, count: number, zone = 'America/New_York') => ({ type: 'call' as const, count, occurredAt: at(iso, zone).toMillis() });

  const scenarios: { name: string; now: DateTime; working: TWorkingTime; activities: ReturnType<typeof logged>[]; want: [string, string][] }[] = [
    {
      name: 'Sunday 23:34 (the observed bug): nothing is due or behind',
      now: at('2026-11-29T23:34'),
      working: MON_FRI,
      activities: [logged('2026-11-29T10:00', 4), logged('2026-11-24T10:00', 9)],
      want: [['off', 'Day off: nothing due today (15 calls a working day).'], ['off', 'This week: 13 of 20 calls so far.']],
    },
    {
      name: 'weekday evening: the numbers as they stand, no verdict',
      now: at('2026-11-25T20:00'),
      working: MON_FRI,
      activities: [logged('2026-11-25T10:00', 4)],
      want: [['off', 'Today: 4 of 15 calls (your working day is over).'], ['off', 'This week: 4 of 20 calls so far.']],
    },
    {
      name: 'before work starts',
      now: at('2026-11-25T07:30'),
      working: MON_FRI,
      activities: [],
      want: [['off', 'Today: 0 of 15 calls; your day starts at 09:00.'], ['off', 'This week: 0 of 20 calls so far.']],
    },
    {
      name: 'Wednesday 13:00 at work: the week counts 2.5 of 5 working days',
      now: at('2026-11-25T13:00'),
      working: MON_FRI,
      activities: [logged('2026-11-25T10:00', 4), logged('2026-11-23T10:00', 4)],
      // Day: 15 × 0.5 = 7.5 due, 4 done → behind by 3. Week: 20 × 0.5 = 10 due, 8 done → behind by 2.
      want: [['behind', 'Behind by 3 calls: 4 of 15 today so far.'], ['behind', 'Behind by 2 calls: 8 of 20 this week so far.']],
    },
    {
      name: 'met stays met after work (not a daily one on a day off)',
      now: at('2026-11-25T19:00'),
      working: MON_FRI,
      activities: [logged('2026-11-25T10:00', 20)],
      want: [['met', 'Done: 20 of 15 calls today.'], ['met', 'Done: 20 of 20 calls this week.']],
    },
    {
      name: 'Sun–Thu week: Friday is a day off, Sunday a working day',
      now: at('2026-11-27T12:00', 'Asia/Jerusalem'),
      working: SUN_THU,
      activities: [],
      want: [['off', 'Day off: nothing due today (15 calls a working day).'], ['off', 'This week: 0 of 20 calls so far.']],
    },
    {
      name: 'DST day (Berlin, Sunday 29 Mar, Sun–Thu): half the day gone at 13:00, activity since local midnight counted',
      now: at('2026-03-29T13:00', 'Europe/Berlin'),
      working: SUN_THU,
      activities: [logged('2026-03-29T08:30', 2, 'Europe/Berlin')],
      // Day: 7.5 due, 2 done → behind by 5. Week (ISO, Mon–Sun): 4.5 of 5 days → 18 due, 2 done → behind by 16.
      want: [['behind', 'Behind by 5 calls: 2 of 15 today so far.'], ['behind', 'Behind by 16 calls: 2 of 20 this week so far.']],
    },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const got = expectationProgress([daily, weekly], s.activities, s.now, s.working).map((p) => [p.pace.status, p.pace.text]);
      expect(got).toEqual(s.want);
    });
  }
});

describe('a target under one a week, per month', () => {
  const monthly = { type: 'proposal' as const, per: 'month' as const, amount: 2, derivationText: '' };
  const sent = (iso: string) => ({ type: 'proposal' as const, count: 1, occurredAt: at(iso).toMillis() });
  // December 2026 has 23 working days Mon–Fri; the 1st is a Tuesday.
  const scenarios: { name: string; now: DateTime; activities: ReturnType<typeof sent>[]; want: [string, string] }[] = [
    { name: 'early in the month, none yet: on pace', now: at('2026-12-03T12:00'), activities: [], want: ['on_pace', 'On pace: 0 of 2 proposals this month.'] },
    { name: 'late in the month, none yet: behind by the prorated share', now: at('2026-12-28T12:00'), activities: [], want: ['behind', 'Behind by 1 proposal: 0 of 2 this month so far.'] },
    { name: 'one last month does not count for this one', now: at('2026-12-15T12:00'), activities: [sent('2026-11-30T10:00'), sent('2026-12-02T10:00')], want: ['on_pace', 'On pace: 1 of 2 proposals this month.'] },
    { name: 'both sent: met, also on a Saturday', now: at('2026-12-12T12:00'), activities: [sent('2026-12-02T10:00'), sent('2026-12-09T10:00')], want: ['met', 'Done: 2 of 2 proposals this month.'] },
    { name: 'a Saturday, not met: the numbers without a judgement', now: at('2026-12-26T12:00'), activities: [], want: ['off', 'This month: 0 of 2 proposals so far.'] },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const [got] = expectationProgress([monthly], s.activities, s.now, MON_FRI);
      expect([got!.pace.status, got!.pace.text]).toEqual(s.want);
    });
  }

  it('counts the month by its working days: 15 Dec at noon is 10.5 of 23', () => {
    expect(elapsedShareOfMonth(at('2026-12-15T13:00'), MON_FRI)).toBeCloseTo(10.5 / 23, 6);
  });
});
