import type { Button, KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { TActionItemView, TAgendaView, TOneOnOneSummary } from './view-models/one-on-ones';
import { escapeText, truncate } from './escape';
import { context, header, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';

/** Opens the "add an agenda item" modal; value `{"oneOnOneId":N}`. Used by the rep's reminder and the Home tab. */
export const AGENDA_ADD_OPEN_ACTION = 'agenda_add_open';
/** Ticks an action item done or open; value `{"itemId":N,"done":true}`. */
export const ACTION_ITEM_DONE_ACTION = 'action_item_done';

export const ZAgendaButtonValue = z.object({ oneOnOneId: z.number().int().positive() });
export const ZActionItemButtonValue = z.object({ itemId: z.number().int().positive(), done: z.boolean() });

export type TRendered = { blocks: KnownBlock[]; text: string };

const ITEM_TEXT_MAX = 280;
const SECTION_BUDGET = MAX_SECTION_TEXT - 100;

const mention = (person: { slackUserId: string; name: string }) => (/^[UW][A-Z0-9]+$/.test(person.slackUserId) ? `<@${person.slackUserId}>` : escapeText(person.name));

/** The button that opens the agenda modal for a 1:1. */
export function agendaButton(oneOnOneId: number, label = 'Add agenda item'): Button {
  return { type: 'button', action_id: AGENDA_ADD_OPEN_ACTION, text: { type: 'plain_text', text: label }, value: JSON.stringify({ oneOnOneId }) };
}

/** The manager's confirmation of `/coach 1on1 @rep …`. */
export function renderScheduled(summary: TOneOnOneSummary, changed: boolean): TRendered {
  const verb = changed ? 'Changed' : 'Scheduled';
  const line = `${verb}: your 1:1 with ${mention(summary.other)}, ${escapeText(summary.scheduleText)}. Next: *${summary.nextText}*.`;
  return {
    blocks: [section(line), context("You'll get a brief in a DM before each one (`/coach settings` sets how long before). They've been told, in their own time zone.")],
    text: escapeText(`${verb}: 1:1 with ${summary.other.name}, ${summary.scheduleText}. Next: ${summary.nextText}.`),
  };
}

/** The rep's DM when their manager schedules or changes their 1:1: the same meeting, in the rep's zone. */
export function renderScheduledForRep(summary: TOneOnOneSummary, changed: boolean): TRendered {
  const what = changed ? 'moved your 1:1 to' : 'set up a 1:1 with you,';
  const line = `${mention(summary.other)} ${what} ${escapeText(summary.scheduleText)}. Your next one: *${summary.nextText}* (your time).`;
  return {
    blocks: [section(line), { type: 'actions', elements: [agendaButton(summary.id)] }, context('Anything you want to talk about? Add it any time with `/coach agenda <text>` — it goes on the next 1:1.')],
    text: escapeText(`${summary.other.name} ${what} ${summary.scheduleText}. Your next one: ${summary.nextText} (your time).`),
  };
}

/** `/coach 1on1` without arguments: the person's 1:1s, soonest first. */
export function renderOneOnOneList(summaries: readonly TOneOnOneSummary[], isManager: boolean): TRendered {
  const how = isManager ? 'Schedule one with `/coach 1on1 @rep weekly tue 10:00` (or `biweekly`, `monthly` — the first such weekday of each month — `monthly last fri`, any weekday, `10am`); cancel with `/coach 1on1 cancel @rep`.' : 'Your manager schedules 1:1s; add topics with `/coach agenda <text>`.';
  if (summaries.length === 0) return { blocks: [section(`No 1:1s scheduled. ${how}`)], text: 'No 1:1s scheduled.' };
  const lines = summaries.map((s) => `• ${s.role === 'manager' ? 'With' : 'With your manager'} ${mention(s.other)} — ${escapeText(s.scheduleText)}; next *${s.nextText}*`);
  return {
    blocks: fitMessage([header('Your 1:1s'), section(truncate(lines.join('\n'), SECTION_BUDGET)), context(how)]),
    text: fitFallbackText(escapeText(`Your 1:1s: ${summaries.map((s) => `${s.other.name}, next ${s.nextText}`).join('; ')}`)),
  };
}

/** An agenda item's line, escaped and shortened. */
export function agendaLine(item: { text: string; authorName: string; mine: boolean }): string {
  return `• ${escapeText(truncate(item.text.replace(/\s+/g, ' '), ITEM_TEXT_MAX))} _(${item.mine ? 'you' : escapeText(truncate(item.authorName, 60))})_`;
}

/** `/coach agenda …`: the next 1:1 and what is on its agenda. */
export function renderAgenda(view: TAgendaView, added: boolean): TRendered {
  const { oneOnOne, items } = view;
  const title = `${added ? 'Added. ' : ''}Agenda for your 1:1 with ${mention(oneOnOne.other)} on *${oneOnOne.nextText}*:`;
  const lines = items.length > 0 ? items.map(agendaLine).join('\n') : '_Nothing yet._';
  return {
    blocks: fitMessage([section(title), section(truncate(lines, SECTION_BUDGET)), { type: 'actions', elements: [agendaButton(oneOnOne.id)] }, context('Add with `/coach agenda <text>`. Both of you see this agenda; it goes into the brief.')]),
    text: fitFallbackText(escapeText(`${added ? 'Added. ' : ''}Agenda for your 1:1 with ${oneOnOne.other.name} on ${oneOnOne.nextText}: ${items.length} item${items.length === 1 ? '' : 's'}`)),
  };
}

/** One action item with its Done / Reopen button. */
export function actionItemBlock(item: TActionItemView): KnownBlock {
  const due = item.dueDate ? ` · due ${item.dueDate}` : '';
  const text = `${item.done ? ':white_check_mark: ~' : ':white_square: '}${escapeText(truncate(item.text.replace(/\s+/g, ' '), ITEM_TEXT_MAX))}${item.done ? '~' : ''}\n_${escapeText(truncate(item.ownerName, 60))}${due}_`;
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'button',
      action_id: ACTION_ITEM_DONE_ACTION,
      text: { type: 'plain_text', text: item.done ? 'Reopen' : 'Done' },
      value: JSON.stringify({ itemId: item.id, done: !item.done }),
    },
  };
}

/** The rep's DM after the manager logged a meeting: the shared action items, each with a Done button. */
export function renderActionItemsNotice(input: { managerName: string; managerSlackUserId: string; startsText: string; items: readonly TActionItemView[] }): TRendered {
  const mine = input.items.filter((item) => item.owner === 'rep').length;
  const intro = `Action items from your 1:1 with ${mention({ slackUserId: input.managerSlackUserId, name: input.managerName })} (${input.startsText}) — ${mine} for you. Tick them off here when they're done:`;
  const shown = input.items.slice(0, 45);
  const blocks: KnownBlock[] = [section(intro), ...shown.map(actionItemBlock)];
  if (input.items.length > shown.length) blocks.push(context(`…and ${input.items.length - shown.length} more on your Home tab.`));
  return {
    blocks: fitMessage(blocks),
    text: fitFallbackText(escapeText(`Action items from your 1:1 with ${input.managerName}: ${input.items.map((i) => i.text).join('; ')}`)),
  };
}

/** Redraws a message of action items after a tick; `intro` is the message's first section, kept as it was. */
export function renderActionItemsUpdate(intro: string, items: readonly TActionItemView[]): TRendered {
  const open = items.filter((item) => !item.done).length;
  return {
    blocks: fitMessage([section(intro), ...items.slice(0, 45).map(actionItemBlock), context(open === 0 ? 'All done. :tada:' : `${open} still open.`)]),
    text: `Action items: ${open} open of ${items.length}.`,
  };
}
