/**
 * Amounts as CRMs export them: `24000`, `$24,000`, `USD 24,000.00`, `24.000,00 €`, `CHF 1'250.50`. Pure.
 */

/** An amount in whole cents and the currency it was written in (null: none written). */
export type TAmount = { cents: number; currency: string | null };

/** Symbols read as a currency. `$` alone is read as US dollars (the README says so). */
const SYMBOLS: Record<string, string> = { $: 'USD', US$: 'USD', C$: 'CAD', CA$: 'CAD', A$: 'AUD', AU$: 'AUD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CODE = /^[A-Za-z]{3}$/;
// A currency written before or after the number: a 3-letter code or a symbol, with or without a space.
const PREFIX = /^(US\$|CA?\$|AU?\$|[$€£¥₹]|[A-Za-z]{3}(?=[\s\d.,'$€£¥₹]))\s*/;
const SUFFIX = /\s*([$€£¥₹]|[A-Za-z]{3})$/;
// Spaces that group thousands: ordinary, no-break, narrow no-break; and the Swiss apostrophe.
const GROUP_SPACES = /[\s\u00a0\u202f']/g;

/**
 * Reads an amount. `decimalComma`: true when the file writes `1.234,56` (`--decimal-comma`); left
 * undefined, a comma followed by one or two digits is a decimal comma and one followed by three groups
 * thousands, while a lone dot before three digits (`24.000`: 24 or 24,000?) is refused as ambiguous.
 * Returns a message (to follow the column name) when the text is not an amount.
 */
export function parseAmount(text: string, decimalComma?: boolean): TAmount | string {
  // The common case, a plain number, without a regular expression.
  if (isDigits(text)) return text.length > 15 ? 'is too large' : { cents: Number(text) * 100, currency: null };
  let rest = text.trim();
  let currency: string | null = null;
  const prefix = PREFIX.exec(rest);
  if (prefix) {
    currency = currencyOf(prefix[1]!);
    rest = rest.slice(prefix[0].length);
  }
  const suffix = SUFFIX.exec(rest);
  if (suffix && currency === null) {
    currency = currencyOf(suffix[1]!);
    rest = rest.slice(0, suffix.index);
  }
  if (rest.startsWith('-') || rest.startsWith('(')) return 'is negative';
  const number = rest.replace(GROUP_SPACES, '');
  const split = splitDecimal(number, decimalComma);
  if (typeof split === 'string') return split;
  const [whole, fraction] = split;
  if (whole === '' && fraction === '') return notAnAmount;
  if (fraction.length > 2) return 'has more than two decimals';
  const cents = Number(whole || 0) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? { cents, currency } : 'is too large';
}

const notAnAmount = 'is not an amount (like 12500, $12,500.00 or 12.500,00 EUR)';

function currencyOf(written: string): string {
  return SYMBOLS[written] ?? (CODE.test(written) ? written.toUpperCase() : written);
}

/** The whole and decimal digits of a number written with separators, or a message. */
function splitDecimal(number: string, decimalComma: boolean | undefined): [string, string] | string {
  if (!/^[\d.,]+$/.test(number)) return notAnAmount;
  const lastDot = number.lastIndexOf('.');
  const lastComma = number.lastIndexOf(',');
  let decimal: '.' | ',' | null;
  if (decimalComma === true) decimal = lastComma === -1 ? null : ',';
  else if (decimalComma === false) decimal = lastDot === -1 ? null : '.';
  else if (lastDot !== -1 && lastComma !== -1) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastComma !== -1) decimal = number.length - lastComma - 1 === 3 && validGroups(number, ',') ? null : ',';
  else if (lastDot !== -1) {
    const after = number.length - lastDot - 1;
    if (after === 3 && number.indexOf('.') === lastDot) return 'could be read two ways (a decimal dot or a thousands dot): pass --decimal-comma if commas mark decimals in this file';
    decimal = after === 3 && validGroups(number, '.') ? null : '.';
  } else decimal = null;

  // Without a decimal separator, the separator written is the thousands one (`1.234.567`, `24.000` with --decimal-comma).
  const group = decimal === ',' || decimalComma === true ? '.' : decimal === '.' ? ',' : lastDot !== -1 ? '.' : ',';
  const at = decimal === null ? -1 : number.lastIndexOf(decimal);
  const wholePart = at === -1 ? number : number.slice(0, at);
  const fraction = at === -1 ? '' : number.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return notAnAmount;
  if (wholePart.includes(group) && !validGroups(wholePart, group)) return notAnAmount;
  const whole = wholePart.split(group).join('');
  return /^\d*$/.test(whole) ? [whole, fraction] : notAnAmount;
}

/** `1,234,567`: one to three digits, then groups of exactly three. */
function validGroups(number: string, separator: string): boolean {
  const parts = number.split(separator);
  return parts[0]!.length >= 1 && parts[0]!.length <= 3 && parts.slice(1).every((p) => p.length === 3 && /^\d+$/.test(p));
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
