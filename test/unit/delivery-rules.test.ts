import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TTier } from '../../src/domain/coaching/tiers';
import {
  budgetWindow,
  decideAgendaReminder,
  decideAgendaReminderAtSend,
  decideBrief,
  deliveriesDueBetween,
  type TAgendaReminderFacts,
  type TBriefFacts,
  unsolicitedBudget,
} from '../../src/domain/delivery-rules';
import { DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import { DEFAULT_WORKING_HOURS } from '../../src/domain/schedule';

const CHICAGO = 'America/Chicago';
const z = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const local = (iso: string, zone = CHICAGO) => DateTime.fromISO(iso, { zone });
const iso = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true });

// Tue 1 Dec 2026, 10:00 in Chicago (16:00Z); the rep's reminder is due Mon 30 Nov, 15:00 Chicago.
const MEETING = local('2026-12-01T10:00');
const BRIEF_DUE = local('2026-12-01T09:00');
const REMINDER_DUE = local('2026-11-30T15:00');
const person = (name: string, extra: Partial<{ isBot: boolean; isDeleted: boolean }> = {}) => ({ name, isBot: false, isDeleted: false, ...extra });

describe('decideBrief', () => {
  const base: TBriefFacts = { now: BRIEF_DUE.minus({ minutes: 10 }), dueAt: BRIEF_DUE, meetingStart: MEETING, manager: { ...person('Morgan'), tz: CHICAGO }, rep: person('Dana') };
  const scenarios: { name: string; facts: Partial<TBriefFacts>; want: { status: string; reason: string | RegExp } }[] = [
    { name: 'due soon', facts: {}, want: { status: 'pending', reason: 'brief for the 1:1 with Dana on Tue 1 Dec, 10:00' } },
    { name: 'late, meeting not started', facts: { now: MEETING.minus({ minutes: 1 }) }, want: { status: 'pending', reason: /\(late: the planned time had passed\)$/ } },
    { name: 'meeting starting now', facts: { now: MEETING }, want: { status: 'skipped', reason: 'too late: the meeting had started' } },
    { name: 'meeting started', facts: { now: MEETING.plus({ hours: 3 }) }, want: { status: 'skipped', reason: 'too late: the meeting had started' } },
    { name: 'manager deactivated', facts: { manager: { ...person('Morgan', { isDeleted: true }), tz: CHICAGO } }, want: { status: 'skipped', reason: 'skipped: Morgan is deactivated' } },
    { name: 'manager is a bot', facts: { manager: { ...person('Robo', { isBot: true }), tz: CHICAGO } }, want: { status: 'skipped', reason: 'skipped: Robo is a bot' } },
    { name: 'rep deactivated', facts: { rep: person('Dana', { isDeleted: true }) }, want: { status: 'skipped', reason: 'skipped: Dana is deactivated' } },
  ];
  it.each(scenarios)('$name', ({ facts, want }) => {
    const decision = decideBrief({ ...base, ...facts });
    expect(decision.status).toBe(want.status);
    if (typeof want.reason === 'string') expect(decision.reason).toBe(want.reason);
    else expect(decision.reason).toMatch(want.reason);
  });
});

describe('decideAgendaReminder', () => {
  type TOver = Partial<Omit<TAgendaReminderFacts, 'rep'>> & { tier?: TTier | null; rep?: Partial<TAgendaReminderFacts['rep']>; today?: number; thisWeek?: number };
  const facts = ({ tier = 'guided', rep = {}, today = 0, thisWeek = 0, ...over }: TOver): TAgendaReminderFacts => ({
    now: REMINDER_DUE.minus({ minutes: 10 }),
    dueAt: REMINDER_DUE,
    meetingStart: MEETING,
    rep: { ...person('Dana'), tz: CHICAGO, hours: DEFAULT_WORKING_HOURS, tier, preferences: DEFAULT_PREFERENCES, status: null, ...rep },
    manager: person('Morgan'),
    holidayName: null,
    counts: { today, thisWeek },
    ...over,
  });
  const SENT = 'sent: agenda reminder the working day before the 1:1; Dana has';
  // The no-nagging rules themselves are tested in nudge-policy.test.ts; here, that the reminder goes through them.
  const scenarios: { name: string; facts: TAgendaReminderFacts; want: { status: string; reason: string } }[] = [
    { name: 'guided, none yet this week', facts: facts({}), want: { status: 'pending', reason: `${SENT} 0 of 2 messages today besides this one (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)` } },
    { name: 'guided, the digest and one more this week', facts: facts({ today: 1, thisWeek: 2 }), want: { status: 'pending', reason: `${SENT} 2 of 3 messages this week besides this one (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)` } },
    { name: 'guided, budget spent', facts: facts({ thisWeek: 3 }), want: { status: 'suppressed', reason: 'held back: Dana already has 3 of 3 messages this week (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)' } },
    { name: 'not tiered yet counts as ramping', facts: facts({ tier: null, thisWeek: 3 }), want: { status: 'suppressed', reason: 'held back: Dana already has 3 of 3 messages this week (ramping budget (not tiered yet): 3 a week counting the digest and check-ins, 2 a day besides the digest)' } },
    { name: 'ramping, two so far', facts: facts({ tier: 'ramping', thisWeek: 2 }), want: { status: 'pending', reason: `${SENT} 2 of 3 messages this week besides this one (ramping budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)` } },
    { name: 'focused, a day without a check-in', facts: facts({ tier: 'focused', thisWeek: 2 }), want: { status: 'pending', reason: `${SENT} 0 of 1 messages today besides this one (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)` } },
    { name: 'focused, the day has its check-in', facts: facts({ tier: 'focused', today: 1, thisWeek: 1 }), want: { status: 'suppressed', reason: 'held back: Dana already has 1 of 1 messages today (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)' } },
    { name: 'autonomous gets none', facts: facts({ tier: 'autonomous' }), want: { status: 'suppressed', reason: 'held back: Dana is autonomous: no nudges or reminders, only the digest' } },
    { name: 'paused', facts: facts({ rep: { preferences: { ...DEFAULT_PREFERENCES, pausedUntil: '2026-12-07T15:00:00.000Z' } } }), want: { status: 'suppressed', reason: "held back: Dana paused Canopy's messages until Mon 7 Dec, 09:00 (their time)" } },
    { name: 'away', facts: facts({ rep: { status: { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null } } }), want: { status: 'suppressed', reason: "held back: Dana's Slack status says they are away (:palm_tree: Vacation)" } },
    { name: 'a public holiday', facts: facts({ holidayName: 'Thanksgiving Day' }), want: { status: 'suppressed', reason: 'held back: Mon 30 Nov is Thanksgiving Day, a public holiday for Dana' } },
    { name: 'late, same working day', facts: facts({ now: local('2026-11-30T17:59') }), want: { status: 'pending', reason: expect.stringContaining('agenda reminder') as unknown as string } },
    { name: 'late, at the end of the working day', facts: facts({ now: local('2026-11-30T18:00') }), want: { status: 'skipped', reason: "too late: outside the rep's working hours" } },
    { name: 'late, the next morning before the meeting', facts: facts({ now: local('2026-12-01T09:30') }), want: { status: 'skipped', reason: "too late: outside the rep's working hours" } },
    { name: 'meeting started (before the policy is even asked)', facts: facts({ tier: 'autonomous', now: MEETING }), want: { status: 'skipped', reason: 'too late: the meeting had started' } },
    { name: 'rep deactivated', facts: facts({ rep: { isDeleted: true } }), want: { status: 'skipped', reason: 'skipped: Dana is deactivated' } },
    { name: 'manager gone', facts: facts({ manager: person('Morgan', { isDeleted: true }) }), want: { status: 'skipped', reason: 'skipped: Morgan is deactivated' } },
  ];
  it.each(scenarios)('$name', ({ facts: f, want }) => {
    expect(decideAgendaReminder(f)).toEqual(want);
  });

  it.each([
    { name: 'nothing changed: sent, whatever the budget says now', rep: {}, want: 'pending' },
    { name: 'away since it was planned', rep: { status: { emoji: ':face_with_thermometer:', text: 'Out sick', expiresAt: null } }, want: 'suppressed' },
    { name: 'paused since it was planned', rep: { preferences: { ...DEFAULT_PREFERENCES, pausedUntil: '2026-12-07T15:00:00Z' } }, want: 'suppressed' },
    { name: 'the meeting started', rep: {}, now: MEETING, want: 'skipped' },
  ])('at send time: $name', ({ rep, now, want }) => {
    const { counts: _counts, ...planned } = facts({ rep, thisWeek: 2, ...(now ? { now } : {}) });
    expect(decideAgendaReminderAtSend(planned).status).toBe(want);
  });

  it('judges a late run at the time it runs, not the missed due time', () => {
    // Due at 15:00 while paused until 16:00; a run at 17:30 (same working day) finds the pause over.
    const paused = { ...DEFAULT_PREFERENCES, pausedUntil: local('2026-11-30T16:00').toISO()! };
    const decision = decideAgendaReminder(facts({ now: local('2026-11-30T17:30'), rep: { preferences: paused } }));
    expect(decision.status).toBe('pending');
  });
});

describe('unsolicitedBudget and its window', () => {
  it.each([
    { tier: 'autonomous' as const, want: { max: 1, per: 'week' } },
    { tier: 'guided' as const, want: { max: 3, per: 'week' } },
    { tier: 'ramping' as const, want: { max: 3, per: 'week' } },
    { tier: 'focused' as const, want: { max: 6, per: 'week' } },
    { tier: null, want: { max: 3, per: 'week' } },
  ])('$tier → $want.max per $want.per', ({ tier, want }) => {
    expect(unsolicitedBudget(tier)).toEqual(want);
  });

  it.each([
    // The ISO week in the person's zone: Sunday night is still the week that started on Monday.
    { name: 'Sunday night, Chicago', at: local('2026-11-29T23:30'), tz: CHICAGO, per: 'week' as const, want: ['2026-11-23T06:00:00Z', '2026-11-30T06:00:00Z'] },
    // A week with the fall-back change (1 Nov 2026 in Chicago) is 169 hours long.
    { name: 'the week DST ends', at: local('2026-10-28T12:00'), tz: CHICAGO, per: 'week' as const, want: ['2026-10-26T05:00:00Z', '2026-11-02T06:00:00Z'] },
    // 21:00Z on Monday is already Tuesday in Tokyo.
    { name: 'a day in Tokyo', at: z('2026-11-30T21:00:00Z'), tz: 'Asia/Tokyo', per: 'day' as const, want: ['2026-11-30T15:00:00Z', '2026-12-01T15:00:00Z'] },
  ])('$name', ({ at, tz, per, want }) => {
    const window = budgetWindow(at, tz, per);
    expect([iso(window.start), iso(window.end)]).toEqual(want);
  });
});

describe('deliveriesDueBetween', () => {
  const input = (over: { leadMinutes?: number; since?: DateTime } = {}) => ({
    recurrence: { cadence: 'weekly' as const, weekday: 2, localTime: '10:00', tz: CHICAGO, anchorDate: '2026-11-03' },
    since: over.since ?? z('2026-11-01T00:00:00Z'),
    manager: { tz: CHICAGO, hours: DEFAULT_WORKING_HOURS, briefLeadMinutes: over.leadMinutes ?? 60 },
    rep: { tz: CHICAGO, hours: DEFAULT_WORKING_HOURS },
  });
  const shape = (times: ReturnType<typeof deliveriesDueBetween>) => times.map((t) => ({ kind: t.kind, meeting: iso(t.meetingStart), due: iso(t.dueAt) }));

  it.each([
    { name: 'the reminder, the working day before', from: REMINDER_DUE.minus({ minutes: 5 }), to: REMINDER_DUE.plus({ minutes: 15 }), over: {}, want: [{ kind: 'agenda_reminder', meeting: '2026-12-01T16:00:00Z', due: '2026-11-30T21:00:00Z' }] },
    { name: 'the brief, an hour before', from: BRIEF_DUE.minus({ minutes: 5 }), to: BRIEF_DUE.plus({ minutes: 15 }), over: {}, want: [{ kind: 'brief', meeting: '2026-12-01T16:00:00Z', due: '2026-12-01T15:00:00Z' }] },
    { name: 'a day-ahead brief lands in the same window as the reminder, in due order', from: local('2026-11-30T09:00'), to: local('2026-11-30T16:00'), over: { leadMinutes: 1440 }, want: [
      { kind: 'brief', meeting: '2026-12-01T16:00:00Z', due: '2026-11-30T16:00:00Z' },
      { kind: 'agenda_reminder', meeting: '2026-12-01T16:00:00Z', due: '2026-11-30T21:00:00Z' },
    ] },
    { name: 'the window is (from, to]: due exactly at from is not in it', from: BRIEF_DUE, to: BRIEF_DUE.plus({ minutes: 15 }), over: {}, want: [] },
    { name: 'due exactly at to is in it', from: BRIEF_DUE.minus({ minutes: 15 }), to: BRIEF_DUE, over: {}, want: [{ kind: 'brief', meeting: '2026-12-01T16:00:00Z', due: '2026-12-01T15:00:00Z' }] },
    { name: 'a 24-hour catch-up finds both', from: local('2026-11-30T10:00'), to: local('2026-12-01T10:00'), over: {}, want: [
      { kind: 'agenda_reminder', meeting: '2026-12-01T16:00:00Z', due: '2026-11-30T21:00:00Z' },
      { kind: 'brief', meeting: '2026-12-01T16:00:00Z', due: '2026-12-01T15:00:00Z' },
    ] },
    { name: 'nothing for a meeting from before the 1:1 was scheduled', from: local('2026-11-30T10:00'), to: local('2026-12-01T10:00'), over: { since: z('2026-12-01T17:00:00Z') }, want: [] },
  ])('$name', ({ from, to, over, want }) => {
    expect(shape(deliveriesDueBetween(input(over), from, to))).toEqual(want);
  });
});
