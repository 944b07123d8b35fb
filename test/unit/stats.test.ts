import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolvePeriod, type TPeriodName } from '../../src/domain/periods';
import { sparkline } from '../../src/domain/sparkline';
import { activityByStage } from '../../src/domain/activity-by-stage';
import { defaultActivityStageMap } from '../../src/domain/activity-stage-map';
import { computeRepStats, statsReadStart, type TActivityRow, type TDealRow } from '../../src/domain/stats';
import { DEFAULT_STAGES, type TActivityType } from '../../src/domain/types';

const activityStages = defaultActivityStageMap(DEFAULT_STAGES);

const LA = 'America/Los_Angeles';
const ms = (iso: string, zone = LA) => DateTime.fromISO(iso, { zone }).toMillis();
const row = (type: TActivityType, count: number, iso: string, zone = LA): TActivityRow => ({ type, count, occurredAt: ms(iso, zone) });

describe('sparkline', () => {
  const scenarios = [
    { values: [], want: '' },
    { values: [0, 0, 0], want: '▁▁▁' },
    { values: [0, 1, 2, 3, 4, 5, 6, 7], want: '▁▂▃▄▅▆▇█' },
    { values: [1, 2, 3, 4, 5, 6, 7, 8], want: '▂▃▄▅▅▆▇█' },
    { values: [0, 7, 14], want: '▁▅█' },
    { values: [5], want: '█' },
    { values: [-3, 0, 10], want: '▁▁█' },
    { values: [1, 1000], want: '▂█' },
    { values: [Number.NaN, 2], want: '▁█' },
  ];
  it.each(scenarios)('$values → $want', ({ values, want }) => {
    expect(sparkline(values)).toBe(want);
  });
});

describe('computeRepStats', () => {
  // Wed 11 Mar 2026, noon in Los Angeles: three days after the US spring-forward.
  const now = DateTime.fromISO('2026-03-11T12:00', { zone: LA });
  const activities: TActivityRow[] = [
    row('call', 3, '2026-03-09T00:00'), // first instant of this week (PDT)
    row('call', 2, '2026-03-11T11:59:59.999'), // just before now
    row('email', 4, '2026-03-11T12:00'), // exactly now: the period excludes its end
    row('demo', 1, '2026-03-08T23:59'), // Sunday, after the change: last week
    row('email', 2, '2026-03-02T00:30'), // Monday after midnight PST: 168 h before Mar 9 00:30 PDT would say last-but-one
    row('call', 5, '2026-03-02T00:00'), // first instant of last week (PST)
    row('call', 7, '2026-03-01T23:59:59.999'), // last instant of the oldest trend week
    row('social', 9, '2026-02-22T23:00'), // before the trend window
    row('meeting', 0, '2026-03-10T10:00'), // a zero count is nothing
  ];
  const deals: TDealRow[] = [
    { name: 'Acme', stage: 'demo', outcome: 'open', amountCents: 2_400_000, closedAt: null },
    { name: 'Globex', stage: 'Demo', outcome: 'open', amountCents: null, closedAt: null },
    { name: 'Initech', stage: 'Negotiation', outcome: 'open', amountCents: 1_000_000, closedAt: null },
    { name: 'Hooli', stage: 'legal review', outcome: 'open', amountCents: 500_000, closedAt: null },
    { name: 'Umbrella', stage: 'won', outcome: 'won', amountCents: 1_250_000, closedAt: ms('2026-03-09T00:00') },
    { name: 'Stark', stage: 'won', outcome: 'won', amountCents: null, closedAt: ms('2026-03-10T09:00') },
    { name: 'Wayne', stage: 'won', outcome: 'won', amountCents: 900_000, closedAt: ms('2026-03-11T12:00') },
    { name: 'Tyrell', stage: 'lost', outcome: 'lost', amountCents: 300_000, closedAt: ms('2026-03-08T23:59') },
    { name: 'Soylent', stage: 'lost', outcome: 'lost', amountCents: null, closedAt: ms('2026-03-10T10:00') },
  ];
  const stats = (name: TPeriodName, trendWeeks = 3) =>
    computeRepStats({ activities, deals, stages: DEFAULT_STAGES, activityStages, period: resolvePeriod(name, now), now, trendWeeks });

  const periodScenarios = [
    {
      name: 'week',
      want: { byType: [{ type: 'call', count: 5 }], total: 5, closedInPeriod: { won: 2, wonAmountCents: 1_250_000, lost: 1 } },
    },
    {
      name: 'last week',
      want: {
        byType: [
          { type: 'call', count: 5 },
          { type: 'email', count: 2 },
          { type: 'demo', count: 1 },
        ],
        total: 8,
        closedInPeriod: { won: 0, wonAmountCents: 0, lost: 1 },
      },
    },
    {
      name: 'today',
      want: { byType: [{ type: 'call', count: 2 }], total: 2, closedInPeriod: { won: 0, wonAmountCents: 0, lost: 0 } },
    },
    {
      name: 'month',
      want: {
        byType: [
          { type: 'call', count: 17 },
          { type: 'email', count: 2 },
          { type: 'demo', count: 1 },
        ],
        total: 20,
        closedInPeriod: { won: 2, wonAmountCents: 1_250_000, lost: 2 },
      },
    },
    {
      name: 'quarter',
      want: {
        byType: [
          { type: 'call', count: 17 },
          { type: 'email', count: 2 },
          { type: 'demo', count: 1 },
          { type: 'social', count: 9 },
        ],
        total: 29,
        closedInPeriod: { won: 2, wonAmountCents: 1_250_000, lost: 2 },
      },
    },
  ] as const;
  it.each(periodScenarios)('$name', ({ name, want }) => {
    const result = stats(name);
    expect({ byType: result.byType, total: result.total, closedInPeriod: result.closedInPeriod }).toEqual(want);
    expect(result.period).toEqual({ label: resolvePeriod(name, now).label, rangeText: resolvePeriod(name, now).rangeText, inProgress: name !== 'last week' });
  });

  it('buckets the trend by local Monday across the DST change', () => {
    expect(stats('week').trend).toEqual({
      weekStarts: ['2026-02-23', '2026-03-02', '2026-03-09'],
      through: '2026-03-11',
      totals: [7, 8, 5],
      sparkline: '▇█▅',
      byType: [
        { type: 'call', counts: [7, 5, 5], sparkline: '█▆▆' },
        { type: 'email', counts: [0, 2, 0], sparkline: '▁█▁' },
        { type: 'demo', counts: [0, 1, 0], sparkline: '▁█▁' },
      ],
    });
  });

  it('lists open deals by stage in selling-system order, empty stages kept, unknown stages last', () => {
    expect(stats('week').pipeline).toEqual([
      { stage: 'prospecting', name: 'Prospecting', deals: 0, amountCents: 0 },
      { stage: 'discovery', name: 'Discovery', deals: 0, amountCents: 0 },
      { stage: 'demo', name: 'Demo', deals: 2, amountCents: 2_400_000 },
      { stage: 'proposal', name: 'Proposal', deals: 0, amountCents: 0 },
      { stage: 'negotiation', name: 'Negotiation', deals: 1, amountCents: 1_000_000 },
      { stage: 'legal review', name: 'legal review', deals: 1, amountCents: 500_000 },
    ]);
  });

  it('follows the stages given, whatever their order in the array', () => {
    const stages = [
      { key: 'closed', name: 'Closed', position: 9, outcome: 'won' as const },
      { key: 'pitch', name: 'Pitch', position: 2, outcome: null },
      { key: 'intro', name: 'Intro', position: 1, outcome: null },
    ];
    const result = computeRepStats({
      activities: [],
      deals: [{ name: 'A', stage: 'pitch', outcome: 'open', amountCents: 100, closedAt: null }],
      stages,
      activityStages: defaultActivityStageMap(stages),
      period: resolvePeriod('week', now),
      now,
    });
    expect(result.pipeline.map((p) => [p.stage, p.deals])).toEqual([
      ['intro', 0],
      ['pitch', 1],
    ]);
  });

  it('defaults to 8 trend weeks and reads empty input kindly', () => {
    const result = computeRepStats({ activities: [], deals: [], stages: DEFAULT_STAGES, activityStages, period: resolvePeriod('week', now), now });
    expect(result.trend.weekStarts).toHaveLength(8);
    expect(result.trend.totals).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.trend.sparkline).toBe('▁▁▁▁▁▁▁▁');
    expect(result.trend.byType).toEqual([]);
    expect(result.byType).toEqual([]);
    expect(result.total).toBe(0);
    expect(result.closedInPeriod).toEqual({ won: 0, wonAmountCents: 0, lost: 0 });
  });

  it('uses the zone of now: the same instants fall in different weeks in Kathmandu', () => {
    const kathmanduNow = now.setZone('Asia/Kathmandu'); // Thu 12 Mar 00:45
    const result = computeRepStats({
      activities: [row('call', 1, '2026-03-09T00:00')], // Mon 9 Mar 12:45 in Kathmandu
      deals: [],
      stages: DEFAULT_STAGES,
      activityStages,
      period: resolvePeriod('today', kathmanduNow),
      now: kathmanduNow,
      trendWeeks: 2,
    });
    expect(result.total).toBe(0);
    expect(result.trend.weekStarts).toEqual(['2026-03-02', '2026-03-09']);
    expect(result.trend.totals).toEqual([0, 1]);
  });

  it('ends the trend with a closed period: last week\'s weeks lead up to it, this week left out', () => {
    const result = stats('last week');
    expect(result.trend.weekStarts).toEqual(['2026-02-16', '2026-02-23', '2026-03-02']);
    expect(result.trend.through).toBe('2026-03-08');
    expect(result.trend.totals).toEqual([9, 7, 8]); // the social touches of 22 Feb now fall inside
    // What computeRepStats needs read: the first trend week (before the period) up to now.
    expect(statsReadStart(resolvePeriod('last week', now), now, 3).toISODate()).toBe('2026-02-16');
    expect(statsReadStart(resolvePeriod('quarter', now), now, 3).toISODate()).toBe('2026-01-01');
  });

  it('a closed period ending mid-week: its last week is counted whole, up to now at most', () => {
    // Last month (February) ended on a Saturday: the trend's last week runs Mon 23 Feb – Sun 1 Mar.
    const result = stats('last month');
    expect(result.trend.weekStarts).toEqual(['2026-02-09', '2026-02-16', '2026-02-23']);
    expect(result.trend.through).toBe('2026-03-01');
    expect(result.trend.totals).toEqual([0, 9, 7]);
    expect(result.total).toBe(9);
    // Yesterday (Tuesday) is in this week: the trend runs to now, as for a period in progress.
    expect(stats('yesterday').trend.through).toBe('2026-03-11');
  });

  it('counts the period by stage: the row\'s own stage, else its type\'s; no stage last', () => {
    const rows: TActivityRow[] = [
      row('call', 3, '2026-03-10T09:00'), // no stage: calls feed prospecting
      { ...row('call', 2, '2026-03-10T10:00'), stage: 'demo' }, // on a deal in demo
      { ...row('email', 1, '2026-03-10T11:00'), stage: null },
      row('meeting', 2, '2026-03-10T12:00'), // meetings feed discovery
      row('other', 4, '2026-03-10T13:00'), // 'other' feeds none
      { ...row('demo', 1, '2026-03-10T14:00'), stage: 'legal review' }, // a stage the system lost: after the known ones
      row('call', 9, '2026-03-01T10:00'), // before the week
    ];
    const result = computeRepStats({ activities: rows, deals: [], stages: DEFAULT_STAGES, activityStages, period: resolvePeriod('week', now), now });
    expect(result.byStage).toEqual({
      stages: [
        { stage: 'prospecting', name: 'Prospecting', count: 4 },
        { stage: 'discovery', name: 'Discovery', count: 2 },
        { stage: 'demo', name: 'Demo', count: 2 },
        { stage: 'legal review', name: 'legal review', count: 1 },
      ],
      noStage: 4,
    });
    expect(result.total).toBe(13);
  });
});

describe('activityByStage', () => {
  const scenarios = [
    { what: 'nothing logged', rows: [], want: { stages: [], noStage: 0 } },
    {
      what: 'a workspace map that sends calls to discovery and demos nowhere',
      rows: [
        { type: 'call' as const, count: 5 },
        { type: 'demo' as const, count: 1 },
        { type: 'demo' as const, count: 2, stage: 'proposal' },
      ],
      map: { ...activityStages, call: 'discovery', demo: null },
      want: { stages: [{ stage: 'discovery', name: 'Discovery', count: 5 }, { stage: 'proposal', name: 'Proposal', count: 2 }], noStage: 1 },
    },
    {
      what: 'zero and negative counts are nothing',
      rows: [
        { type: 'call' as const, count: 0 },
        { type: 'email' as const, count: -2 },
      ],
      want: { stages: [], noStage: 0 },
    },
  ];
  it.each(scenarios)('$what', ({ rows, map, want }) => {
    expect(activityByStage(rows, DEFAULT_STAGES, map ?? activityStages)).toEqual(want);
  });
});
