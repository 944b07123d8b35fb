import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TTier } from '../../src/domain/coaching/tiers';
import { chooseDigestSuggestion } from '../../src/services/digests/digest-parts';
import { digestToPlainText, renderRepDigest, renderTeamDigest } from '../../src/slack/blocks/digest';
import { HOME_SETTINGS_ACTION } from '../../src/slack/blocks/home';
import { findLimitViolations, MAX_MESSAGE_BLOCKS } from '../../src/slack/blocks/limits';
import type { TDigestSuggestion, TRepDigestView, TTeamDigestRep, TTeamDigestView } from '../../src/slack/blocks/view-models/digest';

const HOSTILE = '<!channel> <!here> @everyone <@U0AAA> <https://evil.example|click> & *bold* ```code``` _x_';

/** Every string anywhere in a rendered value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const pings = (value: unknown) => strings(value).filter((s) => /<!(channel|here|everyone)>|<@U0AAA>|<https:\/\/evil|(^|\s)@everyone/.test(s));
const textOf = (blocks: readonly KnownBlock[]) => digestToPlainText({ blocks });

const SCHEDULE = { weekday: 'Monday', time: '09:00', tz: 'Europe/London' };

const repView = (over: Partial<TRepDigestView> = {}): TRepDigestView => ({
  rep: { name: 'Dana', slackUserId: 'U0DANA' },
  weekLabel: 'Mon 23 Nov – Sun 29 Nov',
  tier: 'guided',
  showTargets: true,
  activity: [
    { type: 'call', done: 30, expected: 40, daily: null },
    { type: 'email', done: 25, expected: 20, daily: null },
    { type: 'demo', done: 1, expected: 3, daily: null },
    { type: 'social', done: 4, expected: null, daily: null },
  ],
  total: 60,
  byStage: { stages: [{ stage: 'prospecting', name: 'Prospecting', count: 52 }, { stage: 'demo', name: 'Demo', count: 5 }], noStage: 3 },
  outcomes: { won: [{ name: 'Acme', amountCents: 1_250_000 }], lost: 1, advanced: [{ name: 'Globex', stageName: 'Proposal' }] },
  goal: { label: 'Q4 2026', metric: 'deals_won', target: 6, achieved: 4, source: 'goal' },
  pipeline: { deals: 7, amountCents: 18_000_000 },
  trend: {
    total: { sparkline: '▁▂▃▄▅▆▇█', sum: 400 },
    byType: [
      { type: 'call', sparkline: '▁▂▃▄▅▆▇█', sum: 250 },
      { type: 'email', sparkline: '▂▂▂▂▂▂▂▂', sum: 150 },
    ],
  },
  focus: { stageName: 'Discovery', tip: 'Get the buyer to put a cost on the problem.' },
  suggestion: { kind: 'catch_up', type: 'demo', done: 1, expected: 3 },
  schedule: SCHEDULE,
  homeUrl: null,
  reviews: [],
  ...over,
});

const teamRep = (i: number, over: Partial<TTeamDigestRep> = {}): TTeamDigestRep => ({
  slackUserId: `U0REP${i}`,
  name: `Rep ${i}`,
  tier: 'guided',
  changedFrom: null,
  weekTotal: 40 + i,
  trendSparkline: '▁▃▅▇',
  newFocus: null,
  behind: [],
  ...over,
});

const teamView = (over: Partial<TTeamDigestView> = {}): TTeamDigestView => ({
  managerName: 'Morgan',
  weekLabel: 'Mon 23 Nov – Sun 29 Nov',
  reps: [
    teamRep(1, { tier: 'autonomous' }),
    teamRep(2, { tier: 'focused', changedFrom: 'guided', newFocus: 'Demo', behind: [{ type: 'call', done: 20, expected: 40 }] }),
    teamRep(3, { tier: 'ramping' }),
    teamRep(4, { tier: null, weekTotal: 0, trendSparkline: '▁▁▁▁' }),
  ],
  oneOnOnes: [{ repSlackUserId: 'U0REP2', repName: 'Rep 2', whenText: 'Tue 1 Dec, 10:00' }],
  schedule: SCHEDULE,
  homeUrl: null,
  ...over,
});

describe('renderRepDigest', () => {
  const scenarios: { name: string; view: TRepDigestView; want: { contains: string[]; lacks: string[] } }[] = [
    {
      name: 'guided: last week against weekly expectations, goal, trend, focus, one next step',
      view: repView(),
      want: {
        contains: [
          'Your week — Mon 23 Nov – Sun 29 Nov',
          'Activity vs. expectations',
          '🟡 Calls — 30 of 40 — 10 short',
          '✔ Emails — 25 of 20',
          '• Social touches — 4',
          '60 activities in total · 1 of 3 expectations met',
          'By stage: Prospecting 52 · Demo 5 · 3 not tied to a stage',
          '🏆 Won: Acme ($12,500)',
          'Moved on: Globex → Proposal',
          'Goal for Q4 2026: 4 of 6 deals won — 2 to go',
          'Pipeline: 7 open deals · $180k',
          '`▁▂▃▄▅▆▇█` all activity · 400',
          '`▁▂▃▄▅▆▇█` calls · 250',
          'Focus: Discovery',
          'This week: Plan 2 demos early in the week — demos were furthest behind last week (1 of 3).',
          'Your weekly digest, Mondays at 09:00 (Europe/London)',
          '`/coach pause 1w`',
          'the Home tab at the top of this conversation',
        ],
        lacks: ['Outcome goals'],
      },
    },
    {
      name: 'focused: daily expectations shown with their weekly total',
      view: repView({ tier: 'focused', activity: [{ type: 'call', done: 38, expected: 40, daily: 8 }], total: 38, suggestion: { kind: 'catch_up', type: 'call', done: 38, expected: 40 } }),
      want: { contains: ['Calls — 38 of 40 (8 a day) — 2 short', '0 of 1 expectations met', 'Plan 2 calls early in the week'], lacks: [] },
    },
    {
      name: 'ramping: the same shape as guided, no tier judgement anywhere',
      view: repView({ tier: 'ramping' }),
      want: { contains: ['Activity vs. expectations'], lacks: ['ramping', 'Ramping'] },
    },
    {
      name: 'autonomous: no activity targets, deals and goal only, a deals suggestion',
      view: repView({
        tier: 'autonomous',
        showTargets: false,
        activity: [{ type: 'call', done: 30, expected: null, daily: null }],
        suggestion: { kind: 'move_deal', dealName: 'Initech', stageName: 'Proposal', idleDays: 23 },
      }),
      want: {
        contains: ['Deals', 'Goal for Q4 2026', 'Last 8 weeks', 'Move Initech on — it has sat in Proposal for 23 days without activity.'],
        lacks: ['Activity vs. expectations', 'expectations met', ' short', 'Calls — 30'],
      },
    },
    {
      name: 'not tiered yet: activity without targets',
      view: repView({ tier: null, activity: [{ type: 'email', done: 3, expected: null, daily: null }], total: 3, goal: null, focus: null, suggestion: { kind: 'keep_going' } }),
      want: { contains: ['Activity\n• Emails — 3', '3 activities in total', 'Keep logging as you go'], lacks: ['Goal for', 'Focus:', 'expectations met ·', 'Every expectation met', ':tada:'] },
    },
    {
      name: 'every expectation met: praised',
      view: repView({ activity: [{ type: 'call', done: 41, expected: 40, daily: null }], total: 41, focus: null, suggestion: { kind: 'keep_going' } }),
      want: { contains: ['Every expectation met last week — keep the rhythm', '1 of 1 expectations met'], lacks: ['Keep logging as you go'] },
    },
    {
      name: 'no expectations last week (guided, none asked): no praise for expectations that did not exist',
      view: repView({ tier: 'guided', activity: [{ type: 'call', done: 12, expected: null, daily: null }], total: 12, focus: null, suggestion: { kind: 'keep_logging' } }),
      want: { contains: ['This week: Keep logging as you go'], lacks: ['Every expectation met', 'expectations met', ':tada:'] },
    },
    {
      name: 'empty week: says so, suggests logging, trend without data',
      view: repView({
        activity: [{ type: 'call', done: 0, expected: 40, daily: null }],
        total: 0,
        outcomes: { won: [], lost: 0, advanced: [] },
        goal: null,
        pipeline: { deals: 0, amountCents: 0 },
        trend: { total: { sparkline: '▁▁▁▁▁▁▁▁', sum: 0 }, byType: [] },
        focus: null,
        suggestion: { kind: 'start_logging' },
      }),
      want: {
        contains: ['Calls — 0 of 40 — 40 short', 'Nothing logged last week.', 'No deals won or moved on last week.', 'Pipeline: no open deals', 'No activity logged in these weeks.', '`/log 3 calls, demo with Acme`'],
        lacks: ['activities in total'],
      },
    },
    {
      name: 'a known app id: a deep link to the Home tab',
      view: repView({ homeUrl: 'slack://app?team=T0ACME&id=A0CANOPY&tab=home' }),
      want: { contains: ['Canopy’s Home tab (slack://app?team=T0ACME&id=A0CANOPY&tab=home)'], lacks: ['at the top of this conversation'] },
    },
  ];

  it.each(scenarios)('$name', ({ view, want }) => {
    const message = renderRepDigest(view);
    const text = textOf(message.blocks);
    for (const s of want.contains) expect(text).toContain(s);
    for (const s of want.lacks) expect(text).not.toContain(s);
    expect(findLimitViolations(message.blocks)).toEqual([]);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it('ends with a Settings button that opens the settings modal (one click to tune it)', () => {
    const blocks = renderRepDigest(repView()).blocks;
    const actions = blocks[blocks.length - 1] as ActionsBlock;
    expect(actions).toMatchObject({ type: 'actions', elements: [{ type: 'button', action_id: HOME_SETTINGS_ACTION }] });
  });

  const suggestions: { name: string; suggestion: TDigestSuggestion; want: string }[] = [
    { name: 'catch up', suggestion: { kind: 'catch_up', type: 'social', done: 0, expected: 1 }, want: 'Plan 1 social touch early in the week' },
    { name: 'move a deal', suggestion: { kind: 'move_deal', dealName: 'Acme', stageName: 'Demo', idleDays: 9 }, want: 'Move Acme on' },
    { name: 'close the goal (deals)', suggestion: { kind: 'close_goal', left: 1, metric: 'deals_won', label: 'Q4 2026' }, want: '1 deal to go for your Q4 2026 goal' },
    { name: 'close the goal (revenue)', suggestion: { kind: 'close_goal', left: 4_000_000, metric: 'revenue', label: 'Q4 2026' }, want: '$40k to go for your Q4 2026 goal' },
    { name: 'try the focus', suggestion: { kind: 'try_focus', stageName: 'Demo' }, want: 'Try the focus tip in your next Demo conversation.' },
    { name: 'grow', suggestion: { kind: 'grow' }, want: 'Goal reached 🎉 — a good week to open the next big account' },
    { name: 'set a goal', suggestion: { kind: 'set_goal' }, want: 'propose one with `/coach goals`' },
  ];
  it.each(suggestions)('suggestion: $name', ({ suggestion, want }) => {
    expect(textOf(renderRepDigest(repView({ suggestion })).blocks)).toContain(want);
  });

  it('hostile names and deal names are shown, never interpreted, and stay within the limits', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `${HOSTILE} ${i} ${'x'.repeat(300)}`, amountCents: 1000, stageName: HOSTILE }));
    const message = renderRepDigest(
      repView({
        rep: { name: HOSTILE, slackUserId: HOSTILE },
        outcomes: { won: many, lost: 3, advanced: many },
        focus: { stageName: HOSTILE, tip: HOSTILE.repeat(100) },
        goal: { label: HOSTILE, metric: 'revenue', target: 1, achieved: 0, source: 'goal' },
        suggestion: { kind: 'move_deal', dealName: HOSTILE, stageName: HOSTILE, idleDays: 40 },
        schedule: { weekday: 'Monday', time: '09:00', tz: HOSTILE },
      }),
    );
    expect(pings(message)).toEqual([]);
    expect(findLimitViolations(message.blocks)).toEqual([]);
    expect(textOf(message.blocks)).toContain('and 195 more');
  });
});

describe('renderTeamDigest', () => {
  it('what to look at first, then the team by tier with totals and trend, then this week’s 1:1s', () => {
    const message = renderTeamDigest(teamView());
    const text = textOf(message.blocks);
    const order = [
      "Your team's week — Mon 23 Nov – Sun 29 Nov",
      '4 reps · 126 activities last week · 1 tier change · 1 new focus area · 1 behind on expectations',
      '🔄 Tier changes this week\n• @U0REP2 — guided → focused',
      '🆕 New focus areas\n• @U0REP2 — Demo',
      '🟡 Behind on expectations last week\n• @U0REP2 — calls 20 of 40',
      'Autonomous — outcome goals only\n• @U0REP1 — 41 last week `▁▃▅▇`',
      'Focused — daily expectations and stage coaching\n• @U0REP2 — 42 last week',
      'Ramping — new, no tier judgement yet\n• @U0REP3',
      'Not computed yet',
      '• @U0REP4 — 0 last week `▁▁▁▁`',
      'Your 1:1s this week\n• @U0REP2 — Tue 1 Dec, 10:00',
      'Your team digest, Mondays at 09:00 (Europe/London)',
    ];
    let at = 0;
    for (const part of order) {
      const found = text.indexOf(part, at);
      expect(found, part).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).not.toContain('Guided —');
    expect(message.text).toBe("Your team's week (Mon 23 Nov – Sun 29 Nov): 4 reps, 126 activities");
    expect(findLimitViolations(message.blocks)).toEqual([]);
  });

  it('nothing to flag: no "worth a look" sections; no 1:1s: says how to set one up', () => {
    const text = textOf(renderTeamDigest(teamView({ reps: [teamRep(1)], oneOnOnes: [] })).blocks);
    expect(text).not.toContain('Tier changes this week');
    expect(text).not.toContain('Behind on expectations');
    expect(text).toContain('None scheduled — `/coach 1on1 @rep weekly tue 10:00`');
  });

  it('an empty team says how to add reps', () => {
    expect(textOf(renderTeamDigest(teamView({ reps: [] })).blocks)).toContain('No reps on your team.');
  });

  it('60 reps with hostile names, all flagged: within 50 blocks and every Slack limit, nothing interpreted', () => {
    const tiers: (TTier | null)[] = ['autonomous', 'guided', 'focused', 'ramping', null];
    const reps = Array.from({ length: 60 }, (_, i) =>
      teamRep(i, {
        slackUserId: i % 2 === 0 ? `U0REP${i}` : HOSTILE,
        name: `${HOSTILE} ${'n'.repeat(200)}`,
        tier: tiers[i % tiers.length]!,
        changedFrom: i % 5 === 1 ? 'focused' : null,
        newFocus: HOSTILE,
        behind: [
          { type: 'call', done: 1, expected: 40 },
          { type: 'email', done: 2, expected: 30 },
          { type: 'demo', done: 0, expected: 4 },
        ],
      }),
    );
    const oneOnOnes = reps.map((r) => ({ repSlackUserId: r.slackUserId, repName: r.name, whenText: HOSTILE }));
    const message = renderTeamDigest(teamView({ reps, oneOnOnes }));
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
    expect(findLimitViolations(message.blocks)).toEqual([]);
    expect(pings(message)).toEqual([]);
    // Every rep is listed in the team by tier: the lines are chunked, never dropped.
    const text = textOf(message.blocks);
    for (let i = 0; i < 60; i += 2) expect(text).toContain(`@U0REP${i} — ${40 + i} last week`);
    expect(text).toMatch(/…and \d+ more/);
  });
});

describe('chooseDigestSuggestion', () => {
  const base = { autonomous: false, total: 10, activity: [], stalled: null, goal: null, focus: null };
  const stalled = { dealName: 'Acme', stageName: 'Demo', idleDays: 12 };
  const goal = { label: 'Q4 2026', metric: 'deals_won' as const, target: 5, achieved: 2, source: 'goal' as const };
  const scenarios: { name: string; input: Parameters<typeof chooseDigestSuggestion>[0]; want: TDigestSuggestion }[] = [
    { name: 'nothing logged: start logging', input: { ...base, total: 0, stalled }, want: { kind: 'start_logging' } },
    {
      name: 'the activity furthest behind, relative to its expectation',
      input: {
        ...base,
        activity: [
          { type: 'call', done: 20, expected: 40, daily: null },
          { type: 'demo', done: 1, expected: 4, daily: null },
          { type: 'email', done: 50, expected: 20, daily: null },
        ],
        stalled,
      },
      want: { kind: 'catch_up', type: 'demo', done: 1, expected: 4 },
    },
    {
      name: 'a tie goes to the larger shortfall',
      input: { ...base, activity: [{ type: 'demo', done: 0, expected: 1, daily: null }, { type: 'meeting', done: 0, expected: 3, daily: null }] },
      want: { kind: 'catch_up', type: 'meeting', done: 0, expected: 3 },
    },
    { name: 'all met: the stalled deal', input: { ...base, activity: [{ type: 'call', done: 40, expected: 40, daily: null }], stalled }, want: { kind: 'move_deal', ...stalled } },
    { name: 'all met, nothing stalled: the focus', input: { ...base, focus: { stageName: 'Demo' } }, want: { kind: 'try_focus', stageName: 'Demo' } },
    { name: 'all met, nothing else: keep going', input: { ...base, activity: [{ type: 'call', done: 40, expected: 40, daily: null }] }, want: { kind: 'keep_going' } },
    { name: 'no expectations at all, nothing else: keep logging, no praise', input: base, want: { kind: 'keep_logging' } },
    { name: 'activity without expectations: keep logging, no praise', input: { ...base, activity: [{ type: 'call', done: 12, expected: null, daily: null }] }, want: { kind: 'keep_logging' } },
    { name: 'autonomous: the stalled deal first', input: { ...base, autonomous: true, total: 0, stalled, goal }, want: { kind: 'move_deal', ...stalled } },
    { name: 'autonomous: the goal to close', input: { ...base, autonomous: true, goal }, want: { kind: 'close_goal', left: 3, metric: 'deals_won', label: 'Q4 2026' } },
    { name: 'autonomous: goal reached, grow', input: { ...base, autonomous: true, goal: { ...goal, achieved: 6 } }, want: { kind: 'grow' } },
    { name: 'autonomous without a goal: set one', input: { ...base, autonomous: true }, want: { kind: 'set_goal' } },
  ];
  it.each(scenarios)('$name', ({ input, want }) => {
    expect(chooseDigestSuggestion(input)).toEqual(want);
  });
});
