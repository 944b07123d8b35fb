/** Slack's message markup made plain, before the text is read. */

// `<https://x|label>`, `<@U123>`, `<!here>`, `<#C1|sales>`; the second branch catches a mention cut off
// by truncation, so it can never be read as a deal name.
const MARKUP_RE = /<([^<>]*)>|<[@!#][^\s<>]*/g;
const ENTITY_RE = /&(amp|lt|gt);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** What a piece of markup reads as: a link's label, or nothing for a mention (which is set aside). */
function markupText(whole: string, inner: string | undefined, mentions: string[]): string {
  const c = inner === undefined ? 0 : inner.charCodeAt(0);
  // Mentions, channels and special commands are never activities nor deals.
  if (inner === undefined || c === 64 || c === 33 || c === 35) {
    mentions.push(whole);
    return ' ';
  }
  const bar = inner.indexOf('|');
  const label = bar === -1 ? inner : inner.slice(bar + 1);
  return label.startsWith('mailto:') ? label.slice(7) : label;
}

function replaceEntity(_: string, name: string): string {
  return ENTITIES[name] ?? '';
}

// `:tada:`, `:+1:`, `:+1::skin-tone-2:`: a colon not after a letter or digit (so "10:30:45" is no emoji).
const EMOJI_RE = /(?<![A-Za-z0-9]):[a-z0-9_+-]+:/gi;
// `*bold*`, `_italic_`, `~strike~`: a marker opening after a non-word character and before a non-space,
// closing after a non-space and before a non-word character ("closed_won", "* 2 demos" are not styling).
const STYLE_RE = /(^|[^A-Za-z0-9*_~])([*_~])(?=[^\s*_~])([^\n]*?[^\s])\2(?![A-Za-z0-9])/g;

function isShortcodeChar(c: number): boolean {
  const letter = c | 32;
  return (letter >= 97 && letter <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 43 || c === 45;
}

/** True when the text has an emoji shortcode (":tada:"), read by hand: "yesterday: 5 calls" costs one look. */
function hasShortcode(text: string): boolean {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let j = colon + 1;
    while (j < text.length && isShortcodeChar(text.charCodeAt(j))) j++;
    if (j > colon + 1 && text.charCodeAt(j) === 58) return true;
  }
  return false;
}

/**
 * Slack text made plain: links become their labels, mentions are set aside (appended to `mentions`),
 * emoji shortcodes (":+1:") are dropped and text styling ("*Acme*", "_Acme_", "~Acme~") is unwrapped.
 * Each regex runs only when a cheap look finds its character.
 */
export function decodeSlackText(text: string, mentions: string[]): string {
  let plain = text;
  if (plain.indexOf('<') !== -1) {
    // A loop rather than replace(re, fn): no closure per call over `mentions`.
    let out = '';
    let last = 0;
    MARKUP_RE.lastIndex = 0;
    for (let m = MARKUP_RE.exec(plain); m !== null; m = MARKUP_RE.exec(plain)) {
      out += plain.slice(last, m.index) + markupText(m[0], m[1], mentions);
      last = MARKUP_RE.lastIndex;
    }
    plain = out + plain.slice(last);
  }
  if (plain.indexOf('&') !== -1) plain = plain.replace(ENTITY_RE, replaceEntity);
  if (hasShortcode(plain)) plain = plain.replace(EMOJI_RE, ' ');
  if (plain.indexOf('*') !== -1 || plain.indexOf('_') !== -1 || plain.indexOf('~') !== -1) plain = plain.replace(STYLE_RE, '$1$3');
  return plain;
}
