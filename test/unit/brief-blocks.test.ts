import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TBriefView } from '../../src/slack/blocks/view-models/brief';
import { BRIEF_LOG_NOTES_ACTION, briefToPlainText, renderBrief, ZBriefLogNotesValue } from '../../src/slack/blocks/brief';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';

const HOSTILE = '<!channel> <!here> @everyone <@U0AAA> <https://evil.example|click> & *bold* ```code``` _x_';

/** Every string anywhere in a rendered value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const pings = (value: unknown) => strings(value).filter((s) => /<!(channel|here|everyone)>|<@U0AAA>|<https:\/\/evil|(^|\s)@everyone/.test(s));

const activity: TBriefView['activity'] = {
  kind: 'activity',
  rows: [
    { type: 'call', done: 34, expected: 40, per: 'week', amount: 40 },
    { type: 'email', done: 22, expected: 20, per: 'day', amount: 4 },
    { type: 'social', done: 5, expected: null, per: null, amount: null },
  ],
  total: 61,
  byStage: [
    { name: 'Discovery', count: 6 },
    { name: 'Demo', count: 3 },
    { name: 'No stage', count: 52 },
  ],
};

const outcomes: TBriefView['activity'] = {
  kind: 'outcomes',
  goal: { label: 'Q4 2026', metric: 'deals_won', target: 6, achieved: 4, source: 'goal' },
  won: [{ name: 'Acme', amountCents: 1_250_000 }],
  advanced: [{ name: 'Globex', stageName: 'Proposal' }],
};

const view = (over: Partial<TBriefView> = {}): TBriefView => ({
  rep: { name: 'Dana', slackUserId: 'U0DANA' },
  meeting: { label: 'Tue 1 Dec, 10:00', relative: 'in 60 min', recurrence: 'every Tuesday at 10:00' },
  meetingId: 42,
  tier: { tier: 'guided', reason: 'Guided: 3 deals won in the last 90 days, on pace.', changedFrom: null },
  period: { basis: 'since_meeting', fromLabel: 'Tue 24 Nov, 10:00', days: 7 },
  activity,
  conversion: {
    windowDays: 90,
    rows: [
      { fromName: 'Discovery', toName: 'Demo', advanced: 8, reached: 10, repRate: 0.8, teamRate: 0.7, isFocus: false },
      { fromName: 'Demo', toName: 'Proposal', advanced: 3, reached: 12, repRate: 0.25, teamRate: 0.55, isFocus: true },
      { fromName: 'Proposal', toName: 'Won', advanced: 0, reached: 0, repRate: null, teamRate: null, isFocus: false },
    ],
    focus: { stageName: 'Demo', toStageName: 'Proposal', evidenceText: 'Demo → Proposal: 3 of 12 (25%) vs 55% for the team.' },
  },
  stalled: { deals: [{ name: 'Initech', stageName: 'Demo', idleDays: 18 }], more: 2 },
  agenda: [
    { text: 'Pricing for the Acme renewal', authorName: 'Dana', fromYou: false },
    { text: 'Demo script', authorName: 'Morgan', fromYou: true },
  ],
  actionItems: [
    { text: 'Send ROI one-pager', ownerName: 'Dana', ownerIsYou: false, dueLabel: 'Fri 27 Nov', overdue: false, done: true, carriedFrom: null },
    { text: 'Book a ride-along', ownerName: 'Morgan', ownerIsYou: true, dueLabel: 'Mon 23 Nov', overdue: true, done: false, carriedFrom: 'Tue 17 Nov' },
  ],
  questions: { stageName: 'Demo', items: ['Which part landed?', 'How did it connect to discovery?', 'What next step did they agree?'] },
  tone: 'Share weekly expectations and progress as information.',
  ...over,
});

const text = (blocks: KnownBlock[]) => blocksToPlainText(blocks);
const buttons = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);

describe('renderBrief', () => {
  const scenarios: { what: string; v: TBriefView; want: string[]; notWant: string[] }[] = [
    {
      what: 'guided: reason, activity vs expectation, stages fed, focus, agenda, action items, questions, tone',
      v: view(),
      want: ['Brief: your 1:1 with Dana', 'Tue 1 Dec, 10:00 (in 60 min)', 'Guided', '3 deals won in the last 90 days', 'Calls: 34 of 40 expected (40 a week)',
        'Emails: 22 of 20 expected (4 a day)', 'Social touches: 5', 'Fed: Discovery 6 · Demo 3 · No stage 52', 'Demo → Proposal: 25% (3 of 12) · team 55%',
        'Focus: Demo → Proposal', 'vs 55% for the team', 'Initech — Demo, idle 18 days', '…and 2 more', 'Pricing for the Acme renewal — from Dana',
        'Demo script — from you', 'Send ROI one-pager — Dana · due Fri 27 Nov · done', 'Book a ride-along — you · due Mon 23 Nov (overdue) · open · from Tue 17 Nov',
        'Questions to ask — Demo', '3. What next step did they agree?', 'Tone: Share weekly', '[ Log notes ]'],
      notWant: ['Guided: 3 deals'],
    },
    {
      what: 'focused: changed tier and daily expectations',
      v: view({ tier: { tier: 'focused', reason: 'Focused: behind pace.', changedFrom: 'guided' } }),
      want: ['Focused · changed from guided', 'behind pace', '4 a day'],
      notWant: [],
    },
    {
      what: 'autonomous: outcomes, never activity counts or targets',
      v: view({ tier: { tier: 'autonomous', reason: 'Autonomous: top of the team.', changedFrom: null }, activity: outcomes }),
      want: ['Outcomes — since the last 1:1', 'Goal for Q4 2026: 4 of 6 deals won', 'Won: 1 — Acme ($12,500)', 'Moved on: 1 — Globex → Proposal', 'no activity counts or targets'],
      notWant: ['Calls', 'expected', 'Fed:', 'Activity —'],
    },
    {
      what: 'ramping: no tier judgement',
      v: view({ tier: { tier: 'ramping', reason: null, changedFrom: null } }),
      want: ['Ramping', 'no tier judgement'],
      notWant: ['Guided', 'changed from'],
    },
    {
      what: 'before the first recompute: says when coaching starts, generic questions',
      v: view({ tier: null, questions: { stageName: null, items: ['A?', 'B?', 'C?'] }, conversion: { ...view().conversion, focus: null } }),
      want: ['coaching starts after the nightly recompute', 'Questions to ask\n', 'No focus area'],
      notWant: ['Questions to ask — '],
    },
    {
      what: 'no 1:1: how to schedule one, no agenda, no Log notes button',
      v: view({ meeting: null, meetingId: null, agenda: [], actionItems: [] }),
      want: ['No 1:1 scheduled — `/coach 1on1 @rep weekly tue 10:00`', 'No 1:1, so no agenda yet', 'No action items from the last meeting'],
      notWant: ['Log notes'],
    },
    {
      what: 'a capped period and nothing logged',
      v: view({ period: { basis: 'capped', fromLabel: 'Tue 10 Nov, 10:00', days: 14 }, activity: { kind: 'activity', rows: [], total: 0, byStage: [] }, stalled: { deals: [], more: 0 } }),
      want: ['Activity — last 14 days', '(14 days, at most 14)', 'Nothing logged in this period', 'None — every open deal has moved recently'],
      notWant: ['Fed:'],
    },
  ];

  it.each(scenarios)('$what', ({ v, want, notWant }) => {
    const { blocks, text: fallback } = renderBrief(v);
    const plain = text(blocks);
    for (const w of want) expect(plain).toContain(w);
    for (const w of notWant) expect(plain).not.toContain(w);
    expect(findLimitViolations(blocks)).toEqual([]);
    expect(fallback).toContain('Dana');
    expect(briefToPlainText(v)).toBe(plain);
  });

  it('shows the sections in the order of SPEC §1', () => {
    const plain = text(renderBrief(view()).blocks);
    const order = ['Brief: your 1:1', 'Tier', 'Activity —', 'Stage conversion vs. the team', 'Stalled deals', 'Agenda', 'Action items', 'Questions to ask', 'Tone:', 'Log notes'];
    const positions = order.map((heading) => plain.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it.each([
    { what: 'a meeting', meetingId: 42, want: [{ action_id: BRIEF_LOG_NOTES_ACTION, value: { meetingId: 42 } }] },
    { what: 'a meeting whose row is not there', meetingId: null, want: [] },
  ])('Log notes button for $what', ({ meetingId, want }) => {
    const got = buttons(renderBrief(view({ meetingId })).blocks).map((b) => ({
      action_id: b.action_id,
      value: ZBriefLogNotesValue.parse(JSON.parse('value' in b ? String(b.value) : '')),
    }));
    expect(got).toEqual(want);
  });

  it('keeps 200 hostile agenda items of 5,000 characters within limits, inert and truncated', () => {
    const long = `${HOSTILE} ${'x'.repeat(5_000)}`.slice(0, 5_000);
    const v = view({
      rep: { name: HOSTILE, slackUserId: 'U0DANA' },
      agenda: Array.from({ length: 200 }, (_, i) => ({ text: `${i}\n${long}`, authorName: HOSTILE, fromYou: i % 2 === 0 })),
      actionItems: Array.from({ length: 200 }, () => ({ text: long, ownerName: HOSTILE, ownerIsYou: false, dueLabel: null, overdue: false, done: false, carriedFrom: null })),
      stalled: { deals: Array.from({ length: 5 }, () => ({ name: long, stageName: HOSTILE, idleDays: 30 })), more: 195 },
      tier: { tier: 'guided', reason: long, changedFrom: null },
      conversion: { ...view().conversion, focus: { stageName: HOSTILE, toStageName: HOSTILE, evidenceText: long } },
      questions: { stageName: HOSTILE, items: [long, long, long] },
      activity: { ...activity, byStage: Array.from({ length: 100 }, () => ({ name: long, count: 1 })) },
    });
    const rendered = renderBrief(v);
    expect(findLimitViolations(rendered.blocks)).toEqual([]);
    expect(pings(rendered)).toEqual([]);
    const plain = text(rendered.blocks);
    const agendaShown = plain.split('— from ').length - 1;
    expect(agendaShown).toBeGreaterThan(0);
    expect(plain).toContain(`…and ${200 - agendaShown} more`);
    // A code fence from someone's text must not swallow the lines after it (headers are plain text: no mrkdwn there).
    const mrkdwn = rendered.blocks.filter((b) => b.type === 'section' || b.type === 'context');
    expect(strings(mrkdwn).some((s) => s.includes('```'))).toBe(false);
    // Sections still all there: nothing pushed out the end of the message.
    expect(plain).toContain('Tone:');
    expect(plain).toContain('[ Log notes ]');
  });

  it('keeps each agenda item on one line', () => {
    const plain = text(renderBrief(view({ agenda: [{ text: 'line one\n\nline two', authorName: 'Dana', fromYou: false }] })).blocks);
    expect(plain).toContain('• line one line two — from Dana');
  });
});
