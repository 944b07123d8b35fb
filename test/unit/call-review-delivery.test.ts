import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  CARRIER_LOOKBACK_DAYS,
  carrierSince,
  dueInSpans,
  reviewDmDecision,
  reviewDmDueAt,
  reviewDmForCarrier,
  reviewDmState,
  reviewsToCarry,
  type TCarrierNote,
  type TReviewToCarry,
  workingSpans,
} from '../../src/domain/call-reviews';
import type { TTier } from '../../src/domain/coaching/tiers';
import { decideUnsolicited, type TPolicyDecision, type TPolicyInput } from '../../src/domain/nudge-policy';
import { DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import type { TWorkingHours } from '../../src/domain/schedule';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { CARRIED_REVIEWS_SHOWN, carriedReviewBlocks, carriedReviewsText, renderReviewDm } from '../../src/slack/blocks/review-dm';
import { reviewTriedBlockId, withReviewTried } from '../../src/slack/blocks/review-tried';
import { reviewAskBlockId } from '../../src/slack/blocks/review-ask';
import { REVIEW_IDS } from '../../src/slack/blocks/review-ids';
import type { TReviewCardView } from '../../src/slack/blocks/view-models/review-dm';

const LONDON = 'Europe/London';
const local = (iso: string, zone = LONDON) => DateTime.fromISO(iso, { zone });
const WEEKDAYS: TWorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

describe('reviewDmDueAt: at once in working hours, else when the next working day starts', () => {
  const scenarios: { name: string; sharedAt: string; tz?: string; hours?: TWorkingHours; want: string }[] = [
    { name: 'in hours: at once', sharedAt: '2026-11-18T11:00', want: '2026-11-18T11:00:00.000+00:00' },
    { name: 'the first minute of the day', sharedAt: '2026-11-18T09:00', want: '2026-11-18T09:00:00.000+00:00' },
    { name: 'the evening: next morning', sharedAt: '2026-11-18T21:00', want: '2026-11-19T09:00:00.000+00:00' },
    { name: 'early morning: that morning', sharedAt: '2026-11-18T06:30', want: '2026-11-18T09:00:00.000+00:00' },
    { name: 'Friday evening: Monday morning', sharedAt: '2026-11-20T19:00', want: '2026-11-23T09:00:00.000+00:00' },
    { name: 'Saturday: Monday morning', sharedAt: '2026-11-21T12:00', want: '2026-11-23T09:00:00.000+00:00' },
    // Clocks go back on Sun 25 Oct 2026 in London: Friday 20:00 BST → Monday 09:00 GMT.
    { name: 'Friday evening of the DST week: Monday 09:00 in the new offset', sharedAt: '2026-10-23T20:00', want: '2026-10-26T09:00:00.000+00:00' },
    { name: 'the evening before DST starts (29 Mar 2026): next morning 09:00 BST', sharedAt: '2026-03-27T22:00', want: '2026-03-30T09:00:00.000+01:00' },
    { name: 'another zone: its own morning', sharedAt: '2026-11-18T21:00', tz: 'America/New_York', want: '2026-11-19T09:00:00.000-05:00' },
    { name: 'custom days (Tue, Thu) and hours', sharedAt: '2026-11-18T11:00', hours: { days: [2, 4], start: '08:30', end: '12:00' }, want: '2026-11-19T08:30:00.000+00:00' },
    { name: 'an empty schedule: at once, the policy decides', sharedAt: '2026-11-21T23:00', hours: { days: [], start: '09:00', end: '18:00' }, want: '2026-11-21T23:00:00.000+00:00' },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const tz = s.tz ?? LONDON;
      const due = reviewDmDueAt(local(s.sharedAt, tz), tz, s.hours ?? WEEKDAYS);
      expect(due.setZone(tz).toISO()).toBe(DateTime.fromISO(s.want, { setZone: true }).setZone(tz).toISO());
      expect(due.toMillis()).toBe(DateTime.fromISO(s.want).toMillis());
    });
  }
});

describe('reviewDmDecision: pending when the policy sends, suppressed toward the next check-in or digest otherwise', () => {
  const scenarios: { name: string; policy: TPolicyDecision; carrier?: TCarrierNote; want: object }[] = [
    { name: 'sent', policy: { send: true, reason: 'sent: a call review' }, want: { status: 'pending', reason: 'sent: a call review' } },
    {
      name: 'the budget is spent, the next carrier unknown',
      policy: { send: false, rule: 'budget', reason: 'held back: Dana already has 3 of 3 messages this week' },
      want: { status: 'suppressed', reason: 'held back: Dana already has 3 of 3 messages this week; it comes with their next check-in or weekly digest instead' },
    },
    {
      name: 'the budget is spent: names the check-in that brings it',
      policy: { send: false, rule: 'budget', reason: 'held back: Dana has 3 of 3 messages this week' },
      carrier: { kind: 'checkin', whenText: 'Fri 4 Dec, 16:30' },
      want: { status: 'suppressed', reason: 'held back: Dana has 3 of 3 messages this week; it comes with their check-in at Fri 4 Dec, 16:30 (their time) instead' },
    },
    {
      name: 'the budget is spent: names the digest that brings it',
      policy: { send: false, rule: 'budget', reason: 'held back: Dana gets no messages besides the weekly digest' },
      carrier: { kind: 'digest', whenText: 'Mon 7 Dec, 09:00' },
      want: { status: 'suppressed', reason: 'held back: Dana gets no messages besides the weekly digest; it comes with their weekly digest at Mon 7 Dec, 09:00 (their time) instead' },
    },
  ];
  for (const s of scenarios) it(s.name, () => expect(reviewDmDecision(s.policy, s.carrier)).toEqual(s.want));
});

describe('reviewDmForCarrier: a DM due within the hour before the carrier is held for it', () => {
  it.each([
    { carrier: { kind: 'digest' as const, whenText: 'Mon 7 Dec, 09:00' }, want: "held back: due within the hour before Dana's weekly digest; it comes with their weekly digest at Mon 7 Dec, 09:00 (their time) instead" },
    { carrier: { kind: 'checkin' as const, whenText: 'Wed 2 Dec, 16:30' }, want: "held back: due within the hour before Dana's check-in; it comes with their check-in at Wed 2 Dec, 16:30 (their time) instead" },
  ])('$carrier.kind', ({ carrier, want }) => expect(reviewDmForCarrier('Dana', carrier)).toEqual({ status: 'suppressed', reason: want }));
});

describe('workingSpans + dueInSpans: reviewDmDueAt without luxon per review', () => {
  const zones = ['Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Sydney'];
  const schedules: TWorkingHours[] = [WEEKDAYS, { days: [2, 4], start: '08:30', end: '12:00' }, { days: [1, 2, 3, 4, 5, 6], start: '07:15', end: '19:45' }];
  // Across both 2026 DST changes in London and New York, every 37 minutes.
  const windows = [local('2026-03-20T00:00'), local('2026-10-20T00:00')];
  for (const tz of zones) {
    for (const [i, hours] of schedules.entries()) {
      it(`${tz}, schedule ${i + 1}: the same instant as reviewDmDueAt`, () => {
        for (const start of windows) {
          const end = start.plus({ days: 12 });
          const spans = workingSpans(tz, hours, start, end.plus({ days: 9 }));
          const from = start.setZone(tz).startOf('day').toMillis();
          const to = end.plus({ days: 9 }).setZone(tz).endOf('day').toMillis();
          const mismatches: string[] = [];
          for (let t = start.toMillis(); t < end.toMillis(); t += 37 * 60_000) {
            const want = reviewDmDueAt(DateTime.fromMillis(t, { zone: 'utc' }), tz, hours).toMillis();
            const got = dueInSpans(spans, t, from, to);
            if (got !== want) mismatches.push(`${new Date(t).toISOString()}: ${got === null ? 'null' : new Date(got).toISOString()} ≠ ${new Date(want).toISOString()}`);
          }
          expect(mismatches).toEqual([]);
        }
      });
    }
  }
  it('outside the spans it covers: null (the caller asks reviewDmDueAt)', () => {
    const spans = workingSpans(LONDON, WEEKDAYS, local('2026-11-16T00:00'), local('2026-11-20T00:00'));
    const from = local('2026-11-16T00:00').toMillis();
    const to = local('2026-11-20T23:59:59.999').toMillis();
    expect(dueInSpans(spans, local('2026-11-15T12:00').toMillis(), from, to)).toBeNull();
    expect(dueInSpans(spans, local('2026-11-20T19:00').toMillis(), from, to)).toBeNull();
    expect(dueInSpans(spans, local('2026-11-18T19:00').toMillis(), from, to)).toBe(local('2026-11-19T09:00').toMillis());
  });
  it('an unknown zone throws', () => expect(() => workingSpans('Mars/Base', WEEKDAYS, local('2026-11-16T00:00'), local('2026-11-20T00:00'))).toThrow(RangeError));
});

describe('decideUnsolicited for a review DM: no tier gate, the rest as for nudges; a requested one outside the budget', () => {
  const AT = local('2026-11-18T11:00');
  const input = (over: { tier?: TTier | null; counts?: { today: number; thisWeek: number }; at?: DateTime; holidayName?: string | null; alreadySentForReason?: boolean; pausedUntil?: string | null; requested?: boolean }): TPolicyInput => ({
    person: { name: 'Dana', tz: LONDON, tier: over.tier === undefined ? 'guided' : over.tier, preferences: { ...DEFAULT_PREFERENCES, pausedUntil: over.pausedUntil ?? null }, status: null, isBot: false, isDeleted: false },
    message: { kind: 'review', detail: 'a call review for Dana', requested: over.requested ?? false },
    at: over.at ?? AT,
    holidayName: over.holidayName ?? null,
    counts: over.counts ?? { today: 0, thisWeek: 1 },
    alreadySentForReason: over.alreadySentForReason ?? false,
  });
  const scenarios: { name: string; input: TPolicyInput; want: { send: boolean; rule?: string; reason?: RegExp } }[] = [
    { name: 'guided with room: sent, with the why first', input: input({}), want: { send: true, reason: /^sent: a call review for Dana; Dana has 1 of 3 messages this week/ } },
    { name: 'guided, week spent', input: input({ counts: { today: 0, thisWeek: 3 } }), want: { send: false, rule: 'budget', reason: /3 of 3 messages this week/ } },
    { name: 'focused, a check-in already today', input: input({ tier: 'focused', counts: { today: 1, thisWeek: 2 } }), want: { send: false, rule: 'budget', reason: /1 of 1 messages today/ } },
    { name: 'autonomous: no tier gate, but the budget is the digest alone', input: input({ tier: 'autonomous', counts: { today: 0, thisWeek: 1 } }), want: { send: false, rule: 'budget' } },
    { name: 'not tiered yet: as ramping', input: input({ tier: null }), want: { send: true } },
    { name: 'the duplicate rule as for any kind (the planner never sets it: one DM per review, by its key)', input: input({ alreadySentForReason: true }), want: { send: false, rule: 'duplicate' } },
    { name: 'outside working hours', input: input({ at: local('2026-11-18T21:00') }), want: { send: false, rule: 'hours' } },
    { name: 'a public holiday', input: input({ holidayName: 'Boxing Day' }), want: { send: false, rule: 'holiday' } },
    { name: 'paused', input: input({ pausedUntil: '2026-11-25T09:00:00Z' }), want: { send: false, rule: 'paused' } },
    // Answering the rep's own request: solicited, so no budget; the rest still holds.
    { name: 'requested, week spent: sent, not counted', input: input({ requested: true, counts: { today: 0, thisWeek: 3 } }), want: { send: true, reason: /^sent: a call review for Dana; Dana asked for this review, so it is not counted in their messages$/ } },
    { name: 'requested, focused with today’s check-in: sent', input: input({ requested: true, tier: 'focused', counts: { today: 1, thisWeek: 6 } }), want: { send: true } },
    { name: 'requested, autonomous: sent', input: input({ requested: true, tier: 'autonomous', counts: { today: 0, thisWeek: 1 } }), want: { send: true } },
    { name: 'requested, outside working hours: held', input: input({ requested: true, at: local('2026-11-18T21:00') }), want: { send: false, rule: 'hours' } },
    { name: 'requested, paused: held', input: input({ requested: true, pausedUntil: '2026-11-25T09:00:00Z' }), want: { send: false, rule: 'paused' } },
    { name: 'requested, a public holiday: held', input: input({ requested: true, holidayName: 'Boxing Day' }), want: { send: false, rule: 'holiday' } },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const got = decideUnsolicited(s.input);
      expect(got.send).toBe(s.want.send);
      if (!got.send && s.want.rule) expect(got.rule).toBe(s.want.rule);
      if (s.want.reason) expect(got.reason).toMatch(s.want.reason);
    });
  }
});

describe('reviewsToCarry: held-back reviews, each in the first carrier sent after it was held', () => {
  const SINCE = 1_000;
  const UNTIL = 2_000;
  const r = (id: number, sharedAt: number, dm: TReviewToCarry['dm'], dmDueAt: number | null = null): TReviewToCarry => ({ id, sharedAt, dm, dmDueAt });
  const scenarios: { name: string; reviews: TReviewToCarry[]; want: number[] }[] = [
    { name: 'nothing', reviews: [], want: [] },
    { name: 'held back since the previous carrier', reviews: [r(1, 1_500, 'held', 1_500)], want: [1] },
    { name: 'already DMd: not twice', reviews: [r(1, 1_500, 'sent', 1_500)], want: [] },
    { name: 'DM still on its way: left to it', reviews: [r(1, 1_500, 'pending', 1_600)], want: [] },
    { name: 'not planned yet: left to the DM', reviews: [r(1, 1_500, 'none')], want: [] },
    { name: 'held at the previous carrier’s instant: that one carried it', reviews: [r(1, SINCE, 'held', SINCE)], want: [] },
    // A DM held because this carrier is due at the same instant (Monday 09:00 and the digest): this one brings it.
    { name: 'held at this carrier’s instant: this one carries it', reviews: [r(1, UNTIL, 'held', UNTIL)], want: [1] },
    { name: 'held before the previous carrier: that one carried it', reviews: [r(1, 999, 'held', 999)], want: [] },
    { name: 'shared before the previous carrier, its DM held after it (due next morning): carried now', reviews: [r(1, 900, 'held', 1_200)], want: [1] },
    { name: 'its DM due after this carrier: left to the next', reviews: [r(1, 1_500, 'held', 2_100)], want: [] },
    { name: 'a mix, order kept', reviews: [r(3, 1_900, 'held', 1_900), r(2, 1_800, 'sent', 1_800), r(1, 1_100, 'held', 1_100)], want: [3, 1] },
  ];
  for (const s of scenarios) it(s.name, () => expect(reviewsToCarry(s.reviews, SINCE, UNTIL)).toEqual(s.want));
});

describe('carrierSince: from the previous carrier sent, at most 30 days back', () => {
  const DAY = 86_400_000;
  const NOW = 100 * DAY;
  const scenarios: { name: string; previous: number | null; want: number }[] = [
    { name: 'none before: 30 days back', previous: null, want: NOW - CARRIER_LOOKBACK_DAYS * DAY },
    { name: 'yesterday’s check-in', previous: NOW - DAY, want: NOW - DAY },
    { name: 'a carrier 40 days ago (a long pause): 30 days back', previous: NOW - 40 * DAY, want: NOW - 30 * DAY },
  ];
  for (const s of scenarios) it(s.name, () => expect(carrierSince(s.previous, NOW)).toBe(s.want));
});

describe('reviewDmState: a delivery status as the carriers read it', () => {
  const scenarios: [string | null, TReviewToCarry['dm']][] = [
    [null, 'none'],
    ['pending', 'pending'],
    ['sending', 'pending'],
    ['sent', 'sent'],
    ['suppressed', 'held'],
    ['skipped', 'held'],
    ['failed', 'held'],
  ];
  for (const [status, want] of scenarios) it(`${status ?? 'none recorded'} → ${want}`, () => expect(reviewDmState(status)).toBe(want));
});

const HOSTILE = '<!channel> <!here> <@U0AAA> <https://evil.example|click> & *x*';
const card = (over: Partial<TReviewCardView> = {}): TReviewCardView => ({
  id: 7,
  label: 'Acme Corp call, Fri 4 Dec',
  sharedAgo: '2 days ago',
  reviewerName: 'Ava',
  askName: 'Ava',
  url: 'https://app.gong.io/call?id=12&x=<y>',
  dealName: 'Acme Corp',
  callStageName: 'Discovery',
  wentWell: 'Great opening questions.',
  oneThing: 'Ask for the next step before the call ends.',
  oneThingStageName: 'Discovery',
  exemplar: { title: 'Maya × Globex discovery', url: 'https://app.gong.io/call?id=99' },
  tried: false,
  ...over,
});
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

describe('renderReviewDm', () => {
  it('says who reviewed which call, with the escaped link, the texts, the exemplar, the button, the thread hint and why it came', () => {
    const { blocks, text } = renderReviewDm({ ...card(), budget: { max: 3, per: 'week' } });
    const all = strings(blocks).join('\n');
    expect(all).toContain('*Ava reviewed your* <https://app.gong.io/call?id=12&amp;x=%3Cy%3E|Acme Corp call, Fri 4 Dec> (Discovery)');
    expect(all).toContain('*What went well*\nGreat opening questions.');
    expect(all).toContain('*One thing to work on (Discovery)*');
    expect(all).toContain('*Compare with:* <https://app.gong.io/call?id=99|Maya × Globex discovery>');
    expect(all).toContain("Questions? Reply in this thread and I'll pass them to Ava.");
    expect(all).toMatch(/Why you got this: Ava reviewed a call of yours\. It counts toward your 3 messages a week.*`\/coach pause 1w`/);
    const tried = blocks.find((b) => 'block_id' in b && b.block_id === reviewTriedBlockId(7)) as { accessory: { action_id: string; value: string; text: { text: string } } };
    expect(tried.accessory).toMatchObject({ action_id: REVIEW_IDS.tried, value: '7', text: { text: 'I tried it' } });
    expect(text).toBe('Ava reviewed your call. One thing to work on (Discovery): Ask for the next step before the call ends.');
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('lets no user text through as a mention, a broadcast or a link', () => {
    const hostile = card({ reviewerName: HOSTILE, dealName: HOSTILE, callStageName: HOSTILE, wentWell: HOSTILE, oneThing: HOSTILE, oneThingStageName: HOSTILE, exemplar: { title: HOSTILE, url: 'https://x.example/a|b>c' } });
    const message = renderReviewDm({ ...hostile, budget: { max: 1, per: 'week' } });
    const pings = strings(message).filter((s) => /<!(channel|here)>|<@U0AAA>|<https:\/\/evil/.test(s));
    expect(pings).toEqual([]);
    expect(strings(message.blocks).join('\n')).toContain('<https://x.example/a%7Cb%3Ec|');
  });

  it('texts at their longest stay within Slack limits; a forgotten reviewer reads as a former colleague', () => {
    const long = card({ reviewerName: null, askName: 'Morgan Manager', wentWell: 'w'.repeat(5_000), oneThing: 'o'.repeat(5_000), exemplar: null, dealName: null, callStageName: null });
    const { blocks } = renderReviewDm({ ...long, budget: { max: 6, per: 'week' } });
    expect(findLimitViolations(blocks)).toEqual([]);
    const all = strings(blocks).join('\n');
    expect(all).toContain('*A former colleague reviewed your* <');
    expect(all).toContain("I'll pass them to Morgan Manager.");
    expect(all).not.toContain('Compare with');
  });

  it.each([
    { what: 'the reviewer', askName: 'Ava', want: "Questions? Reply in this thread and I'll pass them to Ava." },
    { what: 'the rep’s new manager, not the reviewer', askName: 'Olga Other', want: "Questions? Reply in this thread and I'll pass them to Olga Other." },
    { what: 'nobody may take it', askName: null, want: "Questions? Reply in this thread: you have no manager in Canopy right now, so they're kept with the review for your next 1:1." },
    { what: 'a hostile name, inert', askName: '<!channel> *Eve*', want: "I'll pass them to &lt;!channel&gt;" },
  ])('the thread hint names who a question goes to now: $what', ({ askName, want }) => {
    const all = strings(renderReviewDm({ ...card({ reviewerName: 'Ava', askName }), budget: { max: 3, per: 'week' } }).blocks).join('\n');
    expect(all).toContain(want);
    expect(all).not.toContain('<!channel>');
  });
});

describe('carriedReviewBlocks and withReviewTried', () => {
  it('no reviews: nothing at all', () => expect(carriedReviewBlocks([])).toEqual([]));

  it('compact cards with their button, at most a few, then how many more', () => {
    const reviews = [1, 2, 3, 4, 5].map((id) => card({ id: id, wentWell: 'x'.repeat(2_000) }));
    const blocks = carriedReviewBlocks(reviews);
    const ids = blocks.flatMap((b: KnownBlock) => ('block_id' in b && b.block_id ? [b.block_id] : []));
    expect(ids).toEqual([1, 2, 3].flatMap((id) => [reviewTriedBlockId(id), reviewAskBlockId(id)]));
    expect(CARRIED_REVIEWS_SHOWN).toBe(3);
    expect(strings(blocks).join('\n')).toContain('…and 2 more on your Home tab.');
    expect(strings(blocks).join('\n')).toContain("*5 call reviews for you*\nHere rather than in messages of their own, to keep Canopy's messages to you few.");
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('one review: singular words, and whom to ask (a carrier’s thread is for logging)', () => {
    const all = strings(carriedReviewBlocks([card()])).join('\n');
    expect(all).toContain("*A call review for you*\nHere rather than in a message of its own, to keep Canopy's messages to you few.");
    // Whom to ask is a button (its thread is for logging activity): the rep's question goes through a small form.
    const ask = carriedReviewBlocks([card()]).find((b) => 'block_id' in b && b.block_id === reviewAskBlockId(7));
    expect(ask).toMatchObject({ type: 'actions', elements: [{ type: 'button', action_id: REVIEW_IDS.ask, value: '7', text: { type: 'plain_text', text: 'Ask Ava a question' } }] });
    expect(all).not.toMatch(/reply in this thread|They |used up|next 1:1 or in Slack/i);
    expect(strings(carriedReviewBlocks([card({ reviewerName: null, askName: null })])).join('\n')).toContain('Ask your manager a question');
    // The button names whoever the question goes to now, not the reviewer who lost the rep.
    expect(strings(carriedReviewBlocks([card({ reviewerName: 'Ava', askName: 'Olga Other' })])).join('\n')).toContain('Ask Olga a question');
    expect(strings(carriedReviewBlocks([card({ reviewerName: 'Ava <!channel> Smith' })])).join('\n')).toContain('Ask Ava a question');
  });

  it('the notification text mentions them', () => {
    expect(carriedReviewsText([])).toBe('');
    expect(carriedReviewsText([card()])).toBe('A call review for you is inside.');
    expect(carriedReviewsText([card(), card({ id: 8 })])).toBe('2 call reviews for you are inside.');
  });

  it('re-renders only the clicked review’s block, in a DM or a digest, and back with Undo', () => {
    const blocks: KnownBlock[] = [...carriedReviewBlocks([card({ id: 1 }), card({ id: 2 })])];
    const tried = withReviewTried(blocks, 2, true)!;
    expect(tried.filter((b, i) => b !== blocks[i])).toHaveLength(1);
    const block = tried.find((b) => 'block_id' in b && b.block_id === reviewTriedBlockId(2)) as { accessory: { action_id: string; text: { text: string } }; text: { text: string } };
    expect(block.accessory).toMatchObject({ action_id: REVIEW_IDS.untried, text: { text: 'Undo' } });
    expect(block.text.text).toBe(':white_check_mark: You tried it.');
    const back = withReviewTried(tried, 2, false)!;
    expect(back).toEqual(blocks);
    expect(withReviewTried(blocks, 99, true)).toBeNull();
  });
});
