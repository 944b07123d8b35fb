import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { PERIOD_NAMES, parsePeriodName, resolvePeriod, type TPeriodName, weekStarts } from '../../src/domain/periods';

const local = (dt: DateTime) => dt.toFormat("yyyy-MM-dd'T'HH:mm");
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

describe('parsePeriodName', () => {
  const scenarios: { text: string; want: TPeriodName | undefined }[] = [
    ...PERIOD_NAMES.map((name) => ({ text: name, want: name })),
    { text: 'TODAY', want: 'today' },
    { text: ' this week ', want: 'week' },
    { text: 'wk', want: 'week' },
    { text: 'Week', want: 'week' },
    { text: 'last-week', want: 'last week' },
    { text: 'lastweek', want: 'last week' },
    { text: 'Last  Week', want: 'last week' },
    { text: 'last_week', want: 'last week' },
    { text: 'previous week', want: 'last week' },
    { text: 'mtd', want: 'month' },
    { text: 'this month', want: 'month' },
    { text: 'qtd', want: 'quarter' },
    { text: 'This Quarter', want: 'quarter' },
    { text: 'q', want: 'quarter' },
    { text: '30 days', want: '30d' },
    { text: '30', want: '30d' },
    { text: 'd30', want: '30d' },
    { text: '30D', want: '30d' },
    { text: 'last 30 days', want: '30d' },
    { text: '90 days', want: '90d' },
    { text: '90', want: '90d' },
    { text: 'd90', want: '90d' },
    { text: 'past 90 days', want: '90d' },
    { text: 'Yesterday', want: 'yesterday' },
    { text: 'yday', want: 'yesterday' },
    { text: 'yest', want: 'yesterday' },
    { text: 'last month', want: 'last month' },
    { text: 'Last-Month', want: 'last month' },
    { text: 'prev month', want: 'last month' },
    { text: 'previous month', want: 'last month' },
    { text: 'lastq', want: 'last quarter' },
    { text: 'last qtr', want: 'last quarter' },
    { text: 'previous quarter', want: 'last quarter' },
    { text: 'YTD', want: 'ytd' },
    { text: 'year', want: 'ytd' },
    { text: 'this year', want: 'ytd' },
    { text: 'year to date', want: 'ytd' },
    { text: 'year-to-date', want: 'ytd' },
    { text: '7d', want: '7d' },
    { text: '7 days', want: '7d' },
    { text: 'last 7 days', want: '7d' },
    { text: 'd7', want: '7d' },
    { text: '', want: undefined },
    { text: '   ', want: undefined },
    { text: '14d', want: undefined },
    { text: 'fortnight', want: undefined },
    { text: 'mon', want: undefined },
    { text: 'last year', want: undefined },
    { text: 'deals', want: undefined },
    { text: '<!channel>', want: undefined },
  ];
  it.each(scenarios)('$text → $want', ({ text, want }) => {
    expect(parsePeriodName(text)).toBe(want);
  });
});

describe('resolvePeriod at Tue 24 Nov 2026 15:30 local', () => {
  // The same local instant in three zones: the wall-clock answers are identical, only offsets differ.
  const zones = ['America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu'];
  const scenarios: { name: TPeriodName; want: { label: string; start: string; end: string; rangeText: string } }[] = [
    { name: 'today', want: { label: 'Today', start: '2026-11-24T00:00', end: '2026-11-24T15:30', rangeText: 'Tue 24 Nov' } },
    {
      name: 'week',
      want: { label: 'This week', start: '2026-11-23T00:00', end: '2026-11-24T15:30', rangeText: 'Mon 23 Nov – Tue 24 Nov' },
    },
    {
      name: 'last week',
      want: { label: 'Last week', start: '2026-11-16T00:00', end: '2026-11-23T00:00', rangeText: 'Mon 16 Nov – Sun 22 Nov' },
    },
    {
      name: 'month',
      want: { label: 'This month', start: '2026-11-01T00:00', end: '2026-11-24T15:30', rangeText: 'Sun 1 Nov – Tue 24 Nov' },
    },
    {
      name: 'quarter',
      want: { label: 'This quarter', start: '2026-10-01T00:00', end: '2026-11-24T15:30', rangeText: 'Thu 1 Oct – Tue 24 Nov' },
    },
    { name: 'yesterday', want: { label: 'Yesterday', start: '2026-11-23T00:00', end: '2026-11-24T00:00', rangeText: 'Mon 23 Nov' } },
    {
      name: 'last month',
      want: { label: 'Last month', start: '2026-10-01T00:00', end: '2026-11-01T00:00', rangeText: 'Thu 1 Oct – Sat 31 Oct' },
    },
    {
      name: 'last quarter',
      want: { label: 'Last quarter', start: '2026-07-01T00:00', end: '2026-10-01T00:00', rangeText: 'Wed 1 Jul – Wed 30 Sep' },
    },
    {
      name: 'ytd',
      want: { label: 'This year', start: '2026-01-01T00:00', end: '2026-11-24T15:30', rangeText: 'Thu 1 Jan – Tue 24 Nov' },
    },
    {
      name: '7d',
      want: { label: 'Last 7 days', start: '2026-11-18T00:00', end: '2026-11-24T15:30', rangeText: 'Wed 18 Nov – Tue 24 Nov' },
    },
    {
      name: '30d',
      want: { label: 'Last 30 days', start: '2026-10-26T00:00', end: '2026-11-24T15:30', rangeText: 'Mon 26 Oct – Tue 24 Nov' },
    },
    {
      name: '90d',
      want: { label: 'Last 90 days', start: '2026-08-27T00:00', end: '2026-11-24T15:30', rangeText: 'Thu 27 Aug – Tue 24 Nov' },
    },
  ];
  const cases = zones.flatMap((zone) => scenarios.map((scenario) => ({ zone, ...scenario })));
  it.each(cases)('$name in $zone', ({ zone, name, want }) => {
    const period = resolvePeriod(name, at('2026-11-24T15:30', zone));
    expect({
      label: period.label,
      start: local(period.start),
      end: local(period.end),
      rangeText: period.rangeText,
    }).toEqual(want);
    expect(period.name).toBe(name);
    expect(period.start.zoneName).toBe(zone);
    expect(period.inProgress).toBe(!['yesterday', 'last week', 'last month', 'last quarter'].includes(name));
  });

  const offsets = [
    // US DST ended Sun 1 Nov 2026 at 02:00: that midnight was still PDT.
    { zone: 'America/Los_Angeles', name: 'month', want: '2026-11-01T00:00:00.000-07:00' },
    { zone: 'America/Los_Angeles', name: 'week', want: '2026-11-23T00:00:00.000-08:00' },
    // EU summer time ended Sun 25 Oct 2026.
    { zone: 'Europe/London', name: 'quarter', want: '2026-10-01T00:00:00.000+01:00' },
    { zone: 'Europe/London', name: '30d', want: '2026-10-26T00:00:00.000+00:00' },
    { zone: 'Asia/Kathmandu', name: 'today', want: '2026-11-24T00:00:00.000+05:45' },
  ] as const;
  it.each(offsets)('$name in $zone starts at $want', ({ zone, name, want }) => {
    expect(resolvePeriod(name, at('2026-11-24T15:30', zone)).start.toISO()).toBe(want);
  });
});

describe('resolvePeriod across DST changes and boundaries', () => {
  const scenarios = [
    {
      what: 'US spring forward: last week is 167 hours',
      now: at('2026-03-10T09:00', 'America/Los_Angeles'),
      name: 'last week',
      want: { start: '2026-03-02T00:00:00.000-08:00', end: '2026-03-09T00:00:00.000-07:00', hours: 167 },
    },
    {
      what: 'US spring forward: today on the change day is 11 hours by noon',
      now: at('2026-03-08T12:00', 'America/Los_Angeles'),
      name: 'today',
      want: { start: '2026-03-08T00:00:00.000-08:00', end: '2026-03-08T12:00:00.000-07:00', hours: 11 },
    },
    {
      what: 'EU spring forward: last week is 167 hours',
      now: at('2026-03-31T10:00', 'Europe/London'),
      name: 'last week',
      want: { start: '2026-03-23T00:00:00.000+00:00', end: '2026-03-30T00:00:00.000+01:00', hours: 167 },
    },
    {
      what: 'EU spring forward: the week holding the change starts in GMT',
      now: at('2026-03-29T18:00', 'Europe/London'),
      name: 'week',
      want: { start: '2026-03-23T00:00:00.000+00:00', end: '2026-03-29T18:00:00.000+01:00', hours: 161 },
    },
    {
      what: 'US spring forward: yesterday was a 23-hour day',
      now: at('2026-03-09T08:00', 'America/Los_Angeles'),
      name: 'yesterday',
      want: { start: '2026-03-08T00:00:00.000-08:00', end: '2026-03-09T00:00:00.000-07:00', hours: 23 },
    },
    {
      what: 'US fall back: yesterday was a 25-hour day',
      now: at('2026-11-02T08:00', 'America/Los_Angeles'),
      name: 'yesterday',
      want: { start: '2026-11-01T00:00:00.000-07:00', end: '2026-11-02T00:00:00.000-08:00', hours: 25 },
    },
    {
      what: 'EU fall back: last month (October) is 745 hours',
      now: at('2026-11-10T10:00', 'Europe/London'),
      name: 'last month',
      want: { start: '2026-10-01T00:00:00.000+01:00', end: '2026-11-01T00:00:00.000+00:00', hours: 745 },
    },
    {
      what: 'last month in January is last December, across the year',
      now: at('2027-01-05T10:00', 'Asia/Kathmandu'),
      name: 'last month',
      want: { start: '2026-12-01T00:00:00.000+05:45', end: '2027-01-01T00:00:00.000+05:45', hours: 744 },
    },
    {
      what: 'last quarter in Q1 is the previous Q4',
      now: at('2027-02-15T10:00', 'America/Los_Angeles'),
      name: 'last quarter',
      want: { start: '2026-10-01T00:00:00.000-07:00', end: '2027-01-01T00:00:00.000-08:00', hours: 2209 },
    },
    {
      what: 'last quarter across the US spring change (Q1: 2159 hours)',
      now: at('2026-04-01T00:00', 'America/Los_Angeles'),
      name: 'last quarter',
      want: { start: '2026-01-01T00:00:00.000-08:00', end: '2026-04-01T00:00:00.000-07:00', hours: 2159 },
    },
    {
      what: 'ytd starts at the local new year, before the DST change',
      now: at('2026-07-01T12:00', 'Europe/London'),
      name: 'ytd',
      want: { start: '2026-01-01T00:00:00.000+00:00', end: '2026-07-01T12:00:00.000+01:00', hours: 4355 },
    },
    {
      what: '7d across the EU spring change: 7 calendar days, today included',
      now: at('2026-04-01T10:00', 'Europe/London'),
      name: '7d',
      want: { start: '2026-03-26T00:00:00.000+00:00', end: '2026-04-01T10:00:00.000+01:00', hours: 153 },
    },
    {
      what: 'the first instant of a quarter is an empty quarter',
      now: at('2026-04-01T00:00', 'Europe/London'),
      name: 'quarter',
      want: { start: '2026-04-01T00:00:00.000+01:00', end: '2026-04-01T00:00:00.000+01:00', hours: 0 },
    },
    {
      what: 'the last minute of Q1 still belongs to Q1 (an hour short: DST)',
      now: at('2026-03-31T23:59', 'America/Los_Angeles'),
      name: 'quarter',
      want: { start: '2026-01-01T00:00:00.000-08:00', end: '2026-03-31T23:59:00.000-07:00', hours: 2158.98 },
    },
    {
      what: 'Q4 starts on 1 October',
      now: at('2026-10-01T08:00', 'Asia/Kathmandu'),
      name: 'quarter',
      want: { start: '2026-10-01T00:00:00.000+05:45', end: '2026-10-01T08:00:00.000+05:45', hours: 8 },
    },
  ] as const;
  it.each(scenarios)('$what', ({ now, name, want }) => {
    const period = resolvePeriod(name, now);
    expect(period.start.toISO()).toBe(want.start);
    expect(period.end.toISO()).toBe(want.end);
    expect(Math.round(period.end.diff(period.start, 'hours').hours * 100) / 100).toBe(want.hours);
  });

  const ranges = [
    { name: 'week', now: at('2026-01-01T08:00', 'Asia/Kathmandu'), want: 'Mon 29 Dec 2025 – Thu 1 Jan 2026' },
    { name: 'last week', now: at('2026-01-01T08:00', 'Asia/Kathmandu'), want: 'Mon 22 Dec – Sun 28 Dec' },
    { name: 'quarter', now: at('2026-01-01T08:00', 'Asia/Kathmandu'), want: 'Thu 1 Jan' },
    { name: 'week', now: at('2026-11-23T00:00', 'Europe/London'), want: 'Mon 23 Nov' },
    { name: 'month', now: at('2026-09-15T12:00', 'Europe/London'), want: 'Tue 1 Sep – Tue 15 Sep' },
  ] as const;
  it.each(ranges)('$name at $now → $want', ({ name, now, want }) => {
    expect(resolvePeriod(name, now).rangeText).toBe(want);
  });

  it('a closed period asked at the midnight it ends still ends there later that day (the cache)', () => {
    const midnight = at('2026-11-23T00:00', 'America/Chicago');
    for (const name of ['yesterday', 'last week'] as const) {
      const first = resolvePeriod(name, midnight);
      const later = resolvePeriod(name, midnight.plus({ hours: 10 }));
      expect(later.end.toISO()).toBe(first.end.toISO());
      expect(later.end.toISO()).toBe('2026-11-23T00:00:00.000-06:00');
    }
    // An in-progress one follows now.
    expect(resolvePeriod('ytd', midnight.plus({ hours: 10 })).end.toISO()).toBe('2026-11-23T10:00:00.000-06:00');
  });
});

describe('weekStarts', () => {
  const scenarios = [
    {
      what: 'across the US change: every start is local midnight on a Monday',
      now: at('2026-03-11T12:00', 'America/Los_Angeles'),
      count: 3,
      want: ['2026-02-23T00:00:00.000-08:00', '2026-03-02T00:00:00.000-08:00', '2026-03-09T00:00:00.000-07:00'],
    },
    {
      what: 'across the EU change, on the Monday itself',
      now: at('2026-03-30T00:00', 'Europe/London'),
      count: 2,
      want: ['2026-03-23T00:00:00.000+00:00', '2026-03-30T00:00:00.000+01:00'],
    },
    {
      what: 'on a Sunday evening, the current week started six days ago',
      now: at('2026-11-29T23:59', 'Asia/Kathmandu'),
      count: 2,
      want: ['2026-11-16T00:00:00.000+05:45', '2026-11-23T00:00:00.000+05:45'],
    },
    { what: 'none asked, none given', now: at('2026-11-29T23:59', 'Asia/Kathmandu'), count: 0, want: [] },
  ];
  it.each(scenarios)('$what', ({ now, count, want }) => {
    expect(weekStarts(now, count).map((week) => week.toISO())).toEqual(want);
  });

  it('gives 8 consecutive Mondays by default use', () => {
    const weeks = weekStarts(at('2026-11-24T15:30', 'America/Los_Angeles'), 8);
    expect(weeks).toHaveLength(8);
    expect(weeks.every((week) => week.weekday === 1 && week.hour === 0 && week.minute === 0)).toBe(true);
    expect(weeks[7]!.toISODate()).toBe('2026-11-23');
    expect(weeks[0]!.toISODate()).toBe('2026-10-05');
  });
});
