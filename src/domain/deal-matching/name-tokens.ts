/**
 * How a deal name is compared (issue 12 §1): folded (case, accents, full-width forms), cut into word tokens
 * at anything that is not a letter, digit or mark, then stripped of company designators ("Acme, Inc." and
 * "ACME Corp" both read "acme"; "株式会社トヨタ" reads "トヨタ").
 */
export type TNameTokens = {
  /** Folded tokens, designators kept, joined by a space: "acme corp". */
  full: string;
  /** Folded tokens without designators, joined by a space: "acme". Empty only when the name has no letter or digit. */
  key: string;
  /** The key's tokens. */
  tokens: readonly string[];
  /** The first code unit of each token, for a quick "could any word begin like this?". */
  initials: string;
  /** A designator was dropped from the end ("Acme Inc"): the text says which company form it means. */
  suffixed: boolean;
};

/** Latin company designators, dropped from the end of a name while a word is left ("The Group" stays a name). */
const SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'cos', 'ltd', 'ltda', 'limited', 'llc', 'llp', 'lp',
  'plc', 'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv', 'nv', 'pty', 'oy', 'oyj', 'ab', 'as',
  'aps', 'kk', 'se', 'sro', 'group', 'holdings', 'holding',
]);
/** CJK designators, written without a space before or after the name; longest first. */
const CJK_AFFIXES = ['股份有限公司', '株式会社', '有限会社', '合同会社', '有限公司', '주식회사', '유한회사', '公司'];
/** "(株)", "㈱", "(주)" … leave a one-character word once the brackets are gone. */
const CJK_DESIGNATOR_WORDS = new Set(['株', '有', '주']);

const ASCII = /^[\x20-\x7e]*$/;
const LATIN_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’`´]/g;
// "S.A.", "U.S.A", "k.k.": single letters joined by dots are one word.
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu;
const WORDS = /[\p{L}\p{N}\p{M}]+/gu;

/** The name folded for comparison: lower case, Latin accents dropped, compatibility forms unified. */
function fold(name: string): string {
  let text = name;
  // NFKD splits accents off (and turns full-width and circled forms into plain ones); only the Latin,
  // Greek and Cyrillic accents are dropped, then NFC puts back the marks other scripts need (が stays が).
  if (!ASCII.test(text)) {
    text = text.normalize('NFKD').replace(LATIN_MARKS, '').normalize('NFC').toLowerCase();
    // Typed on a keyboard without them: "Işık" is "isik", "Straße" is "strasse". Greek final sigma is
    // sigma: lower-casing "ΕΛΛΆΣLTD" and "ΕλλάςLtd" must give one name.
    text = text.replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  } else {
    text = text.toLowerCase();
  }
  if (text.includes('.')) text = text.replace(DOTTED_INITIALS, (initials) => initials.replace(/\./g, ''));
  return text.replace(APOSTROPHES, '');
}

function isDesignator(word: string): boolean {
  return SUFFIXES.has(word) || CJK_DESIGNATOR_WORDS.has(word) || CJK_AFFIXES.includes(word);
}

/** Drops designators written into the first or last word ("株式会社トヨタ", "トヨタ株式会社"); true when one ended the name. */
function trimCjkAffixes(words: string[]): boolean {
  const first = words[0];
  const affixAtStart = first !== undefined && first.length > 1 ? CJK_AFFIXES.find((a) => first.length > a.length && first.startsWith(a)) : undefined;
  if (affixAtStart) words[0] = first!.slice(affixAtStart.length);
  const lastAt = words.length - 1;
  const last = words[lastAt];
  const affixAtEnd = last !== undefined && last.length > 1 ? CJK_AFFIXES.find((a) => last.length > a.length && last.endsWith(a)) : undefined;
  if (affixAtEnd) words[lastAt] = last!.slice(0, last!.length - affixAtEnd.length);
  return affixAtEnd !== undefined;
}

/** Splits and keys a deal name (or a name typed by a rep). Pure; see `dealNameKey`. */
export function nameTokens(name: string): TNameTokens {
  const words = fold(name).match(WORDS) ?? [];
  const full = words.join(' ');
  if (words.length === 0) return { full, key: '', tokens: [], initials: '', suffixed: false };
  let suffixed = !ASCII.test(full) && trimCjkAffixes(words);
  let start = 0;
  let end = words.length;
  while (end - start > 1 && isDesignator(words[end - 1]!)) {
    end--;
    // "Smith & Co", "Smith and Co Ltd": the "and" left dangling goes too.
    while (end - start > 1 && words[end - 1] === 'and') end--;
  }
  // Only "the" and the CJK designators lead a name: "AB InBev" or "SA Power" keep their first word.
  if (end - start > 1 && (words[start] === 'the' || CJK_DESIGNATOR_WORDS.has(words[start]!) || CJK_AFFIXES.includes(words[start]!))) start++;
  suffixed ||= end < words.length;
  const tokens = start === 0 && end === words.length ? words : words.slice(start, end);
  let initials = '';
  for (const token of tokens) initials += token[0];
  return { full, key: tokens.join(' '), tokens, initials, suffixed };
}
