import type { ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { TActivityType } from '../../domain/types';

const NOUNS: Readonly<Record<TActivityType, [singular: string, plural: string]>> = {
  call: ['call', 'calls'],
  email: ['email', 'emails'],
  meeting: ['meeting', 'meetings'],
  demo: ['demo', 'demos'],
  proposal: ['proposal', 'proposals'],
  social: ['social touch', 'social touches'],
  other: ['other activity', 'other activities'],
};

/** The noun for `count` activities of a type: 'call' / 'calls', 'social touch' / 'social touches'. */
export function activityNoun(type: TActivityType, count: number): string {
  const [singular, plural] = NOUNS[type];
  return count === 1 ? singular : plural;
}

/** '4 calls', '1 email', '3 social touches', '1 other activity'. */
export function pluralizeActivity(type: TActivityType, count: number): string {
  return `${count.toLocaleString('en-US')} ${activityNoun(type, count)}`;
}

/** 'a', 'a and b', 'a, b and c'. */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Money for people: '$24k' and '$1.2M' for round or large amounts, exact '$12,500' or '$99.50' otherwise. */
export function formatMoney(cents: number): string {
  if (!Number.isFinite(cents)) return '$0';
  const sign = cents < 0 ? '-' : '';
  const dollars = Math.abs(cents) / 100;
  if (dollars >= 1_000_000) return `${sign}$${trimZero((dollars / 1_000_000).toFixed(1))}M`;
  if (dollars >= 100_000 || (dollars >= 1_000 && dollars % 1_000 === 0)) {
    const thousands = Math.round(dollars / 1_000);
    // $999,600 rounds to 1000k: say $1M instead.
    return thousands >= 1_000 ? `${sign}$1M` : `${sign}$${thousands}k`;
  }
  if (dollars >= 1_000 || Number.isInteger(dollars)) return `${sign}$${Math.round(dollars).toLocaleString('en-US')}`;
  return `${sign}$${dollars.toFixed(2)}`;
}

function trimZero(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

// Block builders. mrkdwn is `verbatim` so Slack never auto-links or auto-mentions inside our text:
// every link or mention we mean is written explicitly as `<…>`.

/** A mrkdwn text object, verbatim. */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A header block (plain text). */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text, emoji: true } };
}

/** A mrkdwn section block. */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A context block of mrkdwn elements. */
export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

/** A divider block. */
export function divider(): DividerBlock {
  return { type: 'divider' };
}
