import { MAX_COUNT, MIN_COUNT } from '../types';

/**
 * Counts: "4", "twenty-one", "a couple of", "x3", "twice". Readers take the token keys of a piece and a
 * position, and say where the count ends.
 */

/** A count read at a position: a value, a reason it cannot be logged, or a vague quantity ("some"). */
export type TCountRead = { value: number; problem?: string; vague?: boolean; next: number };

const ONES: ReadonlyMap<string, number> = new Map(
  [
    'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
    'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
  ].map((w, i) => [w, i]),
);
const TENS: ReadonlyMap<string, number> = new Map(
  ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [w, (i + 2) * 10]),
);
const SCALES: ReadonlyMap<string, number> = new Map([['hundred', 100], ['thousand', 1000], ['million', 1e6]]);

/** Idioms: "a couple of" is 2, "a few" is 3 (a deliberate reading, shown back to the rep), "a dozen" is 12. */
const IDIOMS: ReadonlyMap<string, number> = new Map([
  ['couple', 2], ['pair', 2], ['few', 3], ['dozen', 12], ['single', 1],
]);

/** Quantities too vague to log: the rep is asked for a number instead of us guessing. */
const VAGUE: ReadonlySet<string> = new Set([
  'some', 'several', 'many', 'lots', 'loads', 'tons', 'multiple', 'numerous', 'bunch', 'lot', 'ton', 'handful',
  'various', 'plenty', 'countless', 'bunches',
]);

/** Zero said in words: "none" is a count of 0, which is a problem, not an item ("no calls today" is read as no activity first). */
const NONE: ReadonlySet<string> = new Set(['no', 'none', 'nil']);

/** Counts after the activity: "called Acme twice". */
const ADVERBS: ReadonlyMap<string, number> = new Map([['once', 1], ['twice', 2], ['thrice', 3]]);

// Every word that can start a count, so that the common case (a word that cannot) is one lookup.
const ARTICLE = 0;
const IDIOM = 1;
const VAGUE_WORD = 2;
const ZERO_WORD = 3;
const NUMBER_WORD = 4;
const HALF = 5;
const COUNT_STARTS: ReadonlyMap<string, number> = new Map([
  ['half', HALF],
  ['a', ARTICLE],
  ['an', ARTICLE],
  ...[...IDIOMS.keys()].map((w): [string, number] => [w, IDIOM]),
  ...[...VAGUE].map((w): [string, number] => [w, VAGUE_WORD]),
  ...[...NONE].map((w): [string, number] => [w, ZERO_WORD]),
  ...[...ONES.keys(), ...TENS.keys()].map((w): [string, number] => [w, NUMBER_WORD]),
]);

// "4", "-3", "2.5", "1,000", "1e9", with an optional multiplication mark: "x4", "4x", "×4".
const NUMBER_RE = /^[x×#]?(-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?)[x×]?$/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The value of a key made only of (at most 9) digits, or -1: the common count, read without a regex. */
function plainInteger(key: string): number {
  if (key.length === 0 || key.length > 9) return -1;
  let value = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** True when the key could start a numeric count ("4", "x4", "-3"); cheap, to skip most words. */
export function looksNumeric(key: string): boolean {
  const c = key.charCodeAt(0);
  if (isDigit(c)) return true;
  return (c === 45 || c === 120 || c === 215 || c === 35) && key.length > 1 && isDigit(key.charCodeAt(1));
}

/** Why a count cannot be logged, or undefined when it can. `text` is how the rep wrote it. */
function countProblem(value: number, text: string): string | undefined {
  if (!Number.isFinite(value) || value > MAX_COUNT) {
    return `${text} is more than the ${MAX_COUNT} per item I can log at once`;
  }
  if (!Number.isInteger(value)) return `counts are whole numbers, and ${text} isn't one`;
  if (value < MIN_COUNT) return `${text} isn't a count I can log: use ${MIN_COUNT} to ${MAX_COUNT}`;
  return undefined;
}

function counted(value: number, text: string, next: number): TCountRead {
  const problem = countProblem(value, text);
  return problem ? { value, problem, next } : { value, next };
}

function readDigits(key: string, next: number): TCountRead | undefined {
  const plain = plainInteger(key);
  if (plain >= 0) return counted(plain, key, next);
  const m = NUMBER_RE.exec(key);
  if (!m) return undefined;
  const digits = m[1] ?? '';
  return counted(Number(digits.replace(/,/g, '')), digits, next);
}

function readNumberWord(keys: readonly string[], i: number): TCountRead | undefined {
  const key = keys[i] ?? '';
  let value: number | undefined;
  let next = i + 1;
  const dash = key.indexOf('-');
  if (dash > 0) {
    // "twenty-one"
    const tens = TENS.get(key.slice(0, dash));
    const ones = ONES.get(key.slice(dash + 1));
    if (tens === undefined || ones === undefined || ones === 0 || ones > 9) return undefined;
    value = tens + ones;
  } else {
    value = ONES.get(key) ?? TENS.get(key);
    if (value === undefined) return undefined;
    const ones = ONES.get(keys[next] ?? '');
    if (value >= 20 && ones !== undefined && ones > 0 && ones < 10) {
      value += ones;
      next += 1;
    }
  }
  return withScale(keys, value, next, key);
}

function withScale(keys: readonly string[], value: number, next: number, text: string): TCountRead {
  const scale = SCALES.get(keys[next] ?? '');
  if (scale === undefined) return counted(value, text, next);
  const total = value * scale;
  return counted(total, String(total), next + 1);
}

function skipOf(keys: readonly string[], next: number): number {
  return keys[next] === 'of' ? next + 1 : next;
}

function readArticle(keys: readonly string[], i: number): TCountRead {
  const next = keys[i + 1] ?? '';
  const idiom = IDIOMS.get(next);
  if (idiom !== undefined) return { value: idiom, next: skipOf(keys, i + 2) };
  if (VAGUE.has(next)) return { value: 0, vague: true, next: skipOf(keys, i + 2) };
  const scale = SCALES.get(next);
  if (scale !== undefined) return counted(scale, String(scale), i + 2);
  return { value: 1, next: i + 1 };
}

/**
 * Reads a count starting at `keys[i]`: digits, number words, "a"/"an" (1), "a couple of" (2), "a few" (3),
 * "a dozen" (12), vague words ("some", "lots of") and zero words ("no"). Undefined when there is none.
 */
export function readCount(keys: readonly string[], i: number): TCountRead | undefined {
  const key = keys[i];
  if (key === undefined) return undefined;
  if (looksNumeric(key)) return readDigits(key, i + 1);
  const start = COUNT_STARTS.get(key);
  if (start === undefined) return key.indexOf('-') > 0 ? readNumberWord(keys, i) : undefined;
  switch (start) {
    case HALF:
      // "half a dozen"
      return keys[i + 1] === 'a' && keys[i + 2] === 'dozen' ? { value: 6, next: skipOf(keys, i + 3) } : undefined;
    case ARTICLE:
      return readArticle(keys, i);
    case IDIOM:
      return { value: IDIOMS.get(key) ?? 1, next: skipOf(keys, i + 1) };
    case VAGUE_WORD:
      return { value: 0, vague: true, next: skipOf(keys, i + 1) };
    case ZERO_WORD:
      return counted(0, '0', i + 1);
    default:
      return readNumberWord(keys, i);
  }
}

/** True when any count (even "a" or "some") starts at `keys[i]`; no allocation. */
export function startsCount(keys: readonly string[], i: number): boolean {
  const key = keys[i] ?? '';
  if (looksNumeric(key)) return plainInteger(key) >= 0 || NUMBER_RE.test(key);
  if (key === 'half') return readCount(keys, i) !== undefined;
  return COUNT_STARTS.has(key) || (key.indexOf('-') > 0 && readNumberWord(keys, i) !== undefined);
}

/** True when a number (digits or a number word, not "a") starts at `keys[i]`: a new item may begin there. */
export function startsExplicitCount(keys: readonly string[], i: number): boolean {
  const key = keys[i] ?? '';
  if (looksNumeric(key)) return plainInteger(key) >= 0 || NUMBER_RE.test(key);
  const start = COUNT_STARTS.get(key);
  if (start === undefined) return key.indexOf('-') > 0 && readNumberWord(keys, i) !== undefined;
  return start === NUMBER_WORD || start === IDIOM;
}

/**
 * Reads a count written after the activity, ending exactly at `end`: "twice", "3 times", "x3", "3x".
 * Returns the count and where it starts, or undefined.
 */
export function readTrailingCount(
  keys: readonly string[],
  end: number,
  from: number,
): { read: TCountRead; start: number } | undefined {
  const last = keys[end - 1];
  if (last === undefined || end - 1 < from) return undefined;
  const adverb = ADVERBS.get(last);
  if (adverb !== undefined) return { read: { value: adverb, next: end }, start: end - 1 };
  if (last === 'times' && end - 2 >= from) {
    const read = readCount(keys, end - 2);
    if (read && read.next === end - 1) return { read, start: end - 2 };
    // "twenty one times"
    const wide = end - 3 >= from ? readCount(keys, end - 3) : undefined;
    if (wide && wide.next === end - 1) return { read: wide, start: end - 3 };
    return undefined;
  }
  const c = last.charCodeAt(0);
  const marked = c === 120 || c === 215 || last.charCodeAt(last.length - 1) === 120;
  if (marked && looksNumeric(last)) {
    const read = readCount(keys, end - 1);
    if (read) return { read, start: end - 1 };
  }
  return undefined;
}
