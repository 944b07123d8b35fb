import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TExpectationProgress } from '../../src/domain/coaching/progress';
import { coachingBlocks } from '../../src/slack/blocks/coaching';
import { renderFocus } from '../../src/slack/blocks/focus';
import { renderGoalProposal, renderGoalsOverview } from '../../src/slack/blocks/goals';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import { renderTeam } from '../../src/slack/blocks/team';
import type { TCoachingView } from '../../src/slack/blocks/view-models/coaching';
import type { TFocusView } from '../../src/slack/blocks/view-models/focus';

const HOSTILE = '<!channel> <!here> <@U0AAA> <https://evil.example|click> & *bold*';

/** Every string anywhere in a rendered value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const pings = (value: unknown) => strings(value).filter((s) => /<!(channel|here|everyone)>|<@U0AAA>|<https:\/\/evil/.test(s));

const progress = (over: Partial<TExpectationProgress & { weekly: number }> = {}): TExpectationProgress & { weekly: number } => ({
  type: 'call',
  weekly: 40,
  per: 'week',
  amount: 40,
  done: 12,
  derivationText: 'Your goal of 6 deals a quarter…',
  pace: { status: 'behind', gap: 4, remaining: 28, ahead: false, text: 'Behind by 4 calls: 12 of 40 this week so far.' },
  ...over,
});

const view = (over: Partial<TCoachingView> = {}): TCoachingView => ({
  tier: 'guided',
  tierReason: 'Guided: 3 deals won in the last 90 days.',
  expectations: [progress(), progress({ type: 'email', amount: 30, done: 30, pace: { status: 'met', gap: 0, remaining: 0, ahead: false, text: 'Done: 30 of 30 emails this week.' } })],
  goal: { label: 'Q4 2026', metric: 'deals_won', target: 6, achieved: 2, source: 'goal' },
  focus: { stageName: 'Demo', toStageName: 'Proposal', tip: 'Show two moments.', evidenceText: 'Demo → Proposal: 3 of 12 (25%) vs 55%.' },
  computedAtLabel: 'Tue 24 Nov, 02:00',
  ...over,
});

describe('coachingBlocks', () => {
  const text = (blocks: KnownBlock[]) => blocksToPlainText(blocks);
  const scenarios = [
    { what: 'guided: targets with pace, goal, focus, explanation', v: view(), targets: false, want: ['Weekly targets', 'Goal for Q4 2026: 2 of 6 deals won — 4 to go', 'Behind by 4 calls', 'Focus: Demo', 'How is this computed?', 'Guided: 3 deals'], notWant: [] },
    { what: 'autonomous: outcomes only, a way to ask', v: view({ tier: 'autonomous' }), targets: false, want: ['Outcome goals only', '/stats targets'], notWant: ['Targets', 'Behind by'] },
    { what: 'autonomous who asked: targets shown', v: view({ tier: 'autonomous' }), targets: true, want: ['Targets', 'Behind by 4 calls'], notWant: [] },
    { what: 'ramping: no tier judgement', v: view({ tier: 'ramping' }), targets: false, want: ['Getting started'], notWant: ['Guided: 3 deals'] },
    { what: 'quota instead of a goal, in revenue', v: view({ goal: { label: 'Q1 2027', metric: 'revenue', target: 12_000_000, achieved: 12_500_000, source: 'quota' } }), targets: false, want: ['Quota for Q1 2027', 'reached'], notWant: [] },
    { what: 'no focus: no focus pointer', v: view({ focus: null }), targets: false, want: ['/coach goals'], notWant: ['Focus:', '/coach focus'] },
  ];
  it.each(scenarios)('$what', ({ v, targets, want, notWant }) => {
    const blocks = coachingBlocks(v, true, targets);
    for (const w of want) expect(text(blocks)).toContain(w);
    for (const w of notWant) expect(text(blocks)).not.toContain(w);
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('escapes everything that came from people or data', () => {
    const blocks = coachingBlocks(view({ tierReason: HOSTILE, focus: { stageName: HOSTILE, toStageName: HOSTILE, tip: HOSTILE, evidenceText: HOSTILE } }), true);
    expect(pings(blocks)).toEqual([]);
  });
});

const focusView = (over: Partial<TFocusView> = {}): TFocusView => ({
  repName: 'Dana',
  isSelf: true,
  computed: true,
  focus: {
    stage: 'demo',
    toStage: 'proposal',
    stageName: 'Demo',
    toStageName: 'Proposal',
    reasonCode: 'new',
    expectedGain: 1.4,
    evidence: { repRate: 0.3, repRaw: 0.25, teamRate: 0.55, reached: 12, advanced: 3, volumePerQuarter: 14, text: 'Demo → Proposal: 3 of 12.' },
  },
  conversion: { advanced: 3, reached: 12, rate: 0.25, teamRate: 0.55, windowDays: 90, asOfText: "as of last night's recompute" },
  tip: 'Show two moments.',
  questions: ['Q1?', 'Q2?', 'Q3?'],
  exemplars: [{ id: 1, stage: 'demo', title: 'Great demo', url: 'https://example.com/rec/1' }],
  reviewedCalls: [],
  ...over,
});

const reviewed = (id: number, tried: boolean) => ({
  id, url: `https://app.gong.io/call?id=${id}`, label: `gong.io call, Fri ${id} Dec`, reviewerName: 'Morgan', sharedAgo: '2 days ago', dealName: null,
  callStageName: 'Demo', wentWell: 'You let them talk', oneThing: `Name one moment from their world (${id})`, oneThingStageName: 'Demo', exemplar: null, tried,
});

describe('renderFocus', () => {
  it.each([
    { what: 'a focus with evidence, questions and recordings', v: focusView(), want: ['Your focus: Demo', "25% (3 of 12 deals) vs. 55% for the rest of the team (last 90 days, as of last night's recompute)", 'Q3?', 'Great demo'] },
    { what: 'one number, never a shrunk rate beside a raw one', v: focusView(), want: [], not: ['raw', '30%'] },
    { what: "a manager's view of a rep", v: focusView({ isSelf: false, repName: 'Dana' }), want: ["Dana's focus: Demo"] },
    { what: 'no focus: says why, without a noisy one', v: focusView({ focus: null }), want: ['No focus area rather than a noisy one'] },
    { what: 'not computed yet', v: focusView({ focus: null, computed: false }), want: ["hasn't been computed yet"] },
    { what: 'no reviewed calls: no section for them', v: focusView(), want: [], not: ['reviewed calls'] },
    {
      what: "the rep's reviewed calls beside the team's recordings",
      v: focusView({ reviewedCalls: [reviewed(1, false), reviewed(2, true)] }),
      want: ['Recordings from the team', 'Your reviewed calls — what went well and one thing to work on', 'gong.io call, Fri 1 Dec', 'You let them talk', 'Name one moment from their world', '· not tried yet', '✔ You tried it'],
    },
    { what: "a manager's view of a rep's reviewed calls", v: focusView({ isSelf: false, repName: 'Dana', reviewedCalls: [reviewed(1, false)] }), want: ["Dana's reviewed calls", 'not tried yet'] },
  ])('$what', ({ v, want, not = [] }: { v: TFocusView; want: string[]; not?: string[] }) => {
    const { blocks, text } = renderFocus(v);
    for (const w of want) expect(blocksToPlainText(blocks)).toContain(w);
    for (const w of not) expect(blocksToPlainText(blocks)).not.toContain(w);
    expect(text.length).toBeGreaterThan(0);
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('keeps a hostile title or link from pinging or breaking out of its link', () => {
    const v = focusView({ repName: HOSTILE, isSelf: false, exemplars: Array.from({ length: 60 }, (_, i) => ({ id: i, stage: 'demo', title: HOSTILE.repeat(20), url: `https://x.example/${i}|<!channel>` })) });
    const { blocks, text } = renderFocus(v);
    expect(pings({ blocks, text })).toEqual([]);
    expect(findLimitViolations(blocks)).toEqual([]);
  });
});

describe('goals and team renderers under hostile input', () => {
  it('stay within limits and never ping', () => {
    const goal = { metric: 'deals_won' as const, target: 8, status: 'proposed' as const, quarter: 'Q4 2026', agreedByName: HOSTILE };
    const overview = renderGoalsOverview({
      quarter: { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' },
      goals: [goal],
      managerName: HOSTILE,
      team: Array.from({ length: 300 }, (_, i) => ({ slackUserId: `U0R${i}`, name: HOSTILE, goals: [goal] })),
    });
    const proposal = renderGoalProposal({ goalId: 1, repName: HOSTILE, goal });
    const team = renderTeam({
      managerName: HOSTILE,
      reps: Array.from({ length: 300 }, (_, i) => ({
        slackUserId: `U0R${i}`,
        name: HOSTILE,
        weekTotal: i,
        trendSparkline: '▁▂▃',
        lastActivityLabel: HOSTILE,
        coaching: { tier: (['autonomous', 'guided', 'focused', 'ramping'] as const)[i % 4]!, reason: HOSTILE, changedFrom: null, focusStage: HOSTILE, focusIsNew: true },
      })),
    });
    for (const rendered of [overview, proposal, team]) {
      expect(findLimitViolations(rendered.blocks)).toEqual([]);
      expect(pings(rendered)).toEqual([]);
    }
  });
});

describe('renderFocus: reviewed calls stay inert', () => {
  it('escapes a hostile one thing and link', () => {
    const { blocks } = renderFocus(focusView({ reviewedCalls: [{ ...reviewed(1, false), oneThing: HOSTILE, url: 'https://rec.example/x|<!channel>' }] }));
    expect(pings(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('<https://rec.example/x%7C%3C!channel%3E|');
    expect(findLimitViolations(blocks)).toEqual([]);
  });
});
