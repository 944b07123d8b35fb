/**
 * From a Slack message to pieces and tokens: markup and entities decoded, the text split at separators,
 * and each piece split into words (as written, for echoing deal names) and keys (for lookups).
 */

// `<https://x|label>`, `<@U123>`, `<!here>`, `<#C1|sales>`; the second branch catches a mention cut off
// by truncation, so it can never be read as a deal name.
const MARKUP_RE = /<([^<>]*)>|<[@!#][^\s<>]*/g;
const ENTITY_RE = /&(amp|lt|gt);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** Slack text made plain: links become their labels, mentions are set aside (returned in `mentions`). */
export function decodeSlackText(text: string, mentions: string[]): string {
  let plain = text;
  if (plain.indexOf('<') !== -1) {
    plain = plain.replace(MARKUP_RE, (whole: string, inner: string | undefined) => {
      const c = inner === undefined ? 0 : inner.charCodeAt(0);
      // Mentions, channels and special commands are never activities nor deals.
      if (inner === undefined || c === 64 || c === 33 || c === 35) {
        mentions.push(whole);
        return ' ';
      }
      const bar = inner.indexOf('|');
      const label = bar === -1 ? inner : inner.slice(bar + 1);
      return label.startsWith('mailto:') ? label.slice(7) : label;
    });
  }
  if (plain.indexOf('&') !== -1) plain = plain.replace(ENTITY_RE, (_: string, name: string) => ENTITIES[name] ?? '');
  return plain;
}

/**
 * Where one piece ends and the next begins: newlines, `,` (not a thousands separator: "$12,500"), `;`,
 * `+`, `&` (not inside a word: "AT&T"), bullets, `|`, `!`, `?`, a sentence-ending `.`, a spaced dash,
 * and the words "and", "then", "plus".
 */
const SEPARATOR_RE =
  /\r?\n|[;+•◦▪‣·|!?]|(?<![\p{L}\p{N}])&|&(?![\p{L}\p{N}])|(?<!\d),|,(?!\d{3}(?!\d))|\.(?=\s|$)|\s(?:and|then|plus)(?=\s)|\s[-–—]+(?=\s)/iu;
const SEPARATOR_GLOBAL = new RegExp(SEPARATOR_RE.source, 'giu');

// A list marker at the start of a piece: "- ", "* ", "1. ", "2) ", a quote mark "> ".
const BULLET_RE = /^(?:[-*–—>]+|\d{1,2}[.)])\s+/;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;

/** The trimmed, non-empty pieces of a text, bullets removed; pieces without a letter or digit are dropped. */
export function splitPieces(text: string): string[] {
  const raw = text.split(SEPARATOR_GLOBAL);
  const pieces: string[] = [];
  for (const part of raw) {
    let piece = part.trim();
    if (!piece) continue;
    const c = piece.charCodeAt(0);
    if (c === 45 || c === 42 || c === 8211 || c === 8212 || c === 62 || (c >= 48 && c <= 57)) piece = piece.replace(BULLET_RE, '');
    if (piece && HAS_WORD_RE.test(piece)) pieces.push(piece);
  }
  return pieces;
}

// "w/Acme" -> "w/ Acme"; "Acme->demo" -> "Acme -> demo": so each is its own token.
const GLUED_WITH_RE = /\bw\/(?=\S)/gi;
const GLUED_ARROW_RE = /\s*(-->|->|=>|→|⇒|—>|–>)\s*/g;

/** Spaces out the short forms people glue to words. */
export function unglue(piece: string): string {
  let text = piece;
  if (text.indexOf('/') !== -1) text = text.replace(GLUED_WITH_RE, 'w/ ');
  if (text.indexOf('>') !== -1 || text.indexOf('→') !== -1 || text.indexOf('⇒') !== -1) text = text.replace(GLUED_ARROW_RE, ' $1 ');
  return text.trim();
}

const WHITESPACE_RE = /\s+/;

function isEdgePunctuation(code: number): boolean {
  // . , ! ? ; : ( ) [ ] { } " ' ` and curly quotes
  return (
    code === 46 || code === 44 || code === 33 || code === 63 || code === 59 || code === 58 || code === 40 ||
    code === 41 || code === 91 || code === 93 || code === 123 || code === 125 || code === 34 || code === 39 ||
    code === 96 || code === 8216 || code === 8217 || code === 8220 || code === 8221
  );
}

/** A word as a lookup key: lowercase, without surrounding punctuation ("Calls," -> "calls"). */
function toKey(lower: string): string {
  let start = 0;
  let end = lower.length;
  while (start < end && isEdgePunctuation(lower.charCodeAt(start))) start++;
  while (end > start && isEdgePunctuation(lower.charCodeAt(end - 1))) end--;
  return start === 0 && end === lower.length ? lower : lower.slice(start, end);
}

/** The words of a piece as written and as keys, same length; words that are only punctuation are dropped. */
export function tokenize(piece: string): { words: string[]; keys: string[] } {
  const words = piece.split(WHITESPACE_RE);
  const lowers = piece.toLowerCase().split(WHITESPACE_RE);
  const keys: string[] = [];
  let dropped = false;
  for (let i = 0; i < words.length; i++) {
    const key = toKey(lowers[i] ?? '');
    keys.push(key);
    if (!key) dropped = true;
  }
  if (!dropped && lowers.length === words.length) return { words, keys };
  const keptWords: string[] = [];
  const keptKeys: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const key = keys[i] ?? '';
    if (!key) continue;
    keptWords.push(words[i] ?? '');
    keptKeys.push(key);
  }
  return { words: keptWords, keys: keptKeys };
}

/** A deal name as written, without surrounding punctuation: "Acme Corp." -> "Acme Corp". */
export function trimName(name: string): string {
  let start = 0;
  let end = name.length;
  while (start < end && (isEdgePunctuation(name.charCodeAt(start)) || name.charCodeAt(start) === 64)) start++;
  while (end > start && (isEdgePunctuation(name.charCodeAt(end - 1)) || name.charCodeAt(end - 1) === 45)) end--;
  return name.slice(start, end);
}
