/**
 * Plain text to pieces, and pieces to tokens, in one hand-written pass (the parser's hottest step, so no
 * regex split). A piece ends at a newline, `;`, `+`, a bullet (`•◦▪‣·`), `|`, `!`, `?`, a `,` that is not a
 * thousands separator ("$12,500"), an `&` that is not inside a word ("AT&T"), a `.` before a space, a
 * spaced dash, or the words "and", "then", "plus". Each token keeps the word as written (deal names are
 * echoed with the rep's capitalisation) and a key for lookups: lowercase, without surrounding punctuation.
 */

/** One piece of a message: its words, their keys (same length), and the trimmed text to echo back. */
export type TPiece = { words: string[]; keys: string[]; source: string };

export function isSpace(code: number): boolean {
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

const LETTER_RE = /[\p{L}\p{N}]/u;

/** Letters and digits of any script (surrogate halves, i.e. emoji and rarer scripts, are not). */
function isWordChar(code: number): boolean {
  const c = code | 32;
  if ((c >= 97 && c <= 122) || isDigit(code)) return true;
  return code > 127 && (code < 0xd800 || code > 0xdfff) && LETTER_RE.test(String.fromCharCode(code));
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

/** True when text[from..at) is only spaces and one or two digits: "1. 4 calls" is a list, not a sentence. */
function isListNumber(text: string, from: number, at: number): boolean {
  let i = from;
  while (i < at && isSpace(codeAt(text, i))) i++;
  const digits = at - i;
  return digits >= 1 && digits <= 2 && isDigit(codeAt(text, i)) && isDigit(codeAt(text, at - 1));
}

/**
 * How many characters of separator start at `i`, or 0 when none does. A separator that consumes a
 * leading space (" and", " -") leaves the following space to the next piece, which trims it.
 */
function separatorAt(text: string, i: number, pieceStart: number): number {
  const c = codeAt(text, i);
  switch (c) {
    case 10: case 59: case 43: case 8226: case 9702: case 9642: case 8227: case 183: case 124: case 33: case 63:
      return 1;
    case 38: // &
      return isWordChar(codeAt(text, i - 1)) && isWordChar(codeAt(text, i + 1)) ? 0 : 1;
    case 44: { // , unless a thousands separator
      const thousands =
        isDigit(codeAt(text, i - 1)) && isDigit(codeAt(text, i + 1)) && isDigit(codeAt(text, i + 2)) &&
        isDigit(codeAt(text, i + 3)) && !isDigit(codeAt(text, i + 4));
      return thousands ? 0 : 1;
    }
    case 46: { // . before a space or the end, unless it numbers a list item
      const next = codeAt(text, i + 1);
      if (!(i + 1 >= text.length || isSpace(next))) return 0;
      return isListNumber(text, pieceStart, i) ? 0 : 1;
    }
    case 32: case 9: {
      const n = codeAt(text, i + 1);
      const letter = n | 32;
      if (letter === 97 && spacedWordAt(text, i + 1, 'and')) return 4;
      if (letter === 116 && spacedWordAt(text, i + 1, 'then')) return 5;
      if (letter === 112 && spacedWordAt(text, i + 1, 'plus')) return 5;
      if (isDash(n)) {
        let j = i + 1;
        while (isDash(codeAt(text, j))) j++;
        if (isSpace(codeAt(text, j))) return j - i;
      }
      return 0;
    }
    default:
      return 0;
  }
}

/** Where a piece really starts: after spaces and a list marker ("- ", "* ", "• ", "1. ", "2) ", "> "). */
function pieceStartAfterBullet(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(codeAt(text, i))) i++;
  const first = codeAt(text, i);
  let j = i;
  if (isDash(first) || first === 42 || first === 62) {
    while (j < to && (isDash(codeAt(text, j)) || codeAt(text, j) === 42 || codeAt(text, j) === 62)) j++;
  } else if (isDigit(first)) {
    j++;
    if (isDigit(codeAt(text, j))) j++;
    const mark = codeAt(text, j);
    if (mark !== 46 && mark !== 41) return i;
    j++;
  } else {
    return i;
  }
  if (j >= to || !isSpace(codeAt(text, j))) return i;
  while (j < to && isSpace(codeAt(text, j))) j++;
  return j;
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

/** The piece text[from..to), or undefined when it has no letter or digit (":)", "---"). */
function readPiece(text: string, lower: string | undefined, from: number, to: number): TPiece | undefined {
  const start = pieceStartAfterBullet(text, from, to);
  let end = to;
  while (end > start && isSpace(codeAt(text, end - 1))) end--;
  if (end <= start) return undefined;
  const piece: TPiece = { words: [], keys: [], source: text.slice(start, end) };
  let hasWord = false;
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const tokenStart = i;
    let glued = false;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c > 32 && c < 127) {
        // Printable ASCII, the common case.
        if (c === 47 || c === 62) glued = true;
        else if (!hasWord && ((c | 32) >= 97 && (c | 32) <= 122 || (c >= 48 && c <= 57))) hasWord = true;
        i++;
        continue;
      }
      if (isSpace(c)) break;
      if (c === 8594 || c === 8658) glued = true;
      else if (!hasWord && isWordChar(c)) hasWord = true;
      i++;
    }
    if (i === tokenStart) continue;
    const word = text.slice(tokenStart, i);
    if (glued) pushGlued(piece, word);
    else pushToken(piece, word, lower === undefined ? word.toLowerCase() : lower.slice(tokenStart, i));
  }
  return hasWord ? piece : undefined;
}

/** The pieces of a plain (already decoded) message, tokenised; pieces without a letter or digit are dropped. */
export function lexPieces(text: string): TPiece[] {
  const lowered = text.toLowerCase();
  // Lowercasing may change the length ("İ"); then each word is lowercased on its own.
  const lower = lowered.length === text.length ? lowered : undefined;
  const pieces: TPiece[] = [];
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const letter = c | 32;
    // Letters and digits never separate: skip them without a call.
    if ((letter >= 97 && letter <= 122 && c !== 96) || (c >= 48 && c <= 57)) {
      i++;
      continue;
    }
    const length = separatorAt(text, i, from);
    if (length === 0) {
      i++;
      continue;
    }
    const piece = readPiece(text, lower, from, i);
    if (piece) pieces.push(piece);
    i += length;
    from = i;
  }
  const last = readPiece(text, lower, from, n);
  if (last) pieces.push(last);
  return pieces;
}

/** A deal name as written, without surrounding punctuation: "Acme Corp." -> "Acme Corp". */
export function trimName(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && (isEdgePunctuation(name.charCodeAt(start)) || name.charCodeAt(start) === 64)) start++;
  while (end > start && (isEdgePunctuation(name.charCodeAt(end - 1)) || name.charCodeAt(end - 1) === 45)) end--;
  return name.slice(start, end);
}

/** True when the text has a letter or digit. */
export function hasWordChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isWordChar(codeAt(text, i))) return true;
  return false;
}
