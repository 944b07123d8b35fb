import type { KnownBlock } from '@slack/types';
import type { TUnsolicitedBudget } from '../../domain/delivery-rules';
import { escapeText, truncate } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import { agendaButton } from './one-on-ones';

/** The rep's reminder, the working day before a 1:1, to put topics on its agenda. */
export type TAgendaReminderView = {
  oneOnOneId: number;
  manager: { slackUserId: string; name: string };
  /** The meeting in the rep's own zone, e.g. 'Tue 1 Dec, 10:00'. */
  meetingText: string;
  /** What is on the agenda already (both sides), oldest first. */
  items: { text: string; authorName: string; mine: boolean }[];
  /** The rep's unsolicited-message budget this reminder counts toward. */
  budget: TUnsolicitedBudget;
};

const ITEM_TEXT_MAX = 280;
const ITEMS_BUDGET = MAX_SECTION_TEXT - 200;

const mention = (person: { slackUserId: string; name: string }) => (/^[UW][A-Z0-9]+$/.test(person.slackUserId) ? `<@${person.slackUserId}>` : escapeText(person.name));

/** Pure: the reminder's blocks and its plain-text fallback. */
export function renderAgendaReminder(view: TAgendaReminderView): { text: string; blocks: KnownBlock[] } {
  const intro = `Your 1:1 with ${mention(view.manager)} is *${escapeText(view.meetingText)}*. Anything you want to talk about? Add it with \`/coach agenda &lt;text&gt;\` or the button.`;
  const blocks: KnownBlock[] = [section(intro), { type: 'actions', elements: [agendaButton(view.oneOnOneId, 'Add agenda item')] }];
  if (view.items.length > 0) {
    const lines = view.items.map((item) => `• ${escapeText(truncate(item.text.replace(/\s+/g, ' ').trim(), ITEM_TEXT_MAX))} — _${item.mine ? 'you' : escapeText(item.authorName)}_`);
    blocks.push(section(`*On the agenda so far*\n${truncate(lines.join('\n'), ITEMS_BUDGET)}`));
  }
  blocks.push(context(`${whySent(view.budget)} Tune when they come (your working days and hours) with \`/coach settings\`.`));
  const itemsText = view.items.length > 0 ? ` On the agenda so far: ${view.items.map((i) => i.text).join('; ')}.` : '';
  return {
    blocks: fitMessage(blocks),
    text: fitFallbackText(escapeText(`Your 1:1 with ${view.manager.name} is ${view.meetingText}. Anything you want to talk about? Add it with /coach agenda <text>.${itemsText}`)),
  };
}

/** Every unsolicited message says why it came (SPEC §2). */
function whySent(budget: TUnsolicitedBudget): string {
  const cap = budget.max === 1 ? 'one unsolicited message' : `${budget.max} unsolicited messages`;
  return `Sent the working day before each 1:1 so it covers what matters to you; it counts toward your ${cap} a ${budget.per} (digest and check-ins included).`;
}
