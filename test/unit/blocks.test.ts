import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../src/domain/periods';
import { computeRepStats, type TDealRow, type TRepStats } from '../../src/domain/stats';
import { DEFAULT_STAGES } from '../../src/domain/types';
import { escapeText, truncate } from '../../src/slack/blocks/escape';
import { formatMoney, joinWithAnd, pluralizeActivity } from '../../src/slack/blocks/format';
import { renderHelp } from '../../src/slack/blocks/help';
import {
  findLimitViolations,
  fitMessage,
  fitView,
  MAX_FALLBACK_TEXT,
  MAX_MESSAGE_BLOCKS,
  MAX_VIEW_BLOCKS,
} from '../../src/slack/blocks/limits';
import { renderLogConfirmation } from '../../src/slack/blocks/log-confirmation';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import { renderRepStats } from '../../src/slack/blocks/rep-stats';
import { defaultActivityStageMap } from '../../src/domain/activity-stage-map';
import type { TCoachingView } from '../../src/slack/blocks/view-models/coaching';
import { renderTeam } from '../../src/slack/blocks/team';
import type { TLogConfirmationView } from '../../src/slack/blocks/view-models/logging';

const EVIL = '<!channel> <!here> <!everyone> <@U1> <https://evil.example|click> & @channel';
const now = DateTime.fromISO('2026-11-24T15:30', { zone: 'America/Los_Angeles' });
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' }).toMillis();

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function statsFor(deals: TDealRow[], activities = true): TRepStats {
  return computeRepStats({
    activities: activities
      ? [
          { type: 'call', count: 4, occurredAt: at('2026-11-23T10:00') },
          { type: 'email', count: 2, occurredAt: at('2026-11-24T09:00') },
          { type: 'demo', count: 1, occurredAt: at('2026-11-24T11:00') },
          { type: 'call', count: 9, occurredAt: at('2026-11-10T11:00') },
        ]
      : [],
    deals,
    stages: DEFAULT_STAGES,
    activityStages: defaultActivityStageMap(DEFAULT_STAGES),
    period: resolvePeriod('week', now),
    now,
  });
}

const someDeals: TDealRow[] = [
  { name: 'Acme', stage: 'demo', outcome: 'open', amountCents: 2_400_000, closedAt: null },
  { name: 'Globex', stage: 'won', outcome: 'won', amountCents: 1_250_000, closedAt: at('2026-11-24T08:00') },
];
const hundredDeals: TDealRow[] = Array.from({ length: 100 }, (_, i) => ({
  name: `${EVIL} deal ${i}`,
  stage: i % 3 === 0 ? `${EVIL} custom stage ${i}` : 'proposal',
  outcome: 'open',
  amountCents: 123_456 * i,
  closedAt: null,
}));
const reps = (count: number, name = 'Rep') =>
  Array.from({ length: count }, (_, i) => ({
    slackUserId: `UREP${String(i).padStart(4, '0')}`,
    name: `${name} ${i}`,
    weekTotal: i * 3,
    trendSparkline: '▁▂▃▄▅▆▇█',
    lastActivityLabel: i % 2 ? `${i} hours ago` : null,
  }));
const logView = (overrides: Partial<TLogConfirmationView>): TLogConfirmationView => ({
  activities: [],
  dealUpdates: [],
  unknown: [],
  problems: [],
  edited: false,
  ...overrides,
});

// Every renderer, with hostile and huge inputs.
const renders: { what: string; maxBlocks?: number; render: () => { blocks: KnownBlock[]; text: string } }[] = [
  { what: 'rep stats, self', render: () => renderRepStats({ personName: EVIL, isSelf: true, stats: statsFor(someDeals), stages: DEFAULT_STAGES }) },
  { what: 'rep stats, 100 deals, hostile names', render: () => renderRepStats({ personName: EVIL.repeat(50), isSelf: false, stats: statsFor(hundredDeals), stages: DEFAULT_STAGES }) },
  { what: 'rep stats, empty', render: () => renderRepStats({ personName: EVIL, isSelf: true, stats: statsFor([], false), stages: DEFAULT_STAGES }) },
  {
    what: 'log, hostile deals and pieces',
    render: () =>
      renderLogConfirmation(
        logView({
          activities: [{ type: 'demo', count: 1, deal: EVIL }],
          dealUpdates: [{ deal: EVIL, stage: EVIL, amountCents: 100 }, { deal: EVIL, outcome: 'won' }],
          whenLabel: EVIL,
          unknown: [EVIL, `\`${EVIL}\``],
          problems: [{ source: EVIL, message: EVIL }],
        }),
      ),
  },
  {
    what: 'log, 40 questions and new deals with hostile names',
    render: () =>
      renderLogConfirmation(
        logView({
          activities: [{ type: 'call', count: 2 }],
          questions: Array.from({ length: 40 }, (_, i) => ({
            id: i + 1,
            kind: i % 2 ? ('which' as const) : ('create' as const),
            name: `${EVIL} ${i}`,
            what: EVIL,
            candidates: Array.from({ length: 30 }, (_, j) => ({ dealId: j + 1, name: `${EVIL.repeat(5)} ${j}`, stage: EVIL })),
          })),
          newDeals: Array.from({ length: 40 }, (_, i) => ({ dealId: i + 1, logEntryId: 1, name: `${EVIL} ${i}` })),
          notes: Array.from({ length: 40 }, () => ({ deal: EVIL, text: EVIL.repeat(20) })),
          unmatchedDeals: Array.from({ length: 40 }, () => EVIL),
        }),
      ),
  },
  { what: 'log, a 5000-char unknown piece', render: () => renderLogConfirmation(logView({ unknown: ['x'.repeat(5000), `${EVIL} `.repeat(100)] })) },
  {
    what: 'log, 500 of everything',
    render: () =>
      renderLogConfirmation(
        logView({
          activities: Array.from({ length: 500 }, (_, i) => ({ type: 'call' as const, count: i + 1, deal: `${EVIL} ${i}` })),
          dealUpdates: Array.from({ length: 500 }, (_, i) => ({ deal: `${EVIL} ${i}`, outcome: 'lost' as const })),
          unknown: Array.from({ length: 500 }, () => EVIL),
          problems: Array.from({ length: 500 }, () => ({ source: EVIL, message: 'x'.repeat(5000) })),
          edited: true,
        }),
      ),
  },
  { what: 'team, 200 reps with hostile names', render: () => renderTeam({ managerName: EVIL, reps: reps(200, EVIL) }) },
  { what: 'team, 200 reps with 5000-char names and bad ids', render: () => renderTeam({ managerName: 'M', reps: reps(200, 'n'.repeat(5000)).map((r) => ({ ...r, slackUserId: EVIL })) }) },
  { what: 'team, empty', render: () => renderTeam({ managerName: EVIL, reps: [] }) },
  { what: 'help, manager, hostile verb', render: () => renderHelp({ isManager: true, unknownVerb: EVIL.repeat(100) }) },
  { what: 'help, rep', render: () => renderHelp({ isManager: false }) },
];

describe('every renderer', () => {
  it.each(renders)('$what stays under Slack limits', ({ render, maxBlocks }) => {
    const { blocks, text } = render();
    expect(findLimitViolations(blocks, maxBlocks ?? MAX_MESSAGE_BLOCKS)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT);
  });

  it.each(renders)('$what never lets user text become a mention or a link', ({ render }) => {
    for (const value of strings(render())) {
      for (const token of ['<!channel>', '<!here>', '<!everyone>', '<@U1>', '<https://evil']) expect(value).not.toContain(token);
      // The only `<…>` tokens we write are our own mentions of validated user ids.
      expect(value).not.toMatch(/<(?!@UREP\d{4}>)/);
      expect(value).not.toMatch(/(^|[^\u200B])@channel/i);
    }
  });
});

describe('renderRepStats', () => {
  it('shows the key figures, in blocks and in plain text', () => {
    const { blocks, text } = renderRepStats({ personName: 'Jane', isSelf: true, stats: statsFor(someDeals), stages: DEFAULT_STAGES });
    const plain = blocksToPlainText(blocks);
    for (const figure of ['Your activity — This week', '4 calls', '2 emails', '1 demo', 'Pipeline', '$24k', '1 won ($12,500)', 'Last 8 weeks', 'Mon 23 Nov – Tue 24 Nov', '/stats last week']) {
      expect(plain).toContain(figure);
    }
    expect(JSON.stringify(blocks)).toContain('*4* calls · *2* emails · *1* demo');
    // Calls and emails feed Prospecting, demos Demo (the default map): every surface's one line.
    expect(plain).toContain('By stage: Prospecting 6 · Demo 1');
    expect(text).toBe('Your activity — This week: 4 calls, 2 emails and 1 demo');
  });

  it('a closed period: no targets or pace, nothing "yet", the trend up to its end', () => {
    const lastMonth = resolvePeriod('last month', now);
    const stats = computeRepStats({ activities: [], deals: [], stages: DEFAULT_STAGES, activityStages: defaultActivityStageMap(DEFAULT_STAGES), period: lastMonth, now });
    const coaching = { tier: 'guided', tierReason: 'R', computedAtLabel: 'Tue', goal: null, expectations: [], focus: null } as unknown as TCoachingView;
    const plain = blocksToPlainText(renderRepStats({ personName: 'Jane', isSelf: true, stats, stages: DEFAULT_STAGES, coaching }).blocks);
    expect(plain).toContain('Your activity — Last month');
    expect(plain).toContain('Nothing logged last month');
    expect(plain).toContain('Closed last month: none');
    expect(plain).not.toContain('none yet');
    expect(plain).not.toContain('Weekly targets');
    // The week holding 31 Oct is shown whole, not as a one-day stub.
    expect(plain).toContain('8 weeks to Sun 1 Nov');
    expect(plain).toContain('`/stats` for this week and your targets');
  });

  it('names the rep when a manager looks', () => {
    const { blocks } = renderRepStats({ personName: 'Jane & Co', isSelf: false, stats: statsFor(someDeals), stages: DEFAULT_STAGES });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Jane &amp; Co\'s activity — This week' } });
    expect(blocksToPlainText(blocks)).toContain("Jane & Co's activity");
  });

  it('reads kindly when nothing was logged', () => {
    const { blocks, text } = renderRepStats({ personName: 'Jane', isSelf: true, stats: statsFor([], false), stages: DEFAULT_STAGES });
    const plain = blocksToPlainText(blocks);
    expect(plain).toContain('Nothing logged yet this week — `/log 4 calls, demo with Acme` or DM me');
    expect(plain).toContain('No open deals');
    expect(text).toContain('Nothing logged yet this week');
  });
});

describe('renderLogConfirmation', () => {
  const scenarios: { what: string; view: TLogConfirmationView; want: string[] }[] = [
    {
      what: 'activities',
      view: logView({ activities: [{ type: 'call', count: 4 }, { type: 'email', count: 2 }, { type: 'demo', count: 1, deal: 'Acme' }] }),
      want: [':white_check_mark: Logged 4 calls, 2 emails and 1 demo (Acme)'],
    },
    {
      what: 'with a day',
      view: logView({ activities: [{ type: 'call', count: 5 }], whenLabel: 'yesterday (Mon 23 Nov)' }),
      want: ['Logged 5 calls for yesterday (Mon 23 Nov)'],
    },
    {
      what: 'deal updates alone',
      view: logView({ dealUpdates: [{ deal: 'Initech', stage: 'Negotiation' }, { deal: 'Acme', outcome: 'won', amountCents: 1_250_000 }, { deal: 'Hooli', outcome: 'lost' }] }),
      want: ['Moved *Initech* to Negotiation', 'Won *Acme* ($12,500)', 'Lost *Hooli*'],
    },
    {
      what: 'unknown pieces',
      view: logView({ activities: [{ type: 'social', count: 3 }], unknown: ['foo'] }),
      want: ['Logged 3 social touches', "I didn't understand: `foo` — try `3 calls, demo with Acme` · `/coach help`"],
    },
    {
      what: 'nothing understood',
      view: logView({ unknown: ['hello there'] }),
      want: ['nothing was logged', 'kept your text', '`hello there`'],
    },
    {
      what: 'problems',
      view: logView({ problems: [{ source: '900 calls', message: 'that is more than 500 in one go' }] }),
      want: ['`900 calls` — that is more than 500 in one go', 'Nothing logged from that — here is why (your text is kept, so nothing is lost):'],
    },
    {
      what: 'an edit',
      view: logView({ activities: [{ type: 'other', count: 1 }], edited: true }),
      want: ['Updated: logged 1 other activity'],
    },
    {
      what: 'several days, a deal and a dated day',
      view: logView({ activities: [{ type: 'call', count: 4, day: 'yesterday (Sun 6 Dec)' }, { type: 'call', count: 2, day: 'today' }, { type: 'demo', count: 1, deal: 'Acme', day: 'Fri 4 Dec' }] }),
      want: ['Logged 4 calls yesterday (Sun 6 Dec), 2 calls today and 1 demo (Acme) on Fri 4 Dec'],
    },
    {
      what: 'a day range',
      view: logView({ activities: [{ type: 'call', count: 30, spread: 'spread over Mon 30 Nov – Wed 2 Dec, 10 a day' }] }),
      want: ['Logged 30 calls', '30 calls spread over Mon 30 Nov – Wed 2 Dec, 10 a day — edit your message to split it differently.'],
    },
    {
      what: 'which deal? asks with a button per deal and a way out',
      view: logView({
        activities: [{ type: 'call', count: 2, questionId: 7 }],
        questions: [{ id: 7, kind: 'which', name: 'Acme', what: '2 calls', candidates: [{ dealId: 1, name: 'Acme Labs', stage: 'Demo' }, { dealId: 2, name: 'Acme Rockets' }] }],
      }),
      want: ['Which *Acme* for 2 calls? Until you pick, it is logged without a deal.', 'Acme Labs · Demo', 'Acme Rockets', 'None of these', '"questionId":7,"answer":{"dealId":1}'],
    },
    {
      what: 'create? for a won deal it does not know',
      view: logView({ questions: [{ id: 3, kind: 'create', name: 'Umbrella', what: 'the win ($12,500)', candidates: [] }] }),
      want: ['One question before I log that', 'None of your open deals is called *Umbrella*. Create it for the win ($12,500)?', 'Create Umbrella', 'No, leave it'],
    },
    {
      what: 'a new deal with Undo, a closed deal kept closed, an unknown name',
      view: logView({
        activities: [{ type: 'demo', count: 1, deal: 'Initech' }, { type: 'call', count: 1, deal: 'Hooli', dealClosed: 'won' }, { type: 'call', count: 2 }],
        newDeals: [{ dealId: 9, logEntryId: 4, name: 'Initech' }],
        unmatchedDeals: ['Bob'],
      }),
      want: ['New deal *Initech*.', 'undo_new_deal', '*Hooli* is already won, so it stays closed', 'None of your open deals is called *Bob*, so that stays in your message only.'],
    },
    {
      what: 'close matches offer a new deal too, and tell two Globexes apart by amount',
      view: logView({
        questions: [{ id: 5, kind: 'which', name: 'Globex Systems', what: '1 demo', offerNew: true, near: true, candidates: [{ dealId: 1, name: 'Globex 220', stage: 'Prospecting', amountCents: 2_400_000 }, { dealId: 2, name: 'Globex 619', stage: 'Prospecting' }] }],
      }),
      want: ['did you mean one of these, for 1 demo?', 'Globex 220 · Prospecting · $24k', 'Globex 619 · Prospecting', 'New deal Globex Systems', 'None of these'],
    },
    {
      what: 'amounts set and outcomes already recorded are said',
      view: logView({ activities: [{ type: 'proposal', count: 1, deal: 'Gringotts' }], dealUpdates: [{ deal: 'Gringotts', stage: 'Proposal' }, { deal: 'Gringotts', amountCents: 2_400_000, amountWasCents: 2_006_000 }, { deal: 'Acme', outcome: 'won', already: true }, { deal: 'Hooli', outcome: 'won', reopened: true }] }),
      want: ['Moved *Gringotts* to Proposal', 'Set *Gringotts* to $24k (was $20,060)', '*Acme* was already won', 'Won *Hooli* (it was lost before)'],
    },
    {
      what: 'a dismissed question alone',
      view: logView({ dismissedDeals: ['Umbrella'] }),
      want: ['Left *Umbrella* alone — nothing recorded.'],
    },
    {
      what: 'a note alone is its own headline',
      view: logView({ notes: [{ deal: 'Initech', text: 'close date pushed to Q1' }] }),
      want: [':memo: Noted on *Initech*: close date pushed to Q1'],
    },
    {
      what: 'a correction alone is its own headline',
      view: logView({ corrections: [{ type: 'call', before: 4, after: 3 }] }),
      want: [':pencil2: Corrected your last entry: 4 → 3 calls.'],
    },
    {
      what: 'nothing today, was sick',
      view: logView({ nothing: 'sick' }),
      want: ['feel better', '/coach pause 3d'],
    },
    {
      what: 'a reopened deal is said',
      view: logView({ dealUpdates: [{ deal: 'Hooli', stage: 'Negotiation', reopened: true }] }),
      want: ['Moved *Hooli* to Negotiation (it was closed: reopened)'],
    },
    {
      what: 'a removal',
      view: logView({ activities: [{ type: 'call', count: 1 }], removed: true }),
      want: ['Removed the activity logged from that message.'],
    },
  ];
  it.each(scenarios)('$what', ({ view, want }) => {
    const json = JSON.stringify(renderLogConfirmation(view).blocks);
    for (const piece of want) expect(json).toContain(JSON.stringify(piece).slice(1, -1));
  });

  it('keeps the fallback text to the headline', () => {
    const { text } = renderLogConfirmation(logView({ activities: [{ type: 'demo', count: 2, deal: 'A&B' }], unknown: ['zzz'] }));
    expect(text).toBe(':white_check_mark: Logged 2 demos (A&amp;B)');
  });
});

describe('renderTeam', () => {
  it('lists each rep with a mention, the week total and the trend', () => {
    const { blocks, text } = renderTeam({ managerName: 'Mia', reps: reps(3) });
    const json = JSON.stringify(blocks);
    expect(json).toContain('<@UREP0001> — *3* this week `▁▂▃▄▅▆▇█` · last activity 1 hours ago');
    expect(json).toContain('<@UREP0000> — *0* this week `▁▂▃▄▅▆▇█` · nothing logged yet');
    expect(text).toBe('Your team (3 reps) this week: Rep 0 0, Rep 1 3, Rep 2 6');
  });

  it('keeps 200 reps in whole lines, none lost', () => {
    const { blocks } = renderTeam({ managerName: 'Mia', reps: reps(200) });
    const plain = blocksToPlainText(blocks);
    for (let i = 0; i < 200; i += 1) expect(plain).toContain(`@UREP${String(i).padStart(4, '0')} —`);
    expect(blocks.length).toBeLessThan(MAX_MESSAGE_BLOCKS);
  });

  it('explains how to add reps to an empty team', () => {
    expect(blocksToPlainText(renderTeam({ managerName: 'Mia', reps: [] }).blocks)).toContain('/coach team add @rep1 @rep2');
  });
});

describe('renderHelp', () => {
  const commandsIn = (blocks: KnownBlock[]) =>
    // `/coach` commands are told apart by their verb; the others by their name.
    [...blocksToPlainText(blocks).matchAll(/`(\/[a-z]+)( [a-z0-9]+)?/g)].map((m) => (m[1] === '/coach' ? `${m[1]}${m[2]}` : m[1]));
  const scenarios = [
    {
      isManager: false,
      isAdmin: false,
      // Anyone may ask reps to join a team of their own.
      want: ['/log', '/stats', '/coach help', '/coach focus', '/coach goals', '/coach targets', '/coach agenda', '/coach 1on1', '/coach settings', '/coach pause', '/coach resume', '/coach export', '/coach forget', '/coach team', '/coach review'],
      notWant: ['/coach exemplar', '/brief'],
    },
    {
      isManager: true,
      isAdmin: false,
      want: ['/log', '/stats', '/coach help', '/coach focus', '/coach goals', '/coach targets', '/coach agenda', '/coach 1on1', '/coach settings', '/coach pause', '/coach resume', '/coach export', '/coach forget', '/coach team', '/coach exemplar', '/brief', '/coach review'],
      notWant: [],
    },
    {
      isManager: true,
      isAdmin: true,
      want: ['/log', '/stats', '/coach help', '/coach focus', '/coach goals', '/coach targets', '/coach agenda', '/coach 1on1', '/coach settings', '/coach pause', '/coach resume', '/coach export', '/coach forget', '/coach team', '/coach exemplar', '/brief', '/coach setup', '/coach review'],
      notWant: [],
    },
  ];
  it.each(scenarios)('manager: $isManager, admin: $isAdmin', ({ isManager, isAdmin, want, notWant }) => {
    const { blocks } = renderHelp({ isManager, isAdmin });
    const commands = new Set(commandsIn(blocks));
    expect([...commands].sort()).toEqual([...want].sort());
    for (const command of notWant) expect(commands.has(command)).toBe(false);
    const plain = blocksToPlainText(blocks);
    for (const example of ['/coach forget-me', '/log <text>', '3 dials + 1 mtg', 'won Acme $12,500', 'called Acme twice', 'DM me', 'check-in thread', '30d', '/coach pause 1w', 'public holidays', 'Slack status']) {
      expect(plain).toContain(example);
    }
    if (isManager) {
      for (const example of ['/stats @rep', '/coach team add @rep', '/coach team remove @rep', '/coach 1on1 @rep weekly tue 10:00', '/coach 1on1 cancel @rep', '/brief @rep']) {
        expect(plain).toContain(example);
      }
    }
    // Reps set their digest and check-ins; a manager is told a pause leaves their 1:1 briefs alone.
    expect(plain.includes('weekly digest')).toBe(!isManager);
    expect(plain.includes('briefs for your 1:1s still arrive')).toBe(isManager);
    // Only admins get their section: immediate team adds and the CLI import, nothing that doesn't work yet.
    expect(plain.includes('For admins')).toBe(isAdmin);
    expect(plain.includes('takes effect at once')).toBe(isAdmin);
    expect(plain.includes('npm run cli -- import people')).toBe(isAdmin);
    expect(plain.includes('/coach setup')).toBe(isAdmin);
    expect(plain.includes('accept or decline')).toBe(!isAdmin);
    if (isManager) expect(plain).toContain('monthly last fri 15:00');
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('owns up to an unknown verb', () => {
    const { blocks, text } = renderHelp({ isManager: false, unknownVerb: 'agenda<b>' });
    expect(JSON.stringify(blocks)).toContain("I don't know `agenda&lt;b&gt;` yet — here's what I can do:");
    expect(text).toContain("I don't know");
  });
});

describe('fitMessage / fitView', () => {
  const many = (count: number): KnownBlock[] => Array.from({ length: count }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `row ${i}` } }));
  const scenarios = [
    { what: '80 blocks in a message', fit: fitMessage, count: 80, want: { length: 50, last: '…and 31 more not shown' } },
    { what: '50 blocks in a message', fit: fitMessage, count: 50, want: { length: 50, last: 'row 49' } },
    { what: '150 blocks in a view', fit: fitView, count: 150, want: { length: MAX_VIEW_BLOCKS, last: '…and 51 more not shown' } },
  ];
  it.each(scenarios)('$what', ({ fit, count, want }) => {
    const fitted = fit(many(count));
    expect(fitted).toHaveLength(want.length);
    expect(strings(fitted.at(-1))).toContain(want.last);
  });

  it('truncates every over-long text with an ellipsis and splits over-full fields', () => {
    const fitted = fitMessage([
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(500) } },
      { type: 'section', text: { type: 'mrkdwn', text: `\`${'c'.repeat(4000)}\`` } },
      { type: 'section', fields: Array.from({ length: 25 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2500) })) },
      { type: 'context', elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'x'.repeat(4000) })) },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(100) }, action_id: 'a' }] },
    ]);
    expect(findLimitViolations(fitted)).toEqual([]);
    expect(fitted).toHaveLength(7);
    const header = fitted[0];
    expect(header?.type === 'header' && header.text.text).toBe(`${'h'.repeat(149)}…`);
    const code = fitted[1];
    // The code span cut open is closed again.
    expect(code?.type === 'section' && code.text?.text.endsWith('`…')).toBe(true);
    expect(fitted.slice(2, 5).map((b) => (b.type === 'section' ? b.fields?.length : 0))).toEqual([10, 10, 5]);
  });

  it('never throws on odd blocks', () => {
    expect(() => fitMessage([{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: '' } }])).not.toThrow();
  });
});

describe('blocksToPlainText', () => {
  it('renders a terminal view', () => {
    const plain = blocksToPlainText([
      { type: 'header', text: { type: 'plain_text', text: 'Title &amp; more' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*4* calls for <@U123> &lt;3 <https://x.example|the docs>' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Left*' }, { type: 'mrkdwn', text: 'Right' }] },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'a hint' }] },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Pause' }, action_id: 'p' }] },
    ]);
    expect(plain.split('\n')).toEqual([
      'Title & more',
      '════════════',
      '',
      '4 calls for @U123 <3 the docs (https://x.example)',
      '',
      `${'Left'.padEnd(36)}Right`,
      '',
      '─'.repeat(72),
      '',
      '[ a hint ]',
      '',
      '[ Pause ]',
    ]);
  });
});

describe('format helpers', () => {
  const money = [
    { cents: 2_400_000, want: '$24k' },
    { cents: 120_000_000, want: '$1.2M' },
    { cents: 100_000_000, want: '$1M' },
    { cents: 1_250_000, want: '$12,500' },
    { cents: 12_345_600, want: '$123k' },
    { cents: 99_950, want: '$999.50' },
    { cents: 50_000, want: '$500' },
    { cents: 0, want: '$0' },
    { cents: -2_400_000, want: '-$24k' },
  ];
  it.each(money)('formatMoney($cents) → $want', ({ cents, want }) => expect(formatMoney(cents)).toBe(want));

  const plurals = [
    { type: 'call', count: 4, want: '4 calls' },
    { type: 'email', count: 1, want: '1 email' },
    { type: 'demo', count: 2, want: '2 demos' },
    { type: 'social', count: 3, want: '3 social touches' },
    { type: 'other', count: 1, want: '1 other activity' },
    { type: 'meeting', count: 1200, want: '1,200 meetings' },
  ] as const;
  it.each(plurals)('pluralizeActivity($type, $count) → $want', ({ type, count, want }) => expect(pluralizeActivity(type, count)).toBe(want));

  const joins = [
    { items: [], want: '' },
    { items: ['a'], want: 'a' },
    { items: ['a', 'b'], want: 'a and b' },
    { items: ['a', 'b', 'c'], want: 'a, b and c' },
  ];
  it.each(joins)('joinWithAnd($items) → $want', ({ items, want }) => expect(joinWithAnd(items)).toBe(want));

  const escapes = [
    { text: '<!channel>', want: '&lt;!channel&gt;' },
    { text: 'A & B <@U1>', want: 'A &amp; B &lt;@U1&gt;' },
    { text: '&lt;', want: '&amp;lt;' },
    { text: 'ping @here', want: 'ping @\u200Bhere' },
    { text: 'plain', want: 'plain' },
  ];
  it.each(escapes)('escapeText($text)', ({ text, want }) => expect(escapeText(text)).toBe(want));

  const cuts = [
    { text: 'hello', max: 10, want: 'hello' },
    { text: 'hello world', max: 6, want: 'hello…' },
    { text: 'ab &amp; cd', max: 6, want: 'ab …' },
    { text: 'hi <@U123> there', max: 8, want: 'hi …' },
    { text: 'ab😀cd', max: 4, want: 'ab…' },
    { text: 'abc', max: 0, want: '' },
  ];
  it.each(cuts)('truncate($text, $max) → $want', ({ text, max, want }) => expect(truncate(text, max)).toBe(want));
});
