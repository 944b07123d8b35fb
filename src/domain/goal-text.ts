import type { DateTime } from 'luxon';

/** What a goal measures: deals won in the period, or revenue won (in cents). */
export const GOAL_METRICS = ['deals_won', 'revenue'] as const;
export type TGoalMetric = (typeof GOAL_METRICS)[number];

export type TGoalTarget = { ok: true; metric: TGoalMetric; target: number } | { ok: false; message: string };

/** Bounds of a quarterly goal: 1–1,000 deals; $1–$100M of revenue (in cents). */
export const GOAL_BOUNDS: Readonly<Record<TGoalMetric, { min: number; max: number }>> = {
  deals_won: { min: 1, max: 1_000 },
  revenue: { min: 100, max: 100_000_000 * 100 },
};

export const GOAL_USAGE = 'Try `/coach goals 8 deals` or `/coach goals $120k`.';

// Longer than any goal anyone types ('$1,250,000 in revenue this quarter'): refused without reading it.
const MAX_TEXT = 80;
const DEAL_WORDS = new Set(['deal', 'deals', 'win', 'wins', 'closes', 'closed-won', 'logos']);
const REVENUE_WORDS = new Set(['revenue', 'rev', 'bookings', 'booked', 'sales', 'usd', 'dollars', 'arr', 'acv']);
const FILLER_WORDS = new Set(['won', 'closed', 'close', 'in', 'of', 'for', 'the', 'this', 'a', 'per', 'quarter', 'qtr', 'q', 'each', 'goal', 'target', 'new']);
const MULTIPLIERS: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9 };
// '$120k', '120k', '$1.2m', '8', '-3', '$12,500' (commas removed before), '1.5'.
const NUMBER = /^(-)?(\$)?(\d+(?:\.\d+)?|\.\d+)(k|mm|mn|m|million|bn|b)?\$?$/;

/**
 * Reads a goal target from command words: `8 deals`, `8 won deals`, `deals 8`, `8` → deals won;
 * `$120k`, `120k revenue`, `$1.2m` → revenue in cents. `defaultMetric` is used when the words give no
 * hint (a bare number); a hint contradicting `lockedMetric` is refused (the adjust modal keeps the metric).
 */
export function parseGoalTarget(
  words: readonly string[],
  options: { defaultMetric?: TGoalMetric; lockedMetric?: TGoalMetric; usage?: string } = {},
): TGoalTarget {
  const usage = options.usage ?? GOAL_USAGE;
  const text = words.join(' ').trim().toLowerCase();
  if (text === '') return fail(`What's the goal? ${usage}`);
  if (text.length > MAX_TEXT) return fail(`That's too long for a goal — just the number and what it counts. ${usage}`);
  const tokens = text
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1') // 12,500 → 12500
    .replace(/\$\s+(?=[\d.])/g, '$') // '$ 120k' → '$120k'
    .replace(/(\d)\s+(k|mm|mn|m|million|bn|b)(?![a-z])/g, '$1$2') // '120 k' → '120k'
    .split(/[\s,;:]+/)
    .filter(Boolean);

  let amount: { value: number; dollar: boolean; suffix: boolean; negative: boolean } | undefined;
  let hint: TGoalMetric | undefined;
  for (const raw of tokens) {
    const token = raw.replace(/[.!?]+$/, '');
    const number = NUMBER.exec(token);
    if (number) {
      if (amount) return fail(`One number at a time, please. ${usage}`);
      const multiplier = number[4] ? MULTIPLIERS[number[4]]! : 1;
      amount = { value: Number(number[3]) * multiplier, dollar: Boolean(number[2]) || token.endsWith('$'), suffix: Boolean(number[4]), negative: Boolean(number[1]) };
      continue;
    }
    const kind = DEAL_WORDS.has(token) ? 'deals_won' : REVENUE_WORDS.has(token) ? 'revenue' : FILLER_WORDS.has(token) ? undefined : 'unknown';
    if (kind === 'unknown') return fail(`I didn't understand ${quote(token)} in that goal. ${usage}`);
    if (kind && hint && kind !== hint) return fail(`Is that deals or revenue? Pick one per goal. ${usage}`);
    hint = kind ?? hint;
  }
  if (!amount) return fail(`Give the goal a number. ${usage}`);
  if (amount.dollar && hint === 'deals_won') return fail(`Deals are counted, not priced. ${usage}`);
  // '120k' on its own is money; '2k deals' is a (too large) count.
  const isMoney = amount.dollar || (amount.suffix && hint !== 'deals_won');
  const metric: TGoalMetric = isMoney ? 'revenue' : (hint ?? options.defaultMetric ?? 'deals_won');
  if (options.lockedMetric && metric !== options.lockedMetric) {
    return fail(`This goal counts ${options.lockedMetric === 'revenue' ? 'revenue' : 'deals won'}. ${usage}`);
  }
  const value = amount.negative ? -amount.value : amount.value;
  // In a revenue workspace "8" is far more likely 8 deals than $8: asked, not guessed.
  if (metric === 'revenue' && !isMoney && !hint && value < 1000) {
    return fail(`Goals here are revenue: is that $${value}? Write the amount, like \`$120k\`. ${usage}`);
  }
  return metric === 'revenue' ? revenueTarget(value) : dealsTarget(value);
}

/** Whether a stored target is within the bounds of its metric (a whole number of deals or cents). */
export function isValidGoalTarget(metric: TGoalMetric, target: number): boolean {
  const { min, max } = GOAL_BOUNDS[metric];
  return Number.isInteger(target) && target >= min && target <= max;
}

/** The calendar quarter containing `now`, in `now`'s zone: ISO dates, the end inclusive, and 'Q4 2026'. */
export function quarterOf(now: DateTime): { start: string; end: string; label: string } {
  return {
    start: now.startOf('quarter').toISODate()!,
    end: now.endOf('quarter').toISODate()!,
    label: `Q${now.quarter} ${now.year}`,
  };
}

function dealsTarget(value: number): TGoalTarget {
  if (!Number.isInteger(value)) return fail('Deals are whole numbers — try `8 deals`.');
  if (!isValidGoalTarget('deals_won', value)) return fail('A deals goal is between 1 and 1,000 deals won in the quarter.');
  return { ok: true, metric: 'deals_won', target: value };
}

function revenueTarget(dollars: number): TGoalTarget {
  const cents = Math.round(dollars * 100);
  if (!isValidGoalTarget('revenue', cents)) return fail('A revenue goal is between $1 and $100M for the quarter.');
  return { ok: true, metric: 'revenue', target: cents };
}

function fail(message: string): TGoalTarget {
  return { ok: false, message };
}

/** A word echoed back safely: short, in a code span, with nothing Slack could read as markup or a mention. */
function quote(word: string): string {
  const safe = word.slice(0, 30).replace(/[`<>&@*_~|]/g, '');
  return safe ? `\`${safe}\`` : 'a word';
}
