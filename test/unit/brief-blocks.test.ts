import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { TBriefView } from '../../src/slack/blocks/view-models/brief';
import { BRIEF_EXPLAIN_ACTION, BRIEF_LOG_NOTES_ACTION, briefToPlainText, renderBrief, ZBriefExplainValue, ZBriefLogNotesValue } from '../../src/slack/blocks/brief';
import { briefDetailToPlainText, renderBriefDetailModal } from '../../src/slack/blocks/brief-detail';
import { plainWords } from '../../src/slack/blocks/brief-sections';
import { REVIEW_IDS } from '../../src/slack/blocks/review-ids';
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
  byStage: {
    stages: [
      { stage: 'discovery', name: 'Discovery', count: 6 },
      { stage: 'demo', name: 'Demo', count: 3 },
    ],
    noStage: 52,
  },
};

const outcomes: TBriefView['activity'] = {
  kind: 'outcomes',
  goal: { label: 'Q4 2026', metric: 'deals_won', target: 6, achieved: 4, source: 'goal' },
  won: [{ name: 'Acme', amountCents: 1_250_000 }],
  advanced: [{ name: 'Globex', stageName: 'Proposal' }],
};

const view = (over: Partial<TBriefView> = {}): TBriefView => ({
  rep: { name: 'Dana', slackUserId: 'U0DANA' },
  asOfMs: Date.parse('2026-12-01T09:00:00Z'),
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
  pattern: null,
  stalled: { deals: [{ name: 'Initech', stageName: 'Demo', idleDays: 18 }], more: 2 },
  dormant: { deals: [], overDays: 90 },
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
  reviews: { since: { basis: 'since_meeting', days: 7 }, shared: [], sharedMore: 0, requests: [], requestsMore: 0 },
  ...over,
});

const text = (blocks: KnownBlock[]) => blocksToPlainText(blocks);
const buttons = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions').flatMap((b) => b.elements);

describe('renderBrief', () => {
  const scenarios: { what: string; v: TBriefView; want: string[]; notWant: string[] }[] = [
    {
      what: 'guided: reason, activity vs expectation, focus with evidence, stalled, agenda, action items, questions, tone',
      v: view(),
      want: ['Brief: your 1:1 with Dana', 'Tue 1 Dec, 10:00 (in 60 min) · every Tuesday at 10:00', 'Guided — 3 deals won in the last 90 days', 'Since the last 1:1 (7 days)',
        'Calls: 34 of 40 expected', 'Emails: 22 of 20 expected', 'Also logged: 5 social touches', 'Focus: Demo → Proposal', 'vs 55% for the team',
        'Initech — Demo, no activity for 18 days', '…and 2 more stalled', 'Pricing for the Acme renewal — from Dana',
        'Demo script — from you', 'Send ROI one-pager — Dana · due Fri 27 Nov · done', 'Book a ride-along — you · due Mon 23 Nov (overdue) · open · from Tue 17 Nov',
        'Ask about Demo', '3. What next step did they agree?', 'Share weekly', 'How is this computed?', '[ Log notes ] [ The full detail ]'],
      notWant: ['Guided: 3 deals', 'Fed:', 'No stage', 'a week', 'a day', 'idle over', 'raw', 'Pattern'],
    },
    {
      what: 'a pattern of lost deals: one plain line after the focus',
      v: view({ pattern: { kind: 'lost-after', stageName: 'Demo', lost: 5, of: 8, teamLost: 15, teamOf: 90, windowDays: 180 } }),
      want: ["vs 55% for the team.\n:repeat: Pattern: 5 of Dana's last 8 lost deals were lost after Demo (team: 1 in 6)."],
      notWant: ['p =', 'binomial'],
    },
    {
      what: 'a pattern of lost deals, all of them',
      v: view({ rep: { name: 'Dana Reyes', slackUserId: 'U0DANA' }, pattern: { kind: 'lost-after', stageName: 'Proposal', lost: 4, of: 4, teamLost: 30, teamOf: 40, windowDays: 180 } }),
      want: ["Pattern: All 4 of Dana's last lost deals were lost after Proposal (team: 75%)."],
      notWant: ["Dana Reyes's"],
    },
    {
      what: 'a slow stage: one plain line',
      v: view({ pattern: { kind: 'slow-stage', stageName: 'Proposal', repMedianDays: 24.4, teamMedianDays: 8.1, ratio: 3.01, deals: 6, windowDays: 180 } }),
      want: ["Pattern: Dana's deals sit 3× longer in Proposal than the team's (typically 24 days against 8, over 6 deals)."],
      notWant: ['median', '24.4'],
    },
    {
      what: 'a period too short for anything to be due yet: no tick for an expectation that did not exist',
      v: view({ activity: { ...activity, rows: [{ type: 'meeting', done: 0, expected: 0, per: 'week', amount: 1 }, { type: 'call', done: 11, expected: 12, per: 'day', amount: 14 }] } }),
      want: ['Meetings: 0 — none due yet in this period', 'Calls: 11 of 12 expected'],
      notWant: ['0 of 0', '✔ Meetings'],
    },
    {
      what: 'focused: changed tier',
      v: view({ tier: { tier: 'focused', reason: 'Focused: Well behind pace: 0 won against 3.9 deals expected at your quota\'s pace.', changedFrom: 'guided' } }),
      want: ['Focused (was guided) — well behind pace: 0 won against about 4 deals expected at their quota\'s pace.'],
      notWant: ['3.9', 'your quota'],
    },
    {
      what: 'autonomous: outcomes, never activity counts or targets',
      v: view({ tier: { tier: 'autonomous', reason: 'Autonomous: top of the team.', changedFrom: null }, activity: outcomes }),
      want: ['Outcomes — since the last 1:1 (7 days)', 'Goal for Q4 2026: 4 of 6 deals won', 'Won: 1 — Acme ($12,500)', 'Moved on: 1 — Globex → Proposal', 'no activity counts or targets'],
      notWant: ['Calls', 'expected', 'Fed:'],
    },
    {
      what: 'ramping: no tier judgement',
      v: view({ tier: { tier: 'ramping', reason: 'Ramping: 20 of 60 days; behind the team.', changedFrom: 'focused' } }),
      want: ['Ramping', 'no tier judgement'],
      notWant: ['Guided', 'was focused', 'behind the team'],
    },
    {
      what: 'before the first recompute: says when coaching starts, generic questions',
      v: view({ tier: null, questions: { stageName: null, items: ['A?', 'B?', 'C?'] }, conversion: { ...view().conversion, rows: view().conversion.rows.map((r) => ({ ...r, isFocus: false })), focus: null } }),
      want: ['coaching starts after the nightly recompute', 'Ask\n1. A?', 'No focus', 'Below the team: Demo → Proposal 25% (team 55%)'],
      notWant: ['Ask about'],
    },
    {
      what: 'a stage below the team on too few deals is left to the detail',
      v: view({ conversion: { ...view().conversion, rows: [...view().conversion.rows, { fromName: 'Negotiation', toName: 'Won', advanced: 0, reached: 1, repRate: 0, teamRate: 0.6, isFocus: false }] } }),
      want: ['Other stages: no clear gap to the team.'],
      notWant: ['Negotiation → Won'],
    },
    {
      what: 'no 1:1: how to schedule one, no agenda, no Log notes button',
      v: view({ meeting: null, meetingId: null, agenda: [], actionItems: [] }),
      want: ['No 1:1 scheduled — `/coach 1on1 @rep weekly tue 10:00`', 'No 1:1, so no agenda yet', 'No action items', '[ The full detail ]'],
      notWant: ['Log notes'],
    },
    {
      what: 'a capped period and nothing logged',
      v: view({ period: { basis: 'capped', fromLabel: 'Tue 10 Nov, 10:00', days: 14 }, activity: { kind: 'activity', rows: [], total: 0, byStage: { stages: [], noStage: 0 } }, stalled: { deals: [], more: 0 } }),
      want: ['Last 14 days', 'Nothing logged, and no activity expectations', 'No stalled deals'],
      notWant: ['Fed:', 'Also logged'],
    },
    {
      what: 'dormant deals: one "close or revive" line after the stalled ones, never among them',
      v: view({ dormant: { deals: [{ name: 'Wonka 413', idleDays: 360 }, { name: 'Acme 9', idleDays: 303 }, { name: 'Globex 2', idleDays: 200 }, { name: 'Soylent 7', idleDays: 120 }], overDays: 90 } }),
      want: ['• Initech — Demo, no activity for 18 days\n…and 2 more stalled\n💤 4 deals idle over 90 days: Wonka 413, Acme 9, Globex 2, and 1 more — close them or revive them?'],
      notWant: ['Wonka 413 — ', 'Soylent 7'],
    },
    {
      what: 'one dormant deal',
      v: view({ stalled: { deals: [], more: 0 }, dormant: { deals: [{ name: 'Wonka 413', idleDays: 330 }], overDays: 90 } }),
      want: ['No stalled deals', '💤 1 deal idle over 90 days: Wonka 413 — close it or revive it?'],
      notWant: [],
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
    const order = ['Brief: your 1:1', 'Guided', 'Since the last 1:1', 'Conversion vs. the team', 'Deals to talk about', 'Agenda', 'From the last 1:1', 'Ask about', 'Share weekly', 'How is this computed?', 'Log notes'];
    const positions = order.map((heading) => plain.indexOf(heading));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it.each([
    { what: 'a meeting', meetingId: 42, want: [{ action_id: BRIEF_LOG_NOTES_ACTION, value: { meetingId: 42 } }, { action_id: BRIEF_EXPLAIN_ACTION, value: { rep: 'U0DANA', asOf: Date.parse('2026-12-01T09:00:00Z') } }] },
    { what: 'a meeting whose row is not there', meetingId: null, want: [{ action_id: BRIEF_EXPLAIN_ACTION, value: { rep: 'U0DANA', asOf: Date.parse('2026-12-01T09:00:00Z') } }] },
  ])('Log notes and How is this computed? buttons for $what', ({ meetingId, want }) => {
    const got = buttons(renderBrief(view({ meetingId })).blocks).map((b) => {
      const value: unknown = JSON.parse('value' in b ? String(b.value) : '');
      return { action_id: b.action_id, value: b.action_id === BRIEF_LOG_NOTES_ACTION ? ZBriefLogNotesValue.parse(value) : ZBriefExplainValue.parse(value) };
    });
    expect(got).toEqual(want);
  });

  it('keeps 200 hostile agenda items of 5,000 characters within limits, inert and truncated', () => {
    const long = `${HOSTILE} ${'x'.repeat(5_000)}`.slice(0, 5_000);
    const v = view({
      rep: { name: HOSTILE, slackUserId: 'U0DANA' },
      agenda: Array.from({ length: 200 }, (_, i) => ({ text: `${i}\n${long}`, authorName: HOSTILE, fromYou: i % 2 === 0 })),
      actionItems: Array.from({ length: 200 }, () => ({ text: long, ownerName: HOSTILE, ownerIsYou: false, dueLabel: null, overdue: false, done: false, carriedFrom: null })),
      stalled: { deals: Array.from({ length: 5 }, () => ({ name: long, stageName: HOSTILE, idleDays: 30 })), more: 195 },
      dormant: { deals: Array.from({ length: 300 }, () => ({ name: long, idleDays: 300 })), overDays: 90 },
      tier: { tier: 'guided', reason: long, changedFrom: null },
      conversion: { ...view().conversion, focus: { stageName: HOSTILE, toStageName: HOSTILE, evidenceText: long } },
      pattern: { kind: 'lost-after', stageName: long, lost: 4, of: 8, teamLost: 1, teamOf: 20, windowDays: 180 },
      questions: { stageName: HOSTILE, items: [long, long, long] },
      activity: { ...activity, byStage: { stages: Array.from({ length: 100 }, (_, i) => ({ stage: `s${i}`, name: long, count: 1 })), noStage: 7 } },
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
    expect(plain).toContain('Share weekly');
    expect(plain).toContain('[ Log notes ] [ The full detail ]');
  });

  it('keeps each agenda item on one line', () => {
    const plain = text(renderBrief(view({ agenda: [{ text: 'line one\n\nline two', authorName: 'Dana', fromYou: false }] })).blocks);
    expect(plain).toContain('• line one line two — from Dana');
  });

  it('reads on a phone: a handful of bold leads, no headers past the title, at most about 40 lines', () => {
    const { blocks } = renderBrief(view({ dormant: { deals: [{ name: 'Wonka 413', idleDays: 330 }], overDays: 90 } }));
    expect(blocks.filter((b) => b.type === 'header')).toHaveLength(1);
    const lines = text(blocks).split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeLessThanOrEqual(32);
    const how = blocks.find((b) => b.type === 'context' && JSON.stringify(b).includes('How is this computed?'));
    expect(JSON.stringify(how).length).toBeLessThan(450);
  });
});

describe('plainWords: the engine sentences for a manager on a phone', () => {
  it.each([
    { in: 'Well behind pace: 0 won against 3.9 deals expected over the last 90 days at your quota\'s pace.', want: 'Well behind pace: 0 won against about 4 deals expected over the last 90 days at their quota\'s pace.' },
    { in: 'Discovery → Demo: 45% (31% raw, 4 of 13 deals) vs 80%.', want: 'Discovery → Demo: 45% vs 80%.' },
    { in: 'could add about 1.1 more won deals a quarter (about $30,538.50).', want: 'could add about 1 more won deal a quarter (about $30,538.50).' },
    { in: 'a need of 0.31 a week', want: 'a need of about 0 a week' },
    { in: 'On track for 7 of 7 deals this quarter.', want: 'On track for 7 of 7 deals this quarter.' },
  ])('$in', ({ in: input, want }) => {
    expect(plainWords(input)).toBe(want);
  });
});

describe('renderBriefDetailModal: the whole of "How is this computed?"', () => {
  it('explains the period, each expectation in plain rates, where activity went, every stage, the focus, the tier and idle deals', () => {
    const v = view({
      activity: { ...activity, rows: [...activity.rows, { type: 'proposal', done: 0, expected: 1, per: 'week', amount: 0.27 }] },
      dormant: { deals: [{ name: 'Wonka 413', idleDays: 330 }], overDays: 90 },
    });
    const modal = renderBriefDetailModal(v);
    expect(modal.type).toBe('modal');
    expect(modal.title.text).toBe('How is this computed?');
    const plain = briefDetailToPlainText(v);
    for (const want of [
      'Tue 24 Nov, 10:00', 'since the last 1:1', 'the weekly figure × the rep’s working days in it ÷ their working days in a week', 'calls: 40 a week → 40 expected in the period, 34 done', 'emails: 4 a working day → 20 expected',
      'proposals: about 1 a month', '52 not tied to a stage', 'Discovery → Demo: 80% (8 of 10) · team 70%', 'Proposal → Won: no deals yet', 'vs 55% for the team',
      'Guided: 3 deals won', 'attainment against the agreed goal', 'Idle over 90 days, a deal is dormant', 'Wonka 413 — no activity for 330 days', 'Share weekly',
    ]) expect(plain).toContain(want);
    expect(plain).not.toContain('0.27');
    expect(plain).toContain('None stands out over the last 180 days.');
    expect(findLimitViolations(modal.blocks as KnownBlock[], 100)).toEqual([]);
  });

  it.each([
    { pattern: { kind: 'lost-after', stageName: 'Demo', lost: 5, of: 8, teamLost: 15, teamOf: 90, windowDays: 180 } as const, want: '5 of the rep’s last 8 lost deals were lost after Demo; of the rest of the team’s lost deals over the last 180 days, 15 of 90.' },
    { pattern: { kind: 'slow-stage', stageName: 'Proposal', repMedianDays: 24.44, teamMedianDays: 8.1, ratio: 3.01, deals: 6, windowDays: 180 } as const, want: 'the rep’s 6 deals that left Proposal spent a median of 24.4 days there; the rest of the team’s, 8.1.' },
  ])('gives the numbers behind a $pattern.kind pattern', ({ pattern, want }) => {
    const plain = briefDetailToPlainText(view({ pattern }));
    expect(plain).toContain(want);
    expect(plain).toContain('less than 1 time in 100');
  });

  it('stays within the modal limits and inert with hostile names and 500 dormant deals', () => {
    const long = `${HOSTILE} ${'x'.repeat(3_000)}`;
    const v = view({ rep: { name: HOSTILE, slackUserId: 'U0DANA' }, dormant: { deals: Array.from({ length: 500 }, () => ({ name: long, idleDays: 400 })), overDays: 90 }, tone: long });
    const modal = renderBriefDetailModal(v);
    expect(findLimitViolations(modal.blocks as KnownBlock[], 100)).toEqual([]);
    expect(pings(modal)).toEqual([]);
  });
});

describe('renderBrief: call reviews', () => {
  const review = (id: number, over: Partial<TBriefView['reviews']['shared'][number]> = {}): TBriefView['reviews']['shared'][number] => ({
    id, url: `https://app.gong.io/call?id=${id}`, label: `Globex call, Mon ${id} Dec`, reviewerName: 'Morgan', sharedAgo: '3 days ago', dealName: 'Globex', callStageName: 'Discovery',
    wentWell: 'Good opening', oneThing: 'Ask about budget before the demo', oneThingStageName: 'Discovery', exemplar: null, tried: false, questions: 0, lastQuestion: null, byReader: true, ...over,
  });
  const request = (id: number, note: string | null = 'the Globex negotiation call') => ({ id, url: `https://zoom.us/rec/share/${id}`, label: 'zoom.us call, Mon 30 Nov', note, askedOn: 'Mon 30 Nov' });

  it('has no reviews section at all when there is nothing to say', () => {
    expect(text(renderBrief(view()).blocks)).not.toMatch(/review|feedback/i);
  });

  it('lists reviews since the last 1:1 with tried or not and the questions asked, and each request with "Review this call"', () => {
    const rendered = renderBrief(view({
      reviews: {
        since: { basis: 'since_meeting', days: 7 },
        shared: [review(1, { tried: true }), review(2, { questions: 2, lastQuestion: 'Should I send the deck first?', reviewerName: null, byReader: false }), review(3, { reviewerName: 'Riley <!here>', byReader: false, dealName: null, label: 'gong.io call, Thu 3 Dec' })],
        sharedMore: 0,
        requests: [request(7)],
        requestsMore: 0,
      },
    }));
    const plain = text(rendered.blocks);
    expect(plain).toContain('Call reviews since your last 1:1');
    expect(plain).toContain('Globex call, Mon 1 Dec (https://app.gong.io/call?id=1) — Ask about budget before the demo (Discovery) · ✔ Dana tried it');
    expect(plain).toContain('from a former colleague — Ask about budget before the demo (Discovery) · not tried yet · 2 questions, last: “Should I send the deck first?”');
    // The reader's own reviews name nobody; someone else's name them (escaped), a forgotten reviewer as a former colleague.
    expect(plain).toContain('gong.io call, Thu 3 Dec (https://app.gong.io/call?id=3) · from Riley');
    expect(JSON.stringify(rendered.blocks)).toContain('· from Riley &lt;!here&gt; — Ask about budget');
    expect(plain).toContain('Dana asked for feedback on zoom.us call, Mon 30 Nov');
    expect(plain).toContain('“the Globex negotiation call”');
    const json = JSON.stringify(rendered.blocks);
    expect(json).toContain('<https://app.gong.io/call?id=1|Globex call, Mon 1 Dec>');
    const requestBlock = rendered.blocks.find((b) => b.type === 'section' && 'accessory' in b && b.accessory?.type === 'button') as { accessory: { action_id: string; value: string } };
    expect(requestBlock.accessory).toMatchObject({ action_id: REVIEW_IDS.openRequest, value: '7' });
  });

  it('says "in the last 30 days" without a previous 1:1, and keeps to 3 reviews and 2 requests with "and N more"', () => {
    const rendered = renderBrief(view({
      reviews: { since: { basis: 'days', days: 30 }, shared: [review(1), review(2), review(3)], sharedMore: 4, requests: [request(8), request(9, null)], requestsMore: 3 },
    }));
    const plain = text(rendered.blocks);
    expect(plain).toContain('Call reviews in the last 30 days');
    expect(plain).toContain('…and 4 more');
    expect(plain).toContain('…and 3 more requests from Dana.');
    expect(rendered.blocks.filter((b) => b.type === 'section' && 'accessory' in b && b.accessory?.type === 'button')).toHaveLength(2);
  });

  it('keeps hostile review texts inert and within limits', () => {
    const rendered = renderBrief(view({
      rep: { name: HOSTILE, slackUserId: 'U0DANA' },
      reviews: {
        since: { basis: 'since_meeting', days: 7 },
        shared: [review(1, { oneThing: HOSTILE.repeat(50), oneThingStageName: HOSTILE, lastQuestion: HOSTILE, questions: 1, url: 'https://rec.example/a|b>c<!channel>' })],
        sharedMore: 0,
        requests: [{ ...request(2, HOSTILE.repeat(10)), askedOn: HOSTILE }],
        requestsMore: 0,
      },
    }));
    expect(pings(rendered.blocks)).toEqual([]);
    expect(findLimitViolations(rendered.blocks)).toEqual([]);
  });
});
