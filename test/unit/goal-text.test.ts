import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidGoalTarget, parseGoalTarget, quarterOf } from '../../src/domain/goal-text';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('parseGoalTarget: what people type', () => {
  const scenarios = [
    { text: '8 deals', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '8 won deals', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '8 deals won', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '8', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: 'deals 8', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '1 deal', want: { ok: true, metric: 'deals_won', target: 1 } },
    { text: '12 Deals this quarter', want: { ok: true, metric: 'deals_won', target: 12 } },
    { text: '8 wins', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '8 deals.', want: { ok: true, metric: 'deals_won', target: 8 } },
    { text: '1000 deals', want: { ok: true, metric: 'deals_won', target: 1000 } },
    { text: '1,000 deals', want: { ok: true, metric: 'deals_won', target: 1000 } },
    { text: '$120k', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: '120k revenue', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: '120k', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: '$1.2m', want: { ok: true, metric: 'revenue', target: 120_000_000 } },
    { text: '$1.2M', want: { ok: true, metric: 'revenue', target: 120_000_000 } },
    { text: '$120,000', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: '$ 120k', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: '120 k revenue', want: { ok: true, metric: 'revenue', target: 12_000_000 } },
    { text: 'revenue $250k', want: { ok: true, metric: 'revenue', target: 25_000_000 } },
    { text: '150000 revenue', want: { ok: true, metric: 'revenue', target: 15_000_000 } },
    { text: '$99.50', want: { ok: true, metric: 'revenue', target: 9_950 } },
    { text: '$1', want: { ok: true, metric: 'revenue', target: 100 } },
    { text: '$100m', want: { ok: true, metric: 'revenue', target: 10_000_000_000 } },
    { text: '$2 million in bookings', want: { ok: true, metric: 'revenue', target: 200_000_000 } },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    expect(parseGoalTarget(words(text))).toEqual(want);
  });
});

describe('parseGoalTarget: refusals are clear and store nothing', () => {
  const scenarios = [
    { text: '', want: /What's the goal/ },
    { text: '0 deals', want: /between 1 and 1,000/ },
    { text: '0', want: /between 1 and 1,000/ },
    { text: '-3 deals', want: /between 1 and 1,000/ },
    { text: '1001 deals', want: /between 1 and 1,000/ },
    { text: '2k deals', want: /between 1 and 1,000/ },
    { text: '8.5 deals', want: /whole numbers/ },
    { text: 'banana', want: /didn't understand `banana`/ },
    { text: 'deals', want: /Give the goal a number/ },
    { text: '8 deals $120k', want: /One number at a time/ },
    { text: '8 deals revenue', want: /deals or revenue/ },
    { text: '$8 deals', want: /counted, not priced/ },
    { text: '$0', want: /between \$1 and \$100M/ },
    { text: '$0.50', want: /between \$1 and \$100M/ },
    { text: '$101m', want: /between \$1 and \$100M/ },
    { text: '$2b', want: /between \$1 and \$100M/ },
    { text: '<!channel> 8 deals', want: /didn't understand `!channel`/ },
    { text: '8 deals @here', want: /didn't understand `here`/ },
    { text: 'x'.repeat(5000), want: /too long/ },
    { text: '1e3 deals', want: /didn't understand/ },
  ] as const;

  it.each(scenarios)('$text', ({ text, want }) => {
    const result = parseGoalTarget(words(text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(want);
    // Echoed user text can never become a mention, a broadcast or a link.
    expect(result.message).not.toMatch(/<[!@#]|<http/);
    expect(result.message.length).toBeLessThan(200);
  });
});

describe('parseGoalTarget in the adjust modal (metric fixed)', () => {
  const scenarios = [
    { text: '10', locked: 'deals_won', want: { ok: true, metric: 'deals_won', target: 10 } },
    { text: '150000', locked: 'revenue', want: { ok: true, metric: 'revenue', target: 15_000_000 } },
    { text: '$1,234,567', locked: 'revenue', want: { ok: true, metric: 'revenue', target: 123_456_700 } },
    { text: '150k', locked: 'revenue', want: { ok: true, metric: 'revenue', target: 15_000_000 } },
  ] as const;

  it.each(scenarios)('$text as $locked', ({ text, locked, want }) => {
    expect(parseGoalTarget([text], { defaultMetric: locked, lockedMetric: locked })).toEqual(want);
  });

  it('refuses switching metric, with the usage given', () => {
    const result = parseGoalTarget(['$150k'], { defaultMetric: 'deals_won', lockedMetric: 'deals_won', usage: 'Enter a whole number.' });
    expect(result).toEqual({ ok: false, message: 'This goal counts deals won. Enter a whole number.' });
  });
});

describe('isValidGoalTarget', () => {
  const scenarios = [
    { metric: 'deals_won', target: 1, want: true },
    { metric: 'deals_won', target: 1000, want: true },
    { metric: 'deals_won', target: 0, want: false },
    { metric: 'deals_won', target: 2.5, want: false },
    { metric: 'revenue', target: 100, want: true },
    { metric: 'revenue', target: 99, want: false },
    { metric: 'revenue', target: 10_000_000_001, want: false },
  ] as const;

  it.each(scenarios)('$metric $target', ({ metric, target, want }) => {
    expect(isValidGoalTarget(metric, target)).toBe(want);
  });
});

describe('quarterOf', () => {
  const scenarios = [
    { now: '2026-11-24T18:00:00', zone: 'America/New_York', want: { start: '2026-10-01', end: '2026-12-31', label: 'Q4 2026' } },
    { now: '2026-01-01T00:00:00', zone: 'UTC', want: { start: '2026-01-01', end: '2026-03-31', label: 'Q1 2026' } },
    { now: '2026-03-31T23:59:59', zone: 'Asia/Kolkata', want: { start: '2026-01-01', end: '2026-03-31', label: 'Q1 2026' } },
    { now: '2028-05-15T12:00:00', zone: 'Europe/London', want: { start: '2028-04-01', end: '2028-06-30', label: 'Q2 2028' } },
    { now: '2026-09-30T23:30:00', zone: 'America/Los_Angeles', want: { start: '2026-07-01', end: '2026-09-30', label: 'Q3 2026' } },
  ];

  it.each(scenarios)('$now in $zone', ({ now, zone, want }) => {
    expect(quarterOf(DateTime.fromISO(now, { zone }))).toEqual(want);
  });

  it('uses the local date: 1 Oct 01:00 in Tokyo is still Q3 in UTC', () => {
    const instant = DateTime.fromISO('2026-09-30T16:00:00Z');
    expect(quarterOf(instant.setZone('Asia/Tokyo')).label).toBe('Q4 2026');
    expect(quarterOf(instant.setZone('UTC')).label).toBe('Q3 2026');
  });
});

describe('a revenue workspace reads a bare number with care', () => {
  it.each([
    ['8', false],
    ['999', false],
    ['120000', true],
    ['$8', true],
    ['8 deals', true],
  ])('%s → accepted: %s', (text, accepted) => {
    const result = parseGoalTarget(text.split(' '), { defaultMetric: 'revenue' });
    expect(result.ok).toBe(accepted);
    if (!result.ok) expect(result.message).toMatch(/Goals here are revenue: is that \$\d+\? Write the amount, like `\$120k`/);
  });
});
