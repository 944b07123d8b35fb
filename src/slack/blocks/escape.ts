/**
 * Escaping of user text for Slack mrkdwn. Slack's "Formatting text for app surfaces" guide
 * (Escaping text) names exactly three control characters: `&`, `<` and `>`. Escaping them means
 * user text can never open a `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<#C…>` or `<url|link>`.
 */

import { cutWhole } from '../../domain/text-cut';

const ELLIPSIS = '…';
// Bare words Slack may turn into broadcasts when text is parsed (e.g. a `text` fallback with parse=full):
// a zero-width space after the '@' keeps them readable and inert.
const BARE_BROADCAST = /@(channel|here|everyone)\b/gi;

/** Escapes `&`, `<`, `>` (and defuses bare `@channel`/`@here`/`@everyone`) so user text is shown, never interpreted. */
export function escapeText(userText: string): string {
  return userText
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BARE_BROADCAST, '@\u200B$1');
}

/**
 * User text for a plain_text label (a button): no mrkdwn is parsed there and entities would show as typed,
 * so the angle brackets that open Slack tokens become look-alikes instead of being escaped.
 */
export function plainLabel(userText: string, max: number): string {
  return truncate(userText.replace(/</g, '‹').replace(/>/g, '›').replace(BARE_BROADCAST, '@\u200B$1'), max);
}

/** User text as an inline code span: escaped, with backticks swapped for a look-alike so the span cannot be closed early. */
export function codeSpan(userText: string, max = 200): string {
  const inner = escapeText(userText.replace(/`/g, 'ˋ').replace(/\s+/g, ' ').trim());
  return `\`${truncate(inner, max) || ' '}\``;
}

/** Shortens text to at most `max` characters (ellipsis included), never splitting a surrogate pair, an `&…;` entity or a `<…>` token. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  // Do not leave half of a surrogate pair (emoji) behind.
  let head = cutWhole(text, max - ELLIPSIS.length);
  // Do not leave half of an escaped entity ('&am') or an open Slack token ('<@U12').
  const amp = head.lastIndexOf('&');
  if (amp !== -1 && amp > head.lastIndexOf(';') && head.length - amp <= 6) head = head.slice(0, amp);
  const open = head.lastIndexOf('<');
  if (open !== -1 && open > head.lastIndexOf('>')) head = head.slice(0, open);
  return `${head}${ELLIPSIS}`;
}

/**
 * A recording link as mrkdwn: `<url|label>` with the URL's `&`, `<`, `>` and `|` escaped (so it cannot end the token or
 * smuggle a label) and a short escaped label. Callers pass URLs already checked as http(s) (`checkRecordingLink`).
 */
export function recordingLink(url: string, label: string): string {
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeText(label.replace(/[|]/g, '¦'))}>`;
}
