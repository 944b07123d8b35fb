import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { pickDeals, recentDealItems } from '../../src/domain/deal-view';
import { DEFAULT_STAGES } from '../../src/domain/types';
import { dealsBlocks, HOME_DEALS_MAX, renderRepDeals, STATS_DEALS_MAX } from '../../src/slack/blocks/deals';
import { findLimitViolations, MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS } from '../../src/slack/blocks/limits';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import type { TDealView, TRepDealsView } from '../../src/slack/blocks/view-models/deals';

const EVIL = '<!channel> <@U1> <https://evil.example|click> & *bold* _it_ `tick`';
const OPEN = DEFAULT_STAGES.filter((s) => !s.outcome).map((s) => s.key);

function deal(over: Partial<TDealView> & { id: number }): TDealView {
  return { name: `Deal ${over.id}`, stage: 'prospecting', amountCents: null, daysInStage: 3, lastActivityText: '3 days ago', idle: null, recent: [], ...over };
}
function view(deals: TDealView[], over: Partial<TRepDealsView> = {}): TRepDealsView {
  return { personName: 'Dana Rep', isSelf: true, stages: [...DEFAULT_STAGES], deals, period: null, dormantDays: 90, ...over };
}
const plain = (blocks: readonly KnownBlock[]) => blocksToPlainText([...blocks]);

/** 200 open deals: every stage, some stalled and dormant, long hostile names and notes. */
function many(): TDealView[] {
  return Array.from({ length: 200 }, (_, i) =>
    deal({
      id: i + 1,
      name: `${EVIL} ${'Very Long Company Name '.repeat(8)}${i}`,
      stage: OPEN[i % OPEN.length]!,
      amountCents: (i % 7) * 1_000_000,
      idle: i % 9 === 0 ? { kind: 'stalled', idleDays: 20 } : i % 13 === 0 ? { kind: 'dormant', idleDays: 120 + i } : null,
      recent: [
        { at: 3, day: 'Tue', what: { kind: 'activity', counts: [{ type: 'call', count: 2 }, { type: 'email', count: 1 }] } },
        { at: 2, day: 'Mon', what: { kind: 'note', text: `${EVIL} ${'pushed '.repeat(40)}` } },
        { at: 1, day: '3 Nov', what: { kind: 'activity', counts: [{ type: 'demo', count: 1 }] } },
      ],
    }),
  );
}

describe('renderRepDeals (/stats deals)', () => {
  it('says when the day a deal entered its stage is not known (imported without stage dates), never a made-up count', () => {
    const text = plain(renderRepDeals(view([deal({ id: 9, name: 'Initech - Pilot', stage: 'demo', daysInStage: null })])).blocks);
    expect(text).toContain('• Initech - Pilot · time in stage not known (imported without stage dates)');
  });

  it('groups deals by stage in selling-system order, each with amount, days in stage, last activity and its story', () => {
    const text = plain(
      renderRepDeals(
        view([
          deal({ id: 1, name: 'Acme Corp', stage: 'demo', amountCents: 2_400_000, daysInStage: 12, recent: [{ at: 2, day: 'Tue', what: { kind: 'activity', counts: [{ type: 'demo', count: 1 }] } }, { at: 1, day: 'Mon', what: { kind: 'activity', counts: [{ type: 'call', count: 2 }] } }] }),
          deal({ id: 2, name: 'Initech', stage: 'prospecting', amountCents: 500_000, daysInStage: 0, lastActivityText: null }),
          deal({ id: 3, name: 'Globex', stage: 'demo', amountCents: 1_000_000, idle: { kind: 'stalled', idleDays: 15 }, recent: [{ at: 5, day: '1 Dec', what: { kind: 'note', text: 'close date pushed to Q1' } }] }),
          deal({ id: 4, name: 'Hooli', stage: 'negotiation', idle: { kind: 'dormant', idleDays: 140 }, lastActivityText: '5 months ago' }),
        ]),
      ).blocks,
    );
    const order = [
      'Your open deals',
      '4 open deals · $39k · ⚠ 1 stalled · :zzz: 1 dormant',
      'Prospecting · 1 deal · $5k',
      '• Initech · $5k · entered the stage today · no activity yet',
      'Demo · 2 deals · $34k',
      '• Globex · $10k · 3 days in stage · last activity 3 days ago · ⚠ stalled',
      '_1 Dec: close date pushed to Q1_',
      '• Acme Corp · $24k · 12 days in stage',
      '_Tue: demo · Mon: 2 calls_',
      'Negotiation · 1 deal',
      '• Hooli · 3 days in stage · last activity 5 months ago · :zzz: dormant 140 days — close it or revive it?',
      'Stalled: no activity in its stage',
    ];
    let at = -1;
    for (const want of order) {
      const next = text.indexOf(want, at + 1);
      expect(next, `'${want}' after ${at} in:\n${text}`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).not.toContain('more (');
  });

  it("a manager's view of a rep names the rep; an empty one is kind", () => {
    expect(renderRepDeals(view([deal({ id: 1 })], { isSelf: false, personName: 'Dana Rep' })).text).toMatch(/^Dana Rep's open deals: 1 open deal/);
    expect(plain(renderRepDeals(view([])).blocks)).toContain('No open deals right now. Log them as they move');
    expect(plain(renderRepDeals(view([], { isSelf: false })).blocks)).not.toContain('Log them');
  });

  it('with a period, says what was logged in it and leaves deals with nothing in it without a story line', () => {
    const v = view([deal({ id: 1, name: 'Acme' }), deal({ id: 2, name: 'Globex', recent: [{ at: 1, day: '3 Nov', what: { kind: 'activity', counts: [{ type: 'meeting', count: 1 }] } }] })], {
      period: { label: 'Last month', rangeText: 'Sun 1 Nov – Mon 30 Nov' },
    });
    const text = plain(renderRepDeals(v).blocks);
    expect(text).toContain('Your open deals — logged last month');
    expect(text).toContain('1 with something logged last month');
    expect(text).toContain('_3 Nov: meeting_');
    expect(text).toContain('What was logged: last month (Sun 1 Nov – Mon 30 Nov)');
  });

  it('200 deals with hostile names stay within Slack\'s limits: the most pressing shown, the rest counted', () => {
    const deals = many();
    const message = renderRepDeals(view(deals));
    expect(findLimitViolations(message.blocks, MAX_MESSAGE_BLOCKS)).toEqual([]);
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    const text = plain(message.blocks);
    const named = deals.filter((d) => text.includes(`${d.name.slice(-30)}`)).length;
    expect(named).toBeLessThanOrEqual(STATS_DEALS_MAX);
    expect(text).toContain(`…and ${200 - STATS_DEALS_MAX} more (`);
    // Every stalled deal that fits comes before any other: 23 are stalled, 20 fit.
    expect(text).not.toContain('dormant 1'); // no dormant deal is shown while stalled ones wait
    expect(text).toMatch(/more \(.*dormant\)/);
  });

  it('the Home tab shows a few, and says where the rest are', () => {
    const blocks = dealsBlocks(view(many()), HOME_DEALS_MAX, 'home');
    expect(findLimitViolations(blocks, MAX_VIEW_BLOCKS)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(12);
    const text = plain(blocks);
    expect(text).toContain('Your deals — 200 open deals');
    expect(text).toContain(`…and ${200 - HOME_DEALS_MAX} more`);
    expect(text).toContain('the next ones with `/stats deals`');
  });
});

describe('pickDeals', () => {
  const d = (id: number, stage: string, amountCents: number | null, idle: TDealView['idle'] = null) => deal({ id, stage, amountCents, idle });
  const scenarios = [
    {
      what: 'stalled first, then the latest stage, then the larger amount; dormant last, longest idle first',
      deals: [
        d(1, 'prospecting', 9_000_000),
        d(2, 'proposal', 100),
        d(3, 'discovery', 5_000, { kind: 'stalled', idleDays: 20 }),
        d(4, 'proposal', 200),
        d(5, 'demo', null, { kind: 'dormant', idleDays: 100 }),
        d(6, 'demo', null, { kind: 'dormant', idleDays: 300 }),
      ],
      budget: 4,
      want: { shown: [3, 4, 2, 1], hidden: [6, 5] },
    },
    { what: 'a budget of none', deals: [d(1, 'demo', 1)], budget: 0, want: { shown: [], hidden: [1] } },
  ];
  it.each(scenarios)('$what', ({ deals, budget, want }) => {
    const { shown, hidden } = pickDeals(deals, DEFAULT_STAGES, budget);
    expect({ shown: shown.map((x) => x.id), hidden: hidden.map((x) => x.id) }).toEqual(want);
  });
});

describe('recentDealItems', () => {
  const zone = 'America/New_York';
  const now = DateTime.fromISO('2026-12-07T09:00', { zone }); // a Monday
  const ms = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
  it('sums a day\'s activity by type, keeps notes apart, newest first, at most three', () => {
    const items = recentDealItems(
      [
        { type: 'call', count: 1, occurredAt: ms('2026-12-04T10:00') },
        { type: 'email', count: 1, occurredAt: ms('2026-12-04T11:00') },
        { type: 'call', count: 1, occurredAt: ms('2026-12-04T15:00') },
        { type: 'demo', count: 1, occurredAt: ms('2026-12-01T10:00') },
        { type: 'call', count: 3, occurredAt: ms('2026-11-20T10:00') },
        { type: 'meeting', count: 0, occurredAt: ms('2026-12-06T10:00') },
      ],
      [{ text: 'close date pushed to Q1', occurredAt: ms('2026-12-07T08:00') }],
      now,
    );
    expect(items.map((i) => [i.day, i.what])).toEqual([
      ['Today', { kind: 'note', text: 'close date pushed to Q1' }],
      ['Fri', { kind: 'activity', counts: [{ type: 'call', count: 2 }, { type: 'email', count: 1 }] }],
      ['Tue', { kind: 'activity', counts: [{ type: 'demo', count: 1 }] }],
    ]);
  });
});
