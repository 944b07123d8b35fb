import { removeTokens } from './tokens';

/**
 * Money amounts: "$24k", "€3,000", "12.5k", "$1.2m", "USD 5,000", "for 24,000", stored in cents (the
 * currency is ignored).
 */

/** Largest amount one item may carry: $10 billion, in cents. Beyond it the amount is surely a typo. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['m', 1e6], ['mm', 1e6], ['mn', 1e6], ['mil', 1e6], ['million', 1e6],
  ['b', 1e9], ['bn', 1e9], ['billion', 1e9],
]);
const CURRENCY_WORDS: ReadonlySet<string> = new Set([
  '$', '€', '£', '¥', '₹', 'usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'dollars', 'dollar', 'bucks', 'euros', 'euro',
  'pounds', 'us$',
]);

const MULTIPLIER = 1;
const CURRENCY = 2;
const AFTER_NUMBER: ReadonlyMap<string, number> = new Map([
  ...[...MULTIPLIERS.keys()].map((w): [string, number] => [w, MULTIPLIER]),
  ...[...CURRENCY_WORDS].map((w): [string, number] => [w, CURRENCY]),
]);

/** An amount found in a piece: cents, or why it cannot be stored. */
export type TAmountRead = { cents: number; problem?: string };

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isPlainDigits(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (!isDigit(key.charCodeAt(i))) return false;
  return true;
}

/**
 * A bare number written with thousands separators ("24,000", "12,500.50"), in cents: money when it ends a
 * deal's name ("sent proposal to Aperture 24,000"), where a count never is. Undefined otherwise.
 */
export function groupedAmount(key: string): TAmountRead | undefined {
  if (key.indexOf(',') === -1 || !isDigit(key.charCodeAt(0)) || !isDigit(key.charCodeAt(key.length - 1))) return undefined;
  const units = scanAmount(key);
  return Number.isNaN(units) ? undefined : toCents(units);
}

function isCurrencySymbol(c: number): boolean {
  return c === 36 || c === 8364 || c === 163 || c === 165 || c === 8377;
}

/**
 * A money token read by hand (a regex here was the parser's slowest step): an optional currency symbol,
 * digits with optional thousands commas ("12,500"), an optional fraction, then a multiplier ("k", "m", "bn")
 * or a currency symbol. Returns the value in units (not cents), or NaN when the token is not an amount.
 */
function scanAmount(key: string): number {
  const n = key.length;
  let i = isCurrencySymbol(key.charCodeAt(0)) ? 1 : 0;
  const digitsFrom = i;
  let value = 0;
  let groupDigits = -1; // digits since the last thousands comma; -1 before any comma
  while (i < n) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (groupDigits >= 0) groupDigits++;
    } else if (c === 44 && i > digitsFrom && (groupDigits === -1 || groupDigits === 3)) {
      if (groupDigits === -1 && i - digitsFrom > 3) return Number.NaN;
      groupDigits = 0;
    } else break;
    i++;
  }
  if (i === digitsFrom || (groupDigits !== -1 && groupDigits !== 3)) return Number.NaN;
  if (key.charCodeAt(i) === 46) {
    let scale = 0.1;
    i++;
    const fractionFrom = i;
    while (i < n && key.charCodeAt(i) >= 48 && key.charCodeAt(i) <= 57) {
      value += (key.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    if (i === fractionFrom) return Number.NaN;
  }
  if (i === n) return value;
  if (i === n - 1 && isCurrencySymbol(key.charCodeAt(i))) return value;
  const multiplier = n - i <= 3 ? MULTIPLIERS.get(key.slice(i)) : undefined;
  return multiplier === undefined ? Number.NaN : value * multiplier;
}

/** True when an amount token carries its own currency or multiplier ("$24k", "12.5k", "3,000€"), not "4". */
function isMarked(key: string): boolean {
  return isCurrencySymbol(key.charCodeAt(0)) || !isDigit(key.charCodeAt(key.length - 1));
}

function toCents(units: number): TAmountRead {
  const cents = Math.round(units * 100);
  if (!Number.isFinite(cents) || cents > MAX_AMOUNT_CENTS) {
    return { cents: 0, problem: 'that amount is larger than any deal I can store (up to $10 billion)' };
  }
  if (cents <= 0) return { cents: 0, problem: 'an amount has to be more than 0' };
  return { cents };
}

/**
 * Finds the first money amount in the piece and removes its tokens from `words` and `keys` (in place).
 * A bare number counts only with `allowBare` (outcomes: "won Acme 12,500"); otherwise it needs a currency
 * or a multiplier, so "4 calls" never reads as money.
 */
export function takeAmount(words: string[], keys: string[], allowBare: boolean): TAmountRead | undefined {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    const c = key.charCodeAt(0);
    if (!(c >= 48 && c <= 57) && !isCurrencySymbol(c)) continue;
    let units = scanAmount(key);
    if (Number.isNaN(units)) continue;
    let marked = isMarked(key);
    const suffixed = !isDigit(key.charCodeAt(key.length - 1));
    let start = i;
    let end = i + 1;
    if (i > 0 && CURRENCY_WORDS.has(keys[i - 1] ?? '')) {
      marked = true;
      start = i - 1;
    }
    // One lookup for the word after the number (most often an activity: "4 calls").
    const after = AFTER_NUMBER.get(keys[end] ?? '');
    if (after === MULTIPLIER && !suffixed) {
      units *= MULTIPLIERS.get(keys[end] ?? '') ?? 1;
      marked = true;
      end += 1;
      if (CURRENCY_WORDS.has(keys[end] ?? '')) end += 1;
    } else if (after === CURRENCY) {
      marked = true;
      end += 1;
    }
    // "proposal to Globex for 24,000": a bare number after "for" is money when it is in the thousands.
    const forAmount = start > 0 && keys[start - 1] === 'for';
    // "won Acme 12,500" is money, "won Gringotts 828" a deal's name: a bare number needs a thousands
    // separator, a decimal part, or to be in the thousands.
    const bare = allowBare && end === keys.length && i > 0 && (units >= 1000 || !isPlainDigits(key));
    if (!marked && !bare && !(forAmount && units >= 1000)) continue;
    if (forAmount) start -= 1;
    removeTokens(words, keys, start, end);
    return toCents(units);
  }
  return undefined;
}
