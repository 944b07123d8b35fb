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

/** Slack text made plain: links become their labels, mentions are set aside (appended to `mentions`). */
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
  return plain;
}
