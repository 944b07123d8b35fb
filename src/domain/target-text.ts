import { TYPE_INDEX, TYPE_PHRASES } from './activity-grammar/lexicon';
import { NOUN } from './coaching/expectation-text';
import type { TActivityType } from './types';

// `/coach targets 25 calls 10 emails 2 proposals a month`: a rep's own activity targets (SPEC §1, §2 Expectation).

/** Activity a rep may set a target for: 'other' says nothing anyone could aim at (as for the engine's expectations). */
export const TARGET_TYPES = ['call', 'email', 'meeting', 'demo', 'proposal', 'social'] as const;
export type TTargetType = (typeof TARGET_TYPES)[number];
/** A week by default; a month for rare activity (a number under one a week is never written per week). */
export type TTargetPer = 'week' | 'month';
export type TActivityTarget = { type: TTargetType; per: TTargetPer; amount: number };

/** At most three targets, as for the engine's expectations (SPEC §2). */
export const MAX_TARGETS = 3;
/** Bounds of one target, a week or a month: a whole number from 1 to 500. */
export const TARGET_BOUNDS = { min: 1, max: 500 } as const;
export const TARGETS_USAGE = 'Try `/coach targets 25 calls 10 emails 2 demos` (a week), or `2 proposals a month` for something rarer.';

export type TTargetsParse = { ok: true; targets: TActivityTarget[] } | { ok: false; message: string };

// Longer than any set of three targets anyone types: refused without reading it.
const MAX_TEXT = 160;
const FILLERS = new Set(['and', '&', '+', 'plus', 'my', 'target', 'targets', 'of', 'i', 'propose', 'want', 'to', 'do', 'make']);
const PERIOD_LEADS = new Set(['a', 'an', 'per', 'each', 'every', '/']);
const WEEK_WORDS = new Set(['week', 'wk', 'w', 'weekly']);
const MONTH_WORDS = new Set(['month', 'mo', 'mth', 'monthly']);
const DAY_WORDS = new Set(['day', 'd', 'daily']);
const QUARTER_WORDS = new Set(['quarter', 'qtr', 'q', 'quarterly', 'year', 'yr', 'yearly', 'annually']);
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads up to three targets from command words: `25 calls 10 emails 2 demos`, `calls 25, emails 10`,
 * `25 calls a week`, `2 proposals a month` / `per month` / `/mo`. Whole numbers from 1 to 500; under one a
 * week is said per month; per day and per quarter are explained, never converted behind the rep's back.
 */
export function parseTargets(words: readonly string[]): TTargetsParse {
  const text = words.join(' ').trim().toLowerCase();
  if (text === '') return fail(`Which targets? ${TARGETS_USAGE}`);
  if (text.length > MAX_TEXT) return fail(`That's too long — just up to three numbers and what they count. ${TARGETS_USAGE}`);
  const tokens = text
    .replace(/\//g, ' / ')
    .split(/[\s,;:]+/)
    .map((t) => t.replace(/[.!?]+$/, ''))
    .filter((t) => t !== '' && !FILLERS.has(t));

  const targets: TActivityTarget[] = [];
  let i = 0;
  while (i < tokens.length) {
    const head = tokens[i]!;
    let amountText: string;
    let type: TActivityType;
    if (NUMBER.test(head)) {
      const named = typeAt(tokens, i + 1);
      if (!named) return fail(tokens[i + 1] === undefined ? `${quote(head)} what? ${TARGETS_USAGE}` : unknownWord(tokens, i + 1));
      amountText = head;
      type = named.type;
      i += 1 + named.length;
    } else {
      const named = typeAt(tokens, i);
      if (!named) return fail(unknownWord(tokens, i));
      const next = tokens[i + named.length];
      if (next === undefined || !NUMBER.test(next)) return fail(`How many ${NOUN[named.type][1]}? ${TARGETS_USAGE}`);
      amountText = next;
      type = named.type;
      i += named.length + 1;
    }
    const period = readPeriod(tokens, i);
    if (period.problem) return fail(period.problem(type, amountText));
    i = period.next;
    if (type === 'other') return fail(`"Other" activity can't have a target — pick calls, emails, meetings, demos, proposals or social touches.`);
    const amount = Number(amountText);
    if (!Number.isInteger(amount)) {
      if (amount > 0 && amount < 1 && period.per === 'week') {
        return fail(`Under one a week is said per month, like \`2 ${NOUN[type][1]} a month\`.`);
      }
      return fail(`Targets are whole numbers — ${quote(amountText)} isn't one. ${TARGETS_USAGE}`);
    }
    if (amount < TARGET_BOUNDS.min || amount > TARGET_BOUNDS.max) {
      return fail(`A target is between ${TARGET_BOUNDS.min} and ${TARGET_BOUNDS.max} ${NOUN[type][1]} a ${period.per}.`);
    }
    if (targets.some((t) => t.type === type)) return fail(`${capitalize(NOUN[type][1])} twice — one number per kind of activity, please.`);
    targets.push({ type, per: period.per, amount });
  }
  if (targets.length === 0) return fail(`Which targets? ${TARGETS_USAGE}`);
  if (targets.length > MAX_TARGETS) {
    return fail(`At most ${MAX_TARGETS} targets at a time — pick the ones that matter most for you right now.`);
  }
  return { ok: true, targets };
}

/** '25 calls a week', '1 proposal a month'. */
export function targetPhrase(target: TActivityTarget): string {
  return `${target.amount} ${NOUN[target.type][target.amount === 1 ? 0 : 1]} a ${target.per}`;
}

/** '25 calls, 10 emails and 2 proposals a month' (each with its own period when it differs from a week). */
export function targetsPhrase(targets: readonly TActivityTarget[]): string {
  const allWeekly = targets.every((t) => t.per === 'week');
  const parts = targets.map((t) => (allWeekly ? `${t.amount} ${NOUN[t.type][t.amount === 1 ? 0 : 1]}` : targetPhrase(t)));
  const list = parts.length <= 1 ? (parts[0] ?? 'no targets') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return allWeekly && targets.length > 0 ? `${list} a week` : list;
}

/** The targets as the adjust modal prefills them, read back unchanged by `parseTargets`: '25 calls, 2 proposals a month'. */
export function targetsInputValue(targets: readonly TActivityTarget[]): string {
  return targets.map((t) => `${t.amount} ${NOUN[t.type][t.amount === 1 ? 0 : 1]}${t.per === 'month' ? ' a month' : ''}`).join(', ');
}

/** The weekly rate behind a target: a month's is spread over 52/12 weeks. */
export function weeklyOf(target: TActivityTarget): number {
  return target.per === 'week' ? target.amount : (target.amount * 12) / 52;
}

/** Whether two sets hold the same targets (order aside). */
export function sameTargets(a: readonly TActivityTarget[], b: readonly TActivityTarget[]): boolean {
  const key = (list: readonly TActivityTarget[]) => list.map((t) => `${t.type}:${t.per}:${t.amount}`).sort().join('|');
  return key(a) === key(b);
}

/** An activity type named at tokens[i] (one word or a two-word phrase): nouns only, 'called' is not a target. */
function typeAt(tokens: readonly string[], i: number): { type: TActivityType; length: 1 | 2 } | undefined {
  const word = tokens[i];
  if (word === undefined) return undefined;
  const phrase = tokens[i + 1] === undefined ? undefined : TYPE_PHRASES.get(`${word} ${tokens[i + 1]}`);
  if (phrase && !phrase.verb) return { type: phrase.type, length: 2 };
  const single = TYPE_INDEX.get(word)?.word;
  return single && !single.verb ? { type: single.type, length: 1 } : undefined;
}

type TPeriodRead = { per: TTargetPer; next: number; problem?: (type: TActivityType, amount: string) => string };

/** An optional period after a target: 'a week', 'per month', '/mo', 'weekly', 'monthly'; a day or quarter is explained. */
function readPeriod(tokens: readonly string[], i: number): TPeriodRead {
  let j = i;
  if (PERIOD_LEADS.has(tokens[j] ?? '') && tokens[j + 1] !== undefined && isPeriodWord(tokens[j + 1]!)) j++;
  const word = tokens[j];
  if (word === undefined || !isPeriodWord(word)) return { per: 'week', next: i };
  if (WEEK_WORDS.has(word)) return { per: 'week', next: j + 1 };
  if (MONTH_WORDS.has(word)) return { per: 'month', next: j + 1 };
  if (DAY_WORDS.has(word)) {
    return { per: 'week', next: j + 1, problem: (type, amount) => `Targets are for the week, so a slow day can be made up — ${quote(amount)} a day is about \`${Number(amount) * 5} ${NOUN[type][1]}\` a week.` };
  }
  return { per: 'week', next: j + 1, problem: () => `Targets are for a week (or a month, for rare activity) — your goal covers the quarter: \`/coach goals 8 deals\`.` };
}

function isPeriodWord(word: string): boolean {
  return WEEK_WORDS.has(word) || MONTH_WORDS.has(word) || DAY_WORDS.has(word) || QUARTER_WORDS.has(word);
}

function unknownWord(tokens: readonly string[], i: number): string {
  return `I didn't understand ${quote(tokens[i] ?? '')} in those targets. ${TARGETS_USAGE}`;
}

function fail(message: string): TTargetsParse {
  return { ok: false, message };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A word echoed back safely: short, in a code span, with nothing Slack could read as markup or a mention. */
function quote(word: string): string {
  const safe = word.slice(0, 30).replace(/[`<>&@*_~|]/g, '');
  return safe ? `\`${safe}\`` : 'a word';
}
