import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { reviewDmDecision, reviewDmDueAt, reviewDmState, reviewsForDigest, type TReviewForDigest } from '../../src/domain/call-reviews';
import type { TTier } from '../../src/domain/coaching/tiers';
import { decideUnsolicited, type TPolicyDecision, type TPolicyInput } from '../../src/domain/nudge-policy';
import { DEFAULT_PREFERENCES } from '../../src/domain/preferences';
import type { TWorkingHours } from '../../src/domain/schedule';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { DIGEST_REVIEWS_SHOWN, digestReviewBlocks, renderReviewDm, reviewTriedBlockId, withReviewTried } from '../../src/slack/blocks/review-dm';
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

describe('reviewDmDecision: pending when the policy sends, suppressed toward the digest otherwise', () => {
  const scenarios: { name: string; policy: TPolicyDecision; want: object }[] = [
    { name: 'sent', policy: { send: true, reason: 'sent: a call review' }, want: { status: 'pending', reason: 'sent: a call review' } },
    {
      name: 'the budget is spent',
      policy: { send: false, rule: 'budget', reason: 'held back: Dana already has 3 of 3 messages this week' },
      want: { status: 'suppressed', reason: 'held back: Dana already has 3 of 3 messages this week; the review goes in their next weekly digest instead' },
    },
    { name: 'paused', policy: { send: false, rule: 'paused', reason: 'held back: Dana paused' }, want: { status: 'suppressed', reason: 'held back: Dana paused; the review goes in their next weekly digest instead' } },
  ];
  for (const s of scenarios) it(s.name, () => expect(reviewDmDecision(s.policy)).toEqual(s.want));
});

describe('decideUnsolicited for a review DM: no tier gate, no duplicate rule, the rest as for nudges', () => {
  const AT = local('2026-11-18T11:00');
  const input = (over: { tier?: TTier | null; counts?: { today: number; thisWeek: number }; at?: DateTime; holidayName?: string | null; alreadySentForReason?: boolean; pausedUntil?: string | null }): TPolicyInput => ({
    person: { name: 'Dana', tz: LONDON, tier: over.tier === undefined ? 'guided' : over.tier, preferences: { ...DEFAULT_PREFERENCES, pausedUntil: over.pausedUntil ?? null }, status: null, isBot: false, isDeleted: false },
    message: { kind: 'review', detail: 'Ava reviewed a call of Dana’s' },
    at: over.at ?? AT,
    holidayName: over.holidayName ?? null,
    counts: over.counts ?? { today: 0, thisWeek: 1 },
    alreadySentForReason: over.alreadySentForReason ?? false,
  });
  const scenarios: { name: string; input: TPolicyInput; want: { send: boolean; rule?: string; reason?: RegExp } }[] = [
    { name: 'guided with room: sent, with the why first', input: input({}), want: { send: true, reason: /^sent: Ava reviewed a call of Dana’s; Dana has 1 of 3 messages this week/ } },
    { name: 'guided, week spent', input: input({ counts: { today: 0, thisWeek: 3 } }), want: { send: false, rule: 'budget', reason: /3 of 3 messages this week/ } },
    { name: 'focused, a check-in already today', input: input({ tier: 'focused', counts: { today: 1, thisWeek: 2 } }), want: { send: false, rule: 'budget', reason: /1 of 1 messages today/ } },
    { name: 'autonomous: no tier gate, but the budget is the digest alone', input: input({ tier: 'autonomous', counts: { today: 0, thisWeek: 1 } }), want: { send: false, rule: 'budget' } },
    { name: 'not tiered yet: as ramping', input: input({ tier: null }), want: { send: true } },
    { name: 'no duplicate rule (one per review by its key)', input: input({ alreadySentForReason: true }), want: { send: true } },
    { name: 'outside working hours', input: input({ at: local('2026-11-18T21:00') }), want: { send: false, rule: 'hours' } },
    { name: 'a public holiday', input: input({ holidayName: 'Boxing Day' }), want: { send: false, rule: 'holiday' } },
    { name: 'paused', input: input({ pausedUntil: '2026-11-25T09:00:00Z' }), want: { send: false, rule: 'paused' } },
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

describe('reviewsForDigest: only reviews of the week whose DM was held back', () => {
  const SINCE = 1_000;
  const UNTIL = 2_000;
  const r = (id: number, sharedAt: number, dm: TReviewForDigest['dm']): TReviewForDigest => ({ id, sharedAt, dm });
  const scenarios: { name: string; reviews: TReviewForDigest[]; want: number[] }[] = [
    { name: 'nothing', reviews: [], want: [] },
    { name: 'held back in the week', reviews: [r(1, 1_500, 'held')], want: [1] },
    { name: 'already DMd: not twice', reviews: [r(1, 1_500, 'sent')], want: [] },
    { name: 'DM still on its way: left to it', reviews: [r(1, 1_500, 'pending')], want: [] },
    { name: 'not planned yet: left to the DM', reviews: [r(1, 1_500, 'none')], want: [] },
    { name: 'the first instant of the week is in', reviews: [r(1, SINCE, 'held')], want: [1] },
    { name: 'the digest instant itself is next week’s', reviews: [r(1, UNTIL, 'held')], want: [] },
    { name: 'older than the week', reviews: [r(1, 999, 'held')], want: [] },
    { name: 'a mix, order kept', reviews: [r(3, 1_900, 'held'), r(2, 1_800, 'sent'), r(1, 1_100, 'held')], want: [3, 1] },
  ];
  for (const s of scenarios) it(s.name, () => expect(reviewsForDigest(s.reviews, SINCE, UNTIL)).toEqual(s.want));
});

describe('reviewDmState: a delivery status as the digest merge reads it', () => {
  const scenarios: [string | null, TReviewForDigest['dm']][] = [
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
    expect(all).toContain('*Ava reviewed your call* <https://app.gong.io/call?id=12&amp;x=%3Cy%3E|Acme Corp call, Fri 4 Dec> (Discovery)');
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
    const long = card({ reviewerName: null, wentWell: 'w'.repeat(5_000), oneThing: 'o'.repeat(5_000), exemplar: null, dealName: null, callStageName: null });
    const { blocks } = renderReviewDm({ ...long, budget: { max: 6, per: 'week' } });
    expect(findLimitViolations(blocks)).toEqual([]);
    const all = strings(blocks).join('\n');
    expect(all).toContain('*A former colleague reviewed your call*');
    expect(all).toContain('pass them to your manager');
    expect(all).not.toContain('Compare with');
  });
});

describe('digestReviewBlocks and withReviewTried', () => {
  it('no reviews: nothing at all', () => expect(digestReviewBlocks([])).toEqual([]));

  it('compact cards with their button, at most a few, then how many more', () => {
    const reviews = [1, 2, 3, 4, 5].map((id) => card({ id, wentWell: 'x'.repeat(2_000) }));
    const blocks = digestReviewBlocks(reviews);
    const ids = blocks.flatMap((b) => ('block_id' in b && b.block_id ? [b.block_id] : []));
    expect(ids).toEqual([1, 2, 3].map(reviewTriedBlockId));
    expect(DIGEST_REVIEWS_SHOWN).toBe(3);
    expect(strings(blocks).join('\n')).toContain('…and 2 more on your Home tab.');
    expect(strings(blocks).join('\n')).toContain('*5 call reviews for you*');
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('re-renders only the clicked review’s block, in a DM or a digest, and back with Undo', () => {
    const blocks: KnownBlock[] = [...digestReviewBlocks([card({ id: 1 }), card({ id: 2 })])];
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
