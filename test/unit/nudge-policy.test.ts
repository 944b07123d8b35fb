import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { TTier } from '../../src/domain/coaching/tiers';
import {
  checkinCadence,
  decideUnsolicited,
  isAway,
  NUDGE_KINDS,
  policyReasonKey,
  TIER_BUDGETS,
  type TAwayStatus,
  type TPolicyInput,
  type TPolicyPerson,
  type TUnsolicited,
} from '../../src/domain/nudge-policy';
import { DEFAULT_PREFERENCES, type TPreferences } from '../../src/domain/preferences';
import { isWithinWorkingHours } from '../../src/domain/schedule';

const LONDON = 'Europe/London';
const local = (iso: string, zone = LONDON) => DateTime.fromISO(iso, { zone });
// Wed 18 Nov 2026, 11:00 in London: a working day, inside 09:00–18:00.
const AT = local('2026-11-18T11:00');
const VACATION: TAwayStatus = { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null };

type TOver = { tier?: TTier | null; prefs?: Partial<TPreferences>; status?: TAwayStatus | null; person?: Partial<TPolicyPerson> } & Partial<Omit<TPolicyInput, 'person'>>;
const input = ({ tier = 'guided', prefs = {}, status = null, person = {}, ...over }: TOver): TPolicyInput => ({
  person: { name: 'Dana', tz: LONDON, tier, preferences: { ...DEFAULT_PREFERENCES, ...prefs }, status, isBot: false, isDeleted: false, ...person },
  message: { kind: 'nudge', nudge: 'behind_pace' },
  at: AT,
  holidayName: null,
  counts: { today: 0, thisWeek: 0 },
  alreadySentForReason: false,
  ...over,
});
const NUDGE: TUnsolicited = { kind: 'nudge', nudge: 'behind_pace' };
const DIGEST: TUnsolicited = { kind: 'digest' };
const CHECKIN: TUnsolicited = { kind: 'checkin' };
const REMINDER: TUnsolicited = { kind: 'agenda_reminder' };
const held = (rule: string, reason: string) => ({ send: false, rule, reason: `held back: ${reason}` });

describe('decideUnsolicited: each rule', () => {
  const scenarios: { name: string; input: TPolicyInput; want: object }[] = [
    { name: 'a nudge within budget', input: input({}), want: { send: true, reason: 'sent: behind-pace nudge for Dana, who has 0 of 2 messages today besides this one (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)' } },
    { name: "the caller's why comes first", input: input({ message: { ...NUDGE, detail: 'Dana is behind on calls this week (3 of 12)' }, counts: { today: 0, thisWeek: 1 } }), want: { send: true, reason: 'sent: Dana is behind on calls this week (3 of 12); Dana has 1 of 3 messages this week besides this one (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)' } },
    { name: 'deactivated', input: input({ person: { isDeleted: true } }), want: held('inactive', 'Dana is deactivated') },
    { name: 'a bot', input: input({ person: { isBot: true, name: 'Robo' } }), want: held('inactive', 'Robo is a bot') },
    { name: 'paused', input: input({ prefs: { pausedUntil: '2026-11-23T09:00:00.000Z' } }), want: held('paused', "Dana paused Canopy's messages until Mon 23 Nov, 09:00 (their time)") },
    { name: 'a pause that has ended', input: input({ prefs: { pausedUntil: '2026-11-18T11:00:00.000Z' } }), want: { send: true } },
    { name: 'away', input: input({ status: VACATION }), want: held('away', "Dana's Slack status says they are away (:palm_tree: Vacation)") },
    { name: 'an away status that has expired', input: input({ status: { ...VACATION, expiresAt: AT.toMillis() } }), want: { send: true } },
    { name: 'autonomous gets no nudges', input: input({ tier: 'autonomous' }), want: held('tier', 'Dana is autonomous: no nudges or reminders, only the digest') },
    { name: 'autonomous gets no agenda reminders', input: input({ tier: 'autonomous', message: REMINDER }), want: held('tier', 'Dana is autonomous: no nudges or reminders, only the digest') },
    { name: 'the same reason twice', input: input({ alreadySentForReason: true }), want: held('duplicate', 'Dana already had this behind-pace nudge for the same reason') },
    { name: 'expectation met', input: input({ message: { ...NUDGE, expectationMet: true } }), want: held('met', 'Dana has already met the expectation this behind-pace nudge is about') },
    { name: 'a kind turned off', input: input({ prefs: { nudgesOff: ['behind_pace'] } }), want: held('muted', 'Dana turned off behind-pace nudges') },
    { name: 'another kind turned off', input: input({ prefs: { nudgesOff: ['stalled_deal'] } }), want: { send: true } },
    { name: 'a kind snoozed', input: input({ message: { kind: 'nudge', nudge: 'stalled_deal' }, prefs: { nudgeSnoozes: { stalled_deal: '2026-11-20T17:00:00Z' } } }), want: held('snoozed', 'Dana snoozed stalled-deal nudges until Fri 20 Nov, 17:00 (their time)') },
    { name: 'a snooze that has ended', input: input({ prefs: { nudgeSnoozes: { behind_pace: '2026-11-18T10:59:00Z' } } }), want: { send: true } },
    { name: 'a public holiday', input: input({ holidayName: 'Christmas Day', prefs: { holidayCountry: 'GB', holidayRegion: 'ENG' } }), want: held('holiday', 'Wed 18 Nov is Christmas Day, a public holiday for Dana (GB-ENG)') },
    { name: 'before working hours', input: input({ at: local('2026-11-18T08:59') }), want: held('hours', "Wed 18 Nov, 08:59 is outside Dana's working hours (Mon–Fri 09:00–18:00, Europe/London)") },
    { name: 'at the end of working hours', input: input({ at: local('2026-11-18T18:00') }), want: { send: false, rule: 'hours' } },
    { name: 'on a weekend', input: input({ at: local('2026-11-21T11:00') }), want: { send: false, rule: 'hours' } },
    { name: 'custom working days', input: input({ prefs: { workingDays: [1, 3, 5], workStart: '08:00', workEnd: '12:00' }, at: local('2026-11-18T12:30') }), want: held('hours', "Wed 18 Nov, 12:30 is outside Dana's working hours (Mon, Wed, Fri 08:00–12:00, Europe/London)") },
    { name: 'an unknown time zone', input: input({ person: { tz: 'Mars/Olympus' } }), want: held('hours', "Dana's time zone 'Mars/Olympus' is unknown, so their working hours cannot be checked") },
    { name: 'guided: the digest, the check-in and one more spend the week', input: input({ counts: { today: 0, thisWeek: 3 } }), want: held('budget', 'Dana already has 3 of 3 messages this week (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)') },
    { name: 'guided: two today besides the digest', input: input({ counts: { today: 2, thisWeek: 2 } }), want: held('budget', 'Dana already has 2 of 2 messages today (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)') },
    { name: 'not tiered yet: as ramping', input: input({ tier: null, counts: { today: 0, thisWeek: 3 } }), want: held('budget', 'Dana already has 3 of 3 messages this week (ramping budget (not tiered yet): 3 a week counting the digest and check-ins, 2 a day besides the digest)') },
    { name: 'focused: the day\'s check-in takes the day', input: input({ tier: 'focused', counts: { today: 1, thisWeek: 1 } }), want: held('budget', 'Dana already has 1 of 1 messages today (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)') },
    { name: 'focused: five check-ins and the digest are the week', input: input({ tier: 'focused', counts: { today: 0, thisWeek: 6 } }), want: held('budget', 'Dana already has 6 of 6 messages this week (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)') },
    // The count includes messages only scheduled (the check-ins and digest keep their places): say so, not "already".
    {
      name: 'focused, Monday after the digest: the week counted with the check-ins still to come',
      input: input({ tier: 'focused', counts: { today: 1, thisWeek: 6, ahead: { today: 1, thisWeek: 5, digest: 0 } } }),
      want: held('budget', 'Dana has 6 of 6 messages this week, counting the check-ins still to come (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)'),
    },
    {
      name: 'focused, Monday before the digest: the check-ins and digest still to come',
      input: input({ tier: 'focused', counts: { today: 1, thisWeek: 6, ahead: { today: 1, thisWeek: 6, digest: 1 } } }),
      want: held('budget', 'Dana has 6 of 6 messages this week, counting the check-ins and digest still to come (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)'),
    },
    {
      name: 'guided, one check-in ahead: singular',
      input: input({ counts: { today: 0, thisWeek: 3, ahead: { today: 0, thisWeek: 1, digest: 0 } } }),
      want: held('budget', 'Dana has 3 of 3 messages this week, counting the check-in still to come (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)'),
    },
    {
      name: 'focused, the day: today’s check-in still to come',
      input: input({ tier: 'focused', counts: { today: 1, thisWeek: 3, ahead: { today: 1, thisWeek: 3, digest: 0 } } }),
      want: held('budget', 'Dana has 1 of 1 messages today, counting the check-in still to come (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)'),
    },
    {
      name: 'all sent already: "already has"',
      input: input({ counts: { today: 0, thisWeek: 3, ahead: { today: 0, thisWeek: 0, digest: 0 } } }),
      want: held('budget', 'Dana already has 3 of 3 messages this week (guided budget: 3 a week counting the digest and check-ins, 2 a day besides the digest)'),
    },
    {
      name: 'autonomous (a review DM, no tier gate): the digest alone, no count quoted',
      input: input({ tier: 'autonomous', message: { kind: 'review' }, counts: { today: 0, thisWeek: 1, ahead: { today: 0, thisWeek: 1, digest: 1 } } }),
      want: held('budget', 'Dana gets no messages besides the weekly digest (autonomous budget: 1 a week counting the digest and check-ins, 0 a day besides the digest)'),
    },
    { name: 'focused: a day without a check-in (a holiday moved it, or check-ins are weekly)', input: input({ tier: 'focused', counts: { today: 0, thisWeek: 3 } }), want: { send: true, reason: 'sent: behind-pace nudge for Dana, who has 0 of 1 messages today besides this one (focused budget: 6 a week counting the digest and check-ins, 1 a day besides the digest)' } },
    { name: 'agenda reminders share the budget', input: input({ message: REMINDER, counts: { today: 1, thisWeek: 3 } }), want: { send: false, rule: 'budget' } },
    { name: 'autonomous: the digest is the week', input: input({ tier: 'autonomous', message: { kind: 'digest' } }), want: { send: true } },
  ];
  it.each(scenarios)('$name', ({ input: i, want }) => {
    expect(decideUnsolicited(i)).toMatchObject(want);
  });
});

describe('decideUnsolicited: the first rule that holds names the reason', () => {
  const everything: TOver = {
    person: { isDeleted: true },
    prefs: { pausedUntil: '2026-12-01T00:00:00Z', nudgesOff: ['behind_pace'], nudgeSnoozes: { behind_pace: '2026-12-01T00:00:00Z' } },
    status: VACATION,
    tier: 'autonomous',
    alreadySentForReason: true,
    message: { ...NUDGE, expectationMet: true },
    holidayName: 'A holiday',
    at: local('2026-11-21T03:00'),
    counts: { today: 9, thisWeek: 9 },
  };
  const without = (...keys: (keyof TOver)[]): TOver => Object.fromEntries(Object.entries(everything).filter(([k]) => !keys.includes(k as keyof TOver)));
  const scenarios = [
    { over: everything, want: 'inactive' },
    { over: without('person'), want: 'paused' },
    { over: { ...without('person'), prefs: { nudgesOff: ['behind_pace'] } }, want: 'away' },
    { over: { ...without('person', 'status'), prefs: { nudgesOff: ['behind_pace'] } }, want: 'tier' },
    { over: { ...without('person', 'status', 'tier'), prefs: { nudgesOff: ['behind_pace'] } }, want: 'duplicate' },
    { over: { ...without('person', 'status', 'tier', 'alreadySentForReason'), prefs: { nudgesOff: ['behind_pace'] } }, want: 'met' },
    { over: { ...without('person', 'status', 'tier', 'alreadySentForReason', 'message'), prefs: { nudgesOff: ['behind_pace'], nudgeSnoozes: { behind_pace: '2026-12-01T00:00:00Z' } } }, want: 'muted' },
    { over: { ...without('person', 'status', 'tier', 'alreadySentForReason', 'message'), prefs: { nudgeSnoozes: { behind_pace: '2026-12-01T00:00:00Z' } } }, want: 'snoozed' },
    { over: without('person', 'status', 'tier', 'alreadySentForReason', 'message', 'prefs'), want: 'holiday' },
    { over: without('person', 'status', 'tier', 'alreadySentForReason', 'message', 'prefs', 'holidayName'), want: 'hours' },
    { over: without('person', 'status', 'tier', 'alreadySentForReason', 'message', 'prefs', 'holidayName', 'at'), want: 'budget' },
  ];
  it.each(scenarios)('→ $want', ({ over, want }) => {
    expect(decideUnsolicited(input(over))).toMatchObject({ send: false, rule: want });
  });
});

describe('decideUnsolicited: digests and check-ins', () => {
  const saturday = local('2026-11-21T07:00');
  const scenarios: { name: string; input: TPolicyInput; want: object }[] = [
    { name: 'a digest at the chosen time, outside working hours, budget spent, autonomous', input: input({ message: DIGEST, tier: 'autonomous', at: saturday, counts: { today: 5, thisWeek: 9 }, prefs: { digestDay: 6, digestTime: '07:00', digestChosen: true } }), want: { send: true, reason: "sent: Dana's weekly digest, at the time they chose (Saturday 07:00)" } },
    { name: 'the default digest time outside working hours is held', input: input({ message: DIGEST, at: saturday }), want: { send: false, rule: 'hours' } },
    { name: 'a team digest', input: input({ message: { kind: 'team_digest' } }), want: { send: true, reason: "sent: Dana's team digest, at their weekly digest time within their working hours" } },
    { name: 'no digest while paused', input: input({ message: DIGEST, prefs: { pausedUntil: '2026-11-25T00:00:00Z' } }), want: { send: false, rule: 'paused' } },
    { name: 'no digest while away', input: input({ message: DIGEST, status: { emoji: ':face_with_thermometer:', text: 'Out sick', expiresAt: null } }), want: { send: false, rule: 'away' } },
    { name: 'no digest on a public holiday', input: input({ message: DIGEST, holidayName: 'Boxing Day' }), want: { send: false, rule: 'holiday' } },
    { name: 'no digest for a deactivated person', input: input({ message: DIGEST, person: { isDeleted: true } }), want: { send: false, rule: 'inactive' } },
    { name: 'no second digest for the week', input: input({ message: DIGEST, alreadySentForReason: true }), want: { send: false, rule: 'duplicate' } },
    { name: 'a guided weekly check-in, never budgeted', input: input({ message: CHECKIN, counts: { today: 9, thisWeek: 9 } }), want: { send: true, reason: "sent: Dana's weekly check-in (guided tier)" } },
    { name: 'a focused daily check-in', input: input({ message: CHECKIN, tier: 'focused' }), want: { send: true, reason: "sent: Dana's daily check-in (focused tier)" } },
    { name: 'not tiered yet: weekly', input: input({ message: CHECKIN, tier: null }), want: { send: true, reason: "sent: Dana's weekly check-in (not tiered yet, so as ramping)" } },
    { name: 'autonomous on auto: none', input: input({ message: CHECKIN, tier: 'autonomous' }), want: held('tier', 'Dana is autonomous: no check-ins unless they turn them on in /coach settings') },
    { name: 'autonomous who opted in', input: input({ message: CHECKIN, tier: 'autonomous', prefs: { checkins: 'weekly' } }), want: { send: true, reason: "sent: Dana's weekly check-in (their setting)" } },
    { name: 'turned off', input: input({ message: CHECKIN, tier: 'focused', prefs: { checkins: 'off' } }), want: held('opted_out', 'Dana turned check-ins off') },
    { name: 'a check-in outside working hours', input: input({ message: CHECKIN, at: local('2026-11-18T19:00') }), want: { send: false, rule: 'hours' } },
    { name: 'a check-in on a holiday', input: input({ message: CHECKIN, holidayName: 'Boxing Day' }), want: { send: false, rule: 'holiday' } },
  ];
  it.each(scenarios)('$name', ({ input: i, want }) => {
    expect(decideUnsolicited(i)).toMatchObject(want);
  });
});

describe('decideUnsolicited: working hours follow the clocks (DST)', () => {
  // The UK leaves summer time on Sun 25 Oct 2026: 08:30Z is 09:30 local on the Friday before, 08:30 on the Monday after.
  it.each([
    { at: DateTime.fromISO('2026-10-23T08:30:00Z'), want: true },
    { at: DateTime.fromISO('2026-10-26T08:30:00Z'), want: false },
    { at: DateTime.fromISO('2026-10-26T09:00:00Z'), want: true },
  ])('$at', ({ at, want }) => {
    expect(decideUnsolicited(input({ at })).send).toBe(want);
  });
});

describe('isAway', () => {
  const status = (emoji: string, text = '', expiresAt: number | null = null): TAwayStatus => ({ emoji, text, expiresAt });
  const scenarios: { name: string; status: TAwayStatus | null; want: boolean }[] = [
    { name: 'no status', status: null, want: false },
    { name: 'an empty status', status: status(''), want: false },
    { name: "Slack's Vacationing", status: status(':palm_tree:', 'Vacationing'), want: true },
    { name: "Slack's Out sick", status: status(':face_with_thermometer:', 'Out sick'), want: true },
    { name: 'an emoji alone', status: status(':desert_island:'), want: true },
    { name: 'parental leave by emoji, with a skin tone', status: status(':baby::skin-tone-3:'), want: true },
    { name: 'emoji in capitals without colons', status: status('PALM_TREE'), want: true },
    { name: 'OOO in the text', status: status(':calendar:', 'OOO until Monday'), want: true },
    { name: 'out of office', status: status('', 'Out of office'), want: true },
    { name: 'PTO', status: status('', 'pto'), want: true },
    { name: 'on leave', status: status('', 'On leave till 3rd'), want: true },
    { name: 'away as a word', status: status('', 'Away'), want: true },
    { name: 'German', status: status('', 'Im Urlaub bis 2.11.'), want: true },
    { name: 'French with an accent at the end', status: status('', 'En congé'), want: true },
    { name: 'Spanish', status: status('', 'De vacaciones'), want: true },
    { name: 'Japanese', status: status('', '休暇中'), want: true },
    { name: 'away inside another word is not away', status: status('', 'Awayday prep'), want: false },
    { name: 'travelling is not away', status: status(':airplane:', 'Flying to NYC'), want: false },
    { name: "Slack's In a meeting", status: status(':spiral_calendar_pad:', 'In a meeting'), want: false },
    { name: "Slack's Working remotely", status: status(':house_with_garden:', 'Working remotely'), want: false },
    { name: 'back from vacation', status: status('', 'Back from vacation, catching up'), want: false },
    { name: 'back from holiday, but OOO Friday', status: status('', 'Just back from holiday; OOO Friday'), want: true },
    { name: 'expired', status: status(':palm_tree:', 'Vacation', AT.toMillis() - 1), want: false },
    { name: 'expiring exactly now', status: status(':palm_tree:', 'Vacation', AT.toMillis()), want: false },
    { name: 'expiring later', status: status(':palm_tree:', 'Vacation', AT.toMillis() + 1), want: true },
    { name: "Slack's 0 means no expiry", status: status(':palm_tree:', 'Vacation', 0), want: true },
  ];
  it.each(scenarios)('$name', ({ status: s, want }) => {
    expect(isAway(s, AT)).toBe(want);
  });
});

describe('checkinCadence', () => {
  const tiers: (TTier | null)[] = ['autonomous', 'guided', 'focused', 'ramping', null];
  const autoWant = { autonomous: 'off', guided: 'weekly', focused: 'daily', ramping: 'weekly', null: 'weekly' } as const;
  it.each(tiers.map((tier) => ({ tier, want: autoWant[String(tier) as keyof typeof autoWant] })))('auto, $tier → $want', ({ tier, want }) => {
    expect(checkinCadence(tier, DEFAULT_PREFERENCES)).toBe(want);
  });
  it.each((['daily', 'weekly', 'off'] as const).flatMap((checkins) => tiers.map((tier) => ({ tier, checkins }))))('$checkins wins for $tier', ({ tier, checkins }) => {
    expect(checkinCadence(tier, { ...DEFAULT_PREFERENCES, checkins })).toBe(checkins);
  });
});

describe('policyReasonKey and the budgets', () => {
  it.each([
    { message: NUDGE, subject: '2026-W48:call', want: 'nudge:behind_pace:2026-W48:call' },
    { message: { kind: 'nudge', nudge: 'stalled_deal' } as const, subject: '2026-11-30:deal-42', want: 'nudge:stalled_deal:2026-11-30:deal-42' },
    { message: DIGEST, subject: '2026-W48', want: 'digest:2026-W48' },
    { message: CHECKIN, subject: '2026-11-30', want: 'checkin:2026-11-30' },
  ])('$want', ({ message, subject, want }) => {
    expect(policyReasonKey(message, subject)).toBe(want);
  });

  it('matches SPEC §2', () => {
    expect(TIER_BUDGETS).toEqual({ autonomous: { perDay: 0, perWeek: 1 }, guided: { perDay: 2, perWeek: 3 }, focused: { perDay: 1, perWeek: 6 }, ramping: { perDay: 2, perWeek: 3 } });
    expect(NUDGE_KINDS).toEqual(['behind_pace', 'stalled_deal', 'action_item_due']);
  });
});

describe('decideUnsolicited: properties', () => {
  const arbMessage: fc.Arbitrary<TUnsolicited> = fc.oneof(
    fc.constantFrom<TUnsolicited>(DIGEST, { kind: 'team_digest' }, CHECKIN, REMINDER),
    fc.record({ kind: fc.constant('nudge' as const), nudge: fc.constantFrom(...NUDGE_KINDS), expectationMet: fc.boolean() }),
  );
  const arbInput = fc.record({
    tier: fc.constantFrom<TTier | null>('autonomous', 'guided', 'focused', 'ramping', null),
    message: arbMessage,
    at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => DateTime.fromMillis(ms, { zone: 'utc' })),
    tz: fc.constantFrom('Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney'),
    holidayName: fc.option(fc.constant('A holiday')),
    today: fc.nat(3),
    week: fc.nat(6),
    away: fc.boolean(),
    paused: fc.boolean(),
    duplicate: fc.boolean(),
    checkins: fc.constantFrom('auto', 'daily', 'weekly', 'off') as fc.Arbitrary<TPreferences['checkins']>,
  });

  it('never sends against the contract, and always says why', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const i = input({
          tier: a.tier,
          message: a.message,
          at: a.at,
          person: { tz: a.tz },
          holidayName: a.holidayName,
          counts: { today: Math.min(a.today, a.week), thisWeek: a.week },
          status: a.away ? VACATION : null,
          prefs: { pausedUntil: a.paused ? a.at.plus({ days: 1 }).toISO() : null, checkins: a.checkins },
          alreadySentForReason: a.duplicate,
        });
        const decision = decideUnsolicited(i);
        expect(decision.reason.length).toBeGreaterThan(10);
        if (!decision.send) return;
        const digest = a.message.kind === 'digest' || a.message.kind === 'team_digest';
        expect(a.away || a.paused || a.duplicate || a.holidayName !== null).toBe(false);
        if (digest) return;
        expect(isWithinWorkingHours(a.at, a.tz, { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' })).toBe(true);
        if (a.message.kind === 'checkin') return;
        const budget = TIER_BUDGETS[a.tier ?? 'ramping'];
        expect(i.counts.today < budget.perDay && i.counts.thisWeek < budget.perWeek).toBe(true);
        if (a.message.kind === 'nudge') expect(a.message.expectationMet).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
