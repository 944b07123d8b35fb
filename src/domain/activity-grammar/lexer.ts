/**
 * Plain text to pieces of tokens in one hand-written pass (the parser's hottest step, so no regex split).
 * A piece ends at a newline, `;`, `+`, a bullet (`•◦▪‣·`), `|`, `!`, `?`, a `,` that is not a thousands
 * separator ("$12,500"), an `&` that is not inside a word ("AT&T"), a `.` before a space, a spaced dash,
 * or the words "and", "then", "plus". Inside parentheses only a newline or `;` ends a piece, so that
 * "2 demos (Acme, Globex)" stays one piece. A list marker opening a piece ("- ", "* ", "1. ", "2) ", "> ") is
 * dropped. Each token keeps the word as written (deal names are echoed with the rep's capitalisation) and
 * a key for lookups: lowercase, without surrounding punctuation.
 */

/** One piece of a message: its words, their keys (same length), and the trimmed text to echo back. */
export type TPiece = { words: string[]; keys: string[]; source: string };

function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The character code at `i`, or 0 outside the text (out-of-range reads would make V8 deoptimise). */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiWordChar(code: number): boolean {
  const letter = code | 32;
  return (letter >= 97 && letter <= 122 && code !== 96 && code !== 64) || isDigit(code);
}

const LETTER_RE = /[\p{L}\p{N}]/u;

/** Letters and digits of any script (surrogate halves, i.e. emoji and rarer scripts, are not). */
function isWordChar(code: number): boolean {
  if (code < 128) return isAsciiWordChar(code);
  return (code < 0xd800 || code > 0xdfff) && LETTER_RE.test(String.fromCharCode(code));
}

function isEdgePunctuation(code: number): boolean {
  // . , ! ? ; : ( ) [ ] { } " ' ` and curly quotes
  return (
    code === 46 || code === 44 || code === 33 || code === 63 || code === 59 || code === 58 || code === 40 ||
    code === 41 || code === 91 || code === 93 || code === 123 || code === 125 || code === 34 || code === 39 ||
    code === 96 || code === 8216 || code === 8217 || code === 8220 || code === 8221
  );
}

function isDash(code: number): boolean {
  return code === 45 || code === 8211 || code === 8212;
}

/** True when `word` (lowercase ASCII) starts at `at` in any case and is followed by whitespace: " And " splits. */
function spacedWordAt(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((codeAt(text, at + k) | 32) !== word.charCodeAt(k)) return false;
  return isSpace(codeAt(text, at + word.length));
}

/** How many characters of a spaced separator (" and", " then", " plus", " -") start at the space `i`, or 0. */
function spacedSeparatorAt(text: string, i: number): number {
  const next = codeAt(text, i + 1);
  const letter = next | 32;
  if (letter === 97) return spacedWordAt(text, i + 1, 'and') ? 4 : 0;
  if (letter === 116) return spacedWordAt(text, i + 1, 'then') ? 5 : 0;
  if (letter === 112) return spacedWordAt(text, i + 1, 'plus') ? 5 : 0;
  if (!isDash(next)) return 0;
  let j = i + 1;
  while (isDash(codeAt(text, j))) j++;
  if (!isSpace(codeAt(text, j))) return 0;
  // "mon - wed 30 calls" is a day range, not two pieces.
  return weekdayBefore(text, i) && weekdayAfter(text, j + 1) ? 0 : j - i;
}

const WEEKDAY_WORDS: ReadonlySet<string> = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'weds', 'wednesday', 'thu', 'thur', 'thurs', 'thursday',
  'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
]);

/** True when the word ending just before the space at `i` is a weekday name (rare path: spaced dashes only). */
function weekdayBefore(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && isAsciiWordChar(codeAt(text, k - 1))) k--;
  return WEEKDAY_WORDS.has(text.slice(k, i).toLowerCase());
}

/** True when the word starting at `i` is a weekday name. */
function weekdayAfter(text: string, i: number): boolean {
  let k = i;
  while (isAsciiWordChar(codeAt(text, k))) k++;
  return WEEKDAY_WORDS.has(text.slice(i, k).toLowerCase());
}

/** True when punctuation `c` at `i` ends a piece (the spaced forms are handled at spaces). */
function endsPiece(text: string, c: number, i: number, tokenStart: number, firstToken: boolean): boolean {
  switch (c) {
    case 59: case 43: case 8226: case 9702: case 9642: case 8227: case 183: case 124: case 33: case 63:
      return true;
    case 38: // & unless inside a word: "AT&T"
      return !(isWordChar(codeAt(text, i - 1)) && isWordChar(codeAt(text, i + 1)));
    case 44: // , unless a thousands separator
      return !(
        isDigit(codeAt(text, i - 1)) && isDigit(codeAt(text, i + 1)) && isDigit(codeAt(text, i + 2)) &&
        isDigit(codeAt(text, i + 3)) && !isDigit(codeAt(text, i + 4))
      );
    case 46: { // . before a space or the end, unless it numbers a list item ("1. 4 calls")
      const next = codeAt(text, i + 1);
      if (next !== 0 && !isSpace(next)) return false;
      const digits = i - tokenStart;
      const listNumber = digits >= 1 && digits <= 2 && isDigit(codeAt(text, tokenStart)) && isDigit(codeAt(text, i - 1));
      return !(firstToken && listNumber);
    }
    default:
      return false;
  }
}

/** True when text[from..to) is a list marker: dashes, stars or ">" ("-", "**"), or "1." / "12)". */
function isListMarker(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (isDigit(first)) {
    const mark = text.charCodeAt(to - 1);
    return (mark === 46 || mark === 41) && to - from <= 3 && isDigit(text.charCodeAt(to - 2));
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isDash(c) && c !== 42 && c !== 62) return false;
  }
  return true;
}

// "w/Acme" -> "w/ Acme"; "Acme->demo" -> "Acme -> demo". Rare, so plain regexes on the flagged word only.
const GLUED_WITH_RE = /^w\/(?=\S)/i;
const GLUED_ARROW_RE = /(-->|->|=>|→|⇒|—>|–>)/;

function keyOf(lowerWord: string): string {
  let start = 0;
  let end = lowerWord.length;
  while (start < end && isEdgePunctuation(lowerWord.charCodeAt(start))) start++;
  while (end > start && isEdgePunctuation(lowerWord.charCodeAt(end - 1))) end--;
  return start === 0 && end === lowerWord.length ? lowerWord : lowerWord.slice(start, end);
}

function pushToken(piece: TPiece, word: string, lowerWord: string): void {
  const key = keyOf(lowerWord);
  if (!key) return;
  piece.words.push(word);
  piece.keys.push(key);
}

/** A word with a glued "w/" or arrow, pushed as separate tokens. */
function pushGlued(piece: TPiece, word: string): void {
  if (word.length <= 3 || !(GLUED_WITH_RE.test(word) || GLUED_ARROW_RE.test(word))) {
    pushToken(piece, word, word.toLowerCase());
    return;
  }
  const spaced = word.replace(GLUED_WITH_RE, 'w/ ').split(GLUED_ARROW_RE).join(' ');
  for (const part of spaced.split(' ')) if (part) pushToken(piece, part, part.toLowerCase());
}

/** The state of the pass: the piece being built and where its text starts and ends. */
type TLexState = {
  text: string;
  pieces: TPiece[];
  piece: TPiece | undefined;
  sourceFrom: number;
  sourceTo: number;
  hasWord: boolean;
  /** How many parentheses are open in the piece. */
  depth: number;
};

/**
 * Ends the token text[from..to). `cased` says it has a capital or a non-ASCII character: only then is it
 * lowercased for its key; most tokens ("4", "calls", "with") are their own key, one string for both.
 */
function endToken(state: TLexState, from: number, to: number, glued: boolean, spaceAfter: boolean, cased: boolean): void {
  const text = state.text;
  // A list marker opening a piece is not a word of it.
  if (state.piece === undefined && spaceAfter && isListMarker(text, from, to)) return;
  const piece = state.piece ?? (state.piece = { words: [], keys: [], source: '' });
  if (piece.words.length === 0) state.sourceFrom = from;
  state.sourceTo = to;
  const word = text.slice(from, to);
  if (glued) pushGlued(piece, word);
  else pushToken(piece, word, cased ? word.toLowerCase() : word);
}

function endPiece(state: TLexState): void {
  const piece = state.piece;
  state.piece = undefined;
  state.depth = 0;
  if (piece === undefined || !state.hasWord || piece.keys.length === 0) {
    state.hasWord = false;
    return;
  }
  state.hasWord = false;
  piece.source = state.text.slice(state.sourceFrom, state.sourceTo);
  state.pieces.push(piece);
}

/** The pieces of a plain (already decoded) message, tokenised; pieces without a letter or digit are dropped. */
export function lexPieces(text: string): TPiece[] {
  const state: TLexState = {
    text,
    pieces: [],
    piece: undefined,
    sourceFrom: 0,
    sourceTo: 0,
    hasWord: false,
    depth: 0,
  };
  const n = text.length;
  let tokenStart = -1;
  let glued = false;
  let cased = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiWordChar(c)) {
      // The common case: a letter or digit extends the current token.
      if (tokenStart < 0) tokenStart = i;
      if (c <= 90 && c >= 65) cased = true;
      state.hasWord = true;
      continue;
    }
    if (isSpace(c)) {
      if (tokenStart >= 0) endToken(state, tokenStart, i, glued, true, cased);
      tokenStart = -1;
      glued = false;
      cased = false;
      const spaced = c === 10 ? 1 : (c === 32 || c === 9) && state.depth === 0 ? spacedSeparatorAt(text, i) : 0;
      if (spaced > 0) {
        endPiece(state);
        i += spaced - 1;
      }
      continue;
    }
    if (c === 40) state.depth++;
    else if (c === 41 && state.depth > 0) state.depth--;
    else if (state.depth > 0 ? c === 59 : endsPiece(text, c, i, tokenStart < 0 ? i : tokenStart, state.piece === undefined)) {
      if (tokenStart >= 0) endToken(state, tokenStart, i, glued, false, cased);
      tokenStart = -1;
      glued = false;
      cased = false;
      endPiece(state);
      continue;
    }
    if (tokenStart < 0) tokenStart = i;
    if (c >= 128) cased = true;
    if (c === 47 || c === 62 || c === 8594 || c === 8658) glued = true;
    else if (c >= 128 && !state.hasWord && isWordChar(c)) state.hasWord = true;
  }
  if (tokenStart >= 0) endToken(state, tokenStart, n, glued, false, cased);
  endPiece(state);
  return state.pieces;
}

/** A deal name as written, without surrounding punctuation: "Acme Corp." -> "Acme Corp". */
export function trimName(name: string): string {
  let start = 0;
  let end = name.length;
  // Whitespace too: stripping a leading '@' of "@@ Acme" leaves the space that joined the words.
  while (start < end && (isEdgePunctuation(name.charCodeAt(start)) || name.charCodeAt(start) === 64 || isSpace(name.charCodeAt(start)))) start++;
  while (end > start && (isEdgePunctuation(name.charCodeAt(end - 1)) || name.charCodeAt(end - 1) === 45 || isSpace(name.charCodeAt(end - 1)))) end--;
  return name.slice(start, end);
}

/** True when the text has a letter or digit. */
export function hasWordChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isWordChar(text.charCodeAt(i))) return true;
  return false;
}
