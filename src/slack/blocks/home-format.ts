import type { Button } from '@slack/types';
import { escapeText, truncate } from './escape';
import { chunkLines as chunkSectionLines, MAX_SECTION_TEXT } from './limits';

/** Room left in each Home tab section, so whole lines are never cut by the section limit. */
export const HOME_SECTION_BUDGET = MAX_SECTION_TEXT - 100;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** A plain button. */
export function homeButton(actionId: string, text: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text } };
}

/** A person as a mention built from an id we checked (a Home tab notifies nobody), else their escaped name. */
export function who(person: { slackUserId: string; name: string }): string {
  return SLACK_USER_ID.test(person.slackUserId) ? `<@${person.slackUserId}>` : `*${displayName(person.name)}*`;
}

/** A user-typed name, escaped and kept short. */
export function displayName(text: string, max = 80): string {
  return truncate(escapeText(text || 'there'), max);
}

/** A sparkline inside a code span (it only ever holds bar characters; a backtick could not close it). */
export function sparkSpan(sparkline: string): string {
  const bars = sparkline.replace(/`/g, '');
  return bars ? `\`${bars}\`` : '';
}

/** '45%'. */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** Lines grouped into Home-tab sections, never splitting a line. */
export function chunkLines(lines: readonly string[], budget = HOME_SECTION_BUDGET): string[] {
  return chunkSectionLines(lines, budget);
}

/** At most `max` whole lines that fit one section, then '…and N more' for the rest. */
export function fitLines(lines: readonly string[], max: number, budget = HOME_SECTION_BUDGET - 40): string {
  const shown: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, max)) {
    const fitted = shown.length === 0 ? truncate(line, budget) : line;
    if (length + fitted.length + 1 > budget) break;
    shown.push(fitted);
    length += fitted.length + 1;
  }
  if (lines.length > shown.length) shown.push(`_…and ${lines.length - shown.length} more_`);
  return shown.join('\n');
}
