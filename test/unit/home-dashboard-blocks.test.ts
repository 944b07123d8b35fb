import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TTier } from '../../src/domain/coaching/tiers';
import type { TRepStats } from '../../src/domain/stats';
import { DEFAULT_STAGES } from '../../src/domain/types';
import { renderHome, renderHomePlainText } from '../../src/slack/blocks/home';
import { findLimitViolations, MAX_SECTION_TEXT, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import {
  LOG_ACTIVITY_OPEN_ACTION,
  LOG_ACTIVITY_TEXT_BLOCK,
  logActivityButton,
  renderLogActivityAlreadyModal,
  renderLogActivityDoneModal,
  renderLogActivityModal,
} from '../../src/slack/blocks/log-activity-modal';
import type { TCoachingView } from '../../src/slack/blocks/view-models/coaching';
import type { THomeTeamRep, THomeView, TRepDashboard } from '../../src/slack/blocks/view-models/home';
import type { TOneOnOneSummary } from '../../src/slack/blocks/view-models/one-on-ones';

const EVIL = '<!channel> <!here> <!everyone> <@U1> <https://evil.example|click> & @channel `tick` *bold*';

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
type TAny = Record<string, unknown>;
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as KnownBlock[];
const actionIds = (blocks: readonly KnownBlock[]) =>
  (blocks as unknown as TAny[])
    .flatMap((b) => [...((b.elements as TAny[] | undefined) ?? []), ...(b.accessory ? [b.accessory as TAny] : [])])
    .map((e) => e.action_id)
    .filter(Boolean);
const textOf = (view: { blocks: unknown[] }) => strings(view.blocks).join('\n');

const weeks = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
function stats(busy: boolean): TRepStats {
  return {
    period: { label: 'This week', rangeText: 'Mon 23 Nov – Tue 24 Nov', inProgress: true },
    byType: busy ? [{ type: 'call', count: 12 }, { type: 'email', count: 5 }] : [],
    total: busy ? 17 : 0,
    byStage: busy ? { stages: [{ stage: 'prospecting', name: 'Prospecting', count: 14 }, { stage: 'discovery', name: 'Discovery', count: 1 }], noStage: 2 } : { stages: [], noStage: 0 },
    pipeline: DEFAULT_STAGES.filter((s) => !s.outcome).map((s, i) => ({ stage: s.key, name: s.name, deals: busy && i === 1 ? 3 : 0, amountCents: busy && i === 1 ? 4_500_000 : 0 })),
    closedInPeriod: busy ? { won: 1, wonAmountCents: 1_250_000, lost: 0 } : { won: 0, wonAmountCents: 0, lost: 0 },
    trend: {
      weekStarts: weeks,
      through: '2026-11-24',
      totals: busy ? [10, 20, 30, 40, 50, 60, 70, 17] : Array<number>(8).fill(0),
      sparkline: busy ? '▁▂▃▄▅▆█▂' : '▁▁▁▁▁▁▁▁',
      byType: busy ? [{ type: 'call', counts: [5, 10, 20, 30, 40, 50, 60, 12], sparkline: '▁▂▃▄▅▆█▂' }] : [],
    },
  };
}
function coaching(tier: TTier): TCoachingView {
  return {
    tier,
    tierReason: 'TIER-REASON: 2nd of 6 on goal pace',
    expectations: [
      { type: 'call', per: 'week', amount: 30, weekly: 30, done: 12, pace: { status: 'behind', gap: 3, remaining: 18, ahead: false, text: 'PACE: 12 of 30 calls this week' }, derivationText: 'DERIVATION: 8 deals' },
    ],
    goal: { label: 'Q4 2026', metric: 'deals_won', target: 8, achieved: 3, source: 'goal' },
    focus: { stageName: 'Discovery', toStageName: 'Demo', tip: 'COACHING-TIP', evidenceText: 'EVIDENCE' },
    computedAtLabel: 'Tue 24 Nov, 02:00',
  };
}
function dashboard(tier: TTier | null, busy = true): TRepDashboard {
  const rate = (advanced: number, reached: number) => ({ advanced, reached, rate: reached > 0 ? advanced / reached : null });
  return {
    stats: stats(busy),
    stages: [...DEFAULT_STAGES],
    coaching: tier ? coaching(tier) : null,
    deals: {
      personName: 'Dana Rep',
      isSelf: true,
      stages: [...DEFAULT_STAGES],
      period: null,
      dormantDays: 90,
      deals: busy
        ? [
            { id: 1, name: 'Acme Corp', stage: 'discovery', amountCents: 2_400_000, daysInStage: 12, lastActivityText: '3 days ago', idle: null, recent: [{ at: 2, day: 'Tue', what: { kind: 'activity', counts: [{ type: 'demo', count: 1 }] } }, { at: 1, day: 'Mon', what: { kind: 'note', text: 'close date pushed to Q1' } }] },
            { id: 2, name: 'Globex', stage: 'discovery', amountCents: 2_100_000, daysInStage: 20, lastActivityText: '18 days ago', idle: { kind: 'stalled', idleDays: 18 }, recent: [] },
          ]
        : [],
    },
    funnel: {
      currentLabel: 'Q4 2026 so far',
      pastLabel: 'Q2–Q3 2026',
      steps: busy
        ? [
            { from: 'prospecting', fromName: 'Prospecting', toName: 'Discovery', current: rate(8, 10), past: rate(40, 50) },
            { from: 'discovery', fromName: 'Discovery', toName: 'Demo', current: rate(9, 20), past: rate(30, 50) },
            { from: 'demo', fromName: 'Demo', toName: 'Proposal', current: rate(0, 0), past: rate(10, 20) },
          ]
        : [],
      current: { won: busy ? 3 : 0, lost: busy ? 5 : 0 },
      past: { won: busy ? 7 : 0, lost: busy ? 9 : 0 },
    },
    focus: {
      repName: 'Dana Rep',
      isSelf: true,
      computed: tier !== null,
      focus: tier
        ? {
            stage: 'discovery', toStage: 'demo', stageName: 'Discovery', toStageName: 'Demo', reasonCode: 'kept', expectedGain: 1.2,
            evidence: { repRate: 0.45, repRaw: 0.45, teamRate: 0.6, reached: 20, advanced: 9, volumePerQuarter: 20, text: 'FOCUS-EVIDENCE' },
          }
        : null,
      conversion: tier ? { advanced: 9, reached: 20, rate: 0.45, teamRate: 0.6, windowDays: 90, asOfText: "as of last night's recompute" } : null,
      tip: tier ? 'COACHING-TIP' : null,
      questions: [],
      exemplars: tier ? [1, 2, 3, 4].map((i) => ({ id: i, stage: 'discovery', title: `Call ${i}`, url: `https://rec.example/${i}` })) : [],
      reviewedCalls: [],
    },
    goals: {
      quarterLabel: 'Q4 2026',
      goals: busy ? [{ id: 1, metric: 'deals_won', target: 8, status: 'agreed', quarter: 'Q4 2026', proposedByName: 'Dana Rep', agreedByName: 'Morgan Manager' }] : [],
      managerName: 'Morgan Manager',
    },
  };
}
const repView = (d: TRepDashboard, overrides: Partial<THomeView> = {}): THomeView => ({ name: 'Dana Rep', isManager: false, actionItems: [], dashboard: d, ...overrides });

/** Each `want` appears, in this order, in the rendered text. */
function expectInOrder(text: string, wants: readonly string[]): void {
  let at = -1;
  for (const want of wants) {
    const next = text.indexOf(want, at + 1);
    expect(next, `'${want}' after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

describe('renderHome: a rep dashboard', () => {
  const order = ['*This week* · Mon 23 Nov – Tue 24 Nov', '*Last 8 weeks*', '*Your deals*', '*Your funnel*', '*Focus', '*Goals · Q4 2026*', '*Open action items*', '*Your next 1:1*'];
  const scenarios: { what: string; view: THomeView; want: string[]; not: string[] }[] = [
    {
      what: 'guided: targets with pace, trend, funnel vs. own past, focus with tip and recordings, goals',
      view: repView(dashboard('guided')),
      want: [
        '*12* calls · *5* emails — *17* in total',
        '*By stage:* Prospecting 14 · Discovery 1 · 2 not tied to a stage',
        'Closed: :trophy: *1* won ($12,500) · *0* lost',
        '*Weekly targets*',
        '*Goal for Q4 2026:* 3 of 8 deals won — 5 to go',
        'PACE: 12 of 30 calls this week',
        'TIER-REASON',
        '`▁▂▃▄▅▆█▂` all activity · 297',
        '`▁▂▃▄▅▆█▂` calls · 227',
        '*Your deals* — *2* open deals · $45k · :warning: 1 stalled',
        '*Discovery* · 2 deals · $45k\n• *Globex* · $21k · 20 days in stage · last activity 18 days ago · :warning: stalled\n• *Acme Corp* · $24k · 12 days in stage · last activity 3 days ago\n      _Tue: demo · Mon: close date pushed to Q1_',
        '*Your funnel* — Q4 2026 so far vs. your Q2–Q3 2026',
        '• *Prospecting* → Discovery: *80%* (8 of 10) · before 80% (40 of 50)\n',
        '• *Discovery* (3 open · $45k) → Demo: *45%* (9 of 20) · before 60% (30 of 50) ▼',
        '• *Demo* → Proposal: no deals yet · before 50% (10 of 20)',
        'Closed Q4 2026 so far: *3* won · *5* lost (Q2–Q3 2026: 7 won · 9 lost)',
        '*Focus: Discovery* (moving deals on to Demo)\n:bulb: COACHING-TIP\n_FOCUS-EVIDENCE_',
        '• <https://rec.example/1|Call 1>',
        '• <https://rec.example/3|Call 3>',
        ':white_check_mark: 8 deals won — agreed with Morgan Manager',
      ],
      not: ['rec.example/4', 'Outcome goals only', 'Your team'],
    },
    {
      what: 'autonomous: outcome goals only, no activity targets',
      view: repView(dashboard('autonomous')),
      want: ['*Outcome goals only*', '*Goal for Q4 2026:* 3 of 8 deals won', 'TIER-REASON', '`/stats targets`', '*Your funnel*', '*Focus: Discovery*'],
      not: ['PACE:', '*Targets*', 'DERIVATION'],
    },
    {
      what: 'ramping: targets as a guide, no tier judgement',
      view: repView(dashboard('ramping')),
      want: ['*Getting started*', 'PACE: 12 of 30 calls this week'],
      not: ['TIER-REASON'],
    },
    {
      what: 'before the first recompute: no coaching yet',
      view: repView(dashboard(null)),
      want: ['Your targets and focus area appear after the nightly update', '*Focus area*\nComputed every night', '8 deals won'],
      not: ['PACE:', 'TIER-REASON', 'Recordings'],
    },
    {
      what: 'a new rep with nothing logged',
      view: repView(dashboard('ramping', false)),
      want: [
        'Nothing logged yet this week — press *Log activity*',
        'No activity in these weeks yet.',
        '*Your deals*\nNo open deals right now. Log them as they move and they show up here: `demo with Acme`',
        'No deals through your funnel yet',
        'No goal yet. Propose one',
      ],
      not: ['Closed:', '▲', '▼'],
    },
  ];

  it.each(scenarios)('$what', ({ view, want, not }) => {
    const home = renderHome(view);
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    const text = textOf(home);
    for (const w of want) expect(text).toContain(w);
    for (const n of not) expect(text).not.toContain(n);
    expectInOrder(text, order);
    expect(actionIds(blocksOf(home)).slice(0, 2)).toEqual([LOG_ACTIVITY_OPEN_ACTION, 'home_settings_open']);
    expect(renderHomePlainText(view)).toContain('[ Log activity ]');
  });

  it('an improving stage gets ▲, a change under 5 points no arrow', () => {
    const d = dashboard('guided');
    d.funnel.steps = [
      { from: 'discovery', fromName: 'Discovery', toName: 'Demo', current: { advanced: 7, reached: 10, rate: 0.7 }, past: { advanced: 5, reached: 10, rate: 0.5 } },
      { from: 'demo', fromName: 'Demo', toName: 'Proposal', current: { advanced: 52, reached: 100, rate: 0.52 }, past: { advanced: 50, reached: 100, rate: 0.5 } },
    ];
    const text = textOf(renderHome(repView(d)));
    expect(text).toContain('*70%* (7 of 10) · before 50% (5 of 10) ▲');
    expect(text).toMatch(/before 50% \(50 of 100\)\n/);
  });
});

const tiers: (TTier | null)[] = ['focused', 'autonomous', null, 'guided', 'ramping'];
const teamRep = (i: number, name = `Rep ${i}`): THomeTeamRep => ({
  slackUserId: `UREP${String(i).padStart(4, '0')}`,
  name,
  tier: tiers[i % tiers.length]!,
  weekTotal: i * 3,
  trendSparkline: '▁▂▃▄▅▆▇█',
  focusStageName: i % 2 ? 'Discovery' : null,
  nextOneOnOneText: i % 3 ? 'Tue 1 Dec, 10:00' : null,
});
function summary(id: number, other: { slackUserId: string; name: string }): TOneOnOneSummary {
  return { id, role: 'manager', other, scheduleText: 'every Tuesday at 10:00 (America/New_York)', managerTz: 'America/New_York', nextStart: new Date('2026-12-01T15:00:00Z'), nextText: 'Tue 1 Dec, 10:00' };
}
const managerView = (reps: THomeTeamRep[], overrides: Partial<THomeView> = {}): THomeView => ({
  name: 'Morgan Manager',
  isManager: true,
  actionItems: [],
  team: { reps, oneOnOnes: reps.map((r, i) => ({ summary: summary(100 + i, r), agendaCount: 0 })) },
  ...overrides,
});
const workspace = { timezone: 'America/New_York', stages: DEFAULT_STAGES.map((s) => ({ name: s.name, outcome: s.outcome })) };

describe('renderHome: a manager and an admin', () => {
  it('the team by tier, one line per rep (week, trend, focus, next 1:1), then the 1:1s; no admin section', () => {
    const home = renderHome(managerView([1, 2, 3, 4, 5].map((i) => teamRep(i))));
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    const text = textOf(home);
    expectInOrder(text, ['*Your team* · 5 reps', '*Autonomous*', '<@UREP0001>', '*Guided*', '<@UREP0003>', '*Focused*', '<@UREP0005>', '*Ramping*', '<@UREP0004>', '*Not computed yet*', '<@UREP0002>', '*Upcoming 1:1s*']);
    expect(text).toContain('<@UREP0001> — *3* this week `▁▂▃▄▅▆▇█` · focus: Discovery · 1:1 Tue 1 Dec, 10:00');
    expect(text).toContain('<@UREP0003> — *9* this week `▁▂▃▄▅▆▇█` · focus: Discovery · no 1:1 scheduled');
    expect(text).not.toContain('Workspace settings');
    expect(text).not.toContain('Your own numbers');
    expect(actionIds(blocksOf(home)).slice(0, 2)).toEqual(['home_settings_open', 'home_schedule_open']);
  });

  it('a manager with no reps is told how to add them; one who logs sees their own line and the Log button', () => {
    const text = textOf(renderHome(managerView([], { ownNumbers: { weekTotal: 7, trendSparkline: '▁▃█' } })));
    expect(text).toContain('No reps on your team yet — add them with `/coach team add @rep1 @rep2`');
    expect(text).toContain('*Your own numbers:* *7* this week `▁▃█` · `/stats` for details');
    expect(actionIds(blocksOf(renderHome(managerView([], { ownNumbers: { weekTotal: 7, trendSparkline: '▁▃█' } })))).slice(0, 2)).toEqual([LOG_ACTIVITY_OPEN_ACTION, 'home_settings_open']);
  });

  it('an admin also sees the workspace setup, with the rest of it in plain lines and Edit setup', () => {
    const home = renderHome(managerView([teamRep(1)], { workspace: { ...workspace, details: ['Leaderboard: off', 'Quota: <!channel> deals'] } }));
    const text = textOf(home);
    expect(text).toContain('*Workspace settings* (admins)\nTime zone: *America/New_York*\nSelling system: Prospecting → Discovery → Demo → Proposal → Negotiation → Won | Lost');
    expect(text).toContain('Leaderboard: off\nQuota: &lt;!channel&gt; deals');
    expect(actionIds(blocksOf(home)).filter((id) => String(id).includes('setup'))).toEqual(['home_setup_open']);
    expect(actionIds(blocksOf(renderHome(managerView([teamRep(1)])))).filter((id) => String(id).includes('setup'))).toEqual([]);
  });

  it('60 reps, 60 1:1s, a long agenda and 30 action items stay within the limits, and every rep is on the tab', () => {
    const reps = Array.from({ length: 60 }, (_, i) => teamRep(i, `${'Long name '.repeat(12)}${i}`));
    const view = managerView(reps, {
      workspace,
      ownNumbers: { weekTotal: 1, trendSparkline: '▁█' },
      nextOneOnOne: { summary: { ...summary(7, { slackUserId: 'U0BOSS', name: 'Boss' }), role: 'rep' }, agenda: Array.from({ length: 50 }, (_, i) => ({ id: i, text: 'x'.repeat(2000), authorName: 'B', mine: false })) },
      actionItems: Array.from({ length: 30 }, (_, i) => ({ id: i, text: `follow up ${i}`, owner: 'rep' as const, ownerName: 'M', ownerSlackUserId: 'U0MGR', dueDate: null, done: false, withName: 'B' })),
    });
    const home = renderHome(view);
    expect(home.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    const teamText = blocksOf(home).slice(0, blocksOf(home).findIndex((b) => JSON.stringify(b).includes('Upcoming 1:1s'))).map((b) => JSON.stringify(b)).join('');
    for (let i = 0; i < 60; i++) expect(teamText).toContain(`<@UREP${String(i).padStart(4, '0')}>`);
    const text = textOf(home);
    expect(text).toContain('Workspace settings');
    expect(text).toContain('…and 20 more — `/coach 1on1` lists them all.');
  });
});

describe('renderHome: hostile text', () => {
  const hostileDashboard = (): TRepDashboard => {
    const d = dashboard('guided');
    d.funnel.steps = d.funnel.steps.map((s) => ({ ...s, fromName: EVIL, toName: EVIL }));
    d.stats.pipeline = d.stats.pipeline.map((row) => ({ ...row, name: EVIL }));
    d.focus.focus = { ...d.focus.focus!, stageName: EVIL, toStageName: EVIL, evidence: { ...d.focus.focus!.evidence, text: EVIL } };
    d.focus.tip = EVIL;
    d.focus.exemplars = [{ id: 1, stage: 'discovery', title: EVIL, url: 'https://rec.example/a|<!channel>' }];
    d.goals = { quarterLabel: 'Q4 2026', managerName: EVIL, goals: [{ id: 1, metric: 'revenue', target: 12_000_000, status: 'proposed', quarter: 'Q4 2026', proposedByName: EVIL, agreedByName: null }] };
    d.coaching = { ...d.coaching!, tierReason: EVIL, expectations: d.coaching!.expectations.map((x) => ({ ...x, pace: { ...x.pace, text: EVIL } })) };
    return d;
  };
  const scenarios: { what: string; view: THomeView }[] = [
    { what: 'a rep dashboard', view: repView(hostileDashboard(), { name: EVIL }) },
    {
      what: 'a manager and admin',
      view: managerView(
        [0, 1, 2].map((i) => ({ ...teamRep(i, EVIL), slackUserId: i === 0 ? EVIL : `UREP000${i}`, focusStageName: EVIL, nextOneOnOneText: EVIL })),
        { name: EVIL, workspace: { timezone: EVIL, stages: [{ name: EVIL, outcome: null }, { name: EVIL, outcome: 'won' }] } },
      ),
    },
  ];

  it.each(scenarios)('$what: names, stages, tips and links never become mentions or links', ({ view }) => {
    const home = renderHome(view);
    expect(findLimitViolations(blocksOf(home), MAX_VIEW_BLOCKS)).toEqual([]);
    for (const value of strings(home)) {
      for (const token of ['<!channel>', '<!here>', '<!everyone>', '<@U1>', '<https://evil']) expect(value).not.toContain(token);
      // The only `<…>` tokens are our mentions of checked ids and the recording link we built (`recordingLink`: `|<>` encoded).
      expect(value).not.toMatch(/<(?!@(UREP\d{4}|U0MGR1)>|https:\/\/rec\.example\/a%7C%3C!channel%3E\|)/);
      expect(value).not.toMatch(/(^|[^\u200B])@channel/i);
    }
    expect(JSON.stringify(home)).toContain('&lt;!channel&gt;');
  });
});

describe('the Log activity modal', () => {
  it('the button carries the shared action id and an empty value', () => {
    expect(logActivityButton()).toMatchObject({ type: 'button', action_id: 'log_activity_open', value: '{}', text: { text: 'Log activity' } });
  });

  it('opens with a multiline field first (the deal and stage pickers are tested in log-activity-modal-blocks.test.ts)', () => {
    const modal = renderLogActivityModal({ stages: [], deal: null, unpickable: null });
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'log_activity', submit: { text: 'Log it' } });
    expect(findLimitViolations(blocksOf(modal), MAX_VIEW_BLOCKS)).toEqual([]);
    const input = blocksOf(modal).find((b) => b.block_id === LOG_ACTIVITY_TEXT_BLOCK) as unknown as { element: TAny };
    expect(input.element).toMatchObject({ type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 2000, placeholder: { text: '4 calls, demo with Acme' } });
  });

  it('turns into the /log confirmation, with what was not understood, escaped', () => {
    const done = renderLogActivityDoneModal({ activities: [{ type: 'call', count: 4 }, { type: 'demo', count: 1, deal: EVIL }], dealUpdates: [], unknown: [EVIL], problems: [], edited: false });
    expect(done.submit).toBeUndefined();
    expect(findLimitViolations(blocksOf(done), MAX_VIEW_BLOCKS)).toEqual([]);
    const text = textOf(done);
    expect(text).toContain(':white_check_mark: Logged 4 calls and 1 demo (');
    expect(text).toContain("I didn't understand:");
    expect(text).not.toContain('<!channel>');
    for (const value of strings(done.blocks)) expect(value.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(textOf(renderLogActivityAlreadyModal())).toContain('Already logged');
  });
});
