import type { Button, HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { THomeTeamOneOnOne, THomeView } from '../../services/get-home';
import { escapeText, truncate } from './escape';
import { context, divider, header, mrkdwn, section } from './format';
import { fitView, MAX_SECTION_TEXT } from './limits';
import { actionItemBlock, agendaButton, agendaLine } from './one-on-ones';
import { blocksToPlainText } from './plain-text';

/** Opens the settings modal. */
export const HOME_SETTINGS_ACTION = 'home_settings_open';
/** Opens the empty schedule modal. */
export const HOME_SCHEDULE_ACTION = 'home_schedule_open';
/** The menu of one of a manager's 1:1s; option value `{"op":"change"|"cancel","oneOnOneId":N}`. */
export const HOME_ONE_ON_ONE_MENU_ACTION = 'home_one_on_one_menu';

export const ZOneOnOneMenuValue = z.object({ op: z.enum(['change', 'cancel']), oneOnOneId: z.number().int().positive() });
export type TOneOnOneMenuValue = z.infer<typeof ZOneOnOneMenuValue>;

// Caps that keep the whole tab far below Slack's 100 blocks: 3 + 4 + 13 + 43 at most.
export const HOME_AGENDA_MAX = 15;
export const HOME_ACTION_ITEMS_MAX = 10;
export const HOME_ONE_ON_ONES_MAX = 40;

const SECTION_BUDGET = MAX_SECTION_TEXT - 100;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** The Home tab: the viewer's next 1:1 and its agenda, their open action items and, for managers, the 1:1s they hold. */
export function renderHome(view: THomeView): HomeView {
  return { type: 'home', blocks: homeBlocks(view) };
}

/** The Home tab as terminal text (for `preview home` and the demo). */
export function renderHomePlainText(view: THomeView): string {
  return blocksToPlainText(homeBlocks(view));
}

function homeBlocks(view: THomeView): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header('Your Canopy'),
    context(`Hi ${name(view.name)} — your numbers any time with \`/stats\` (or \`/stats month\`, \`/stats quarter\`${view.isManager ? ', `/stats @rep`' : ''}).`),
    { type: 'actions', block_id: 'home_top', elements: [button(HOME_SETTINGS_ACTION, 'Settings')] },
    ...nextOneOnOneBlocks(view),
    ...actionItemBlocks(view),
    ...teamBlocks(view),
  ];
  return fitView(blocks);
}

/** A modal telling the person why a Home tab button did nothing (the Home tab has no thread to reply in). */
export function renderHomeProblemModal(message: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Canopy' },
    close: { type: 'plain_text', text: 'OK' },
    blocks: fitView([section(message)]),
  };
}

function nextOneOnOneBlocks(view: THomeView): KnownBlock[] {
  const next = view.nextOneOnOne;
  if (!next) {
    if (view.isManager) return [];
    return [divider(), section("*Your next 1:1*\nNo 1:1 scheduled yet — your manager sets it up in Canopy. Then you can add topics for it here.")];
  }
  const { summary, agenda } = next;
  const when = `*Your next 1:1*\nWith ${who(summary.other)} on *${summary.nextText}* (your time) · ${escapeText(summary.scheduleText)}`;
  const items = agenda.length > 0 ? `*Agenda*\n${fitLines(agenda.map(agendaLine), HOME_AGENDA_MAX)}` : '*Agenda*\n_Nothing yet — add what you want to talk about._';
  return [divider(), section(when), section(items), { type: 'actions', elements: [agendaButton(summary.id)] }];
}

function actionItemBlocks(view: THomeView): KnownBlock[] {
  const items = view.actionItems;
  if (items.length === 0) return [divider(), section('*Open action items*\n_None right now._')];
  const shown = items.slice(0, HOME_ACTION_ITEMS_MAX);
  const blocks: KnownBlock[] = [divider(), section(`*Open action items* (${items.length})`), ...shown.map(actionItemBlock)];
  if (items.length > shown.length) blocks.push(context(`…and ${items.length - shown.length} more. Tick off the ones above to see the rest.`));
  return blocks;
}

function teamBlocks(view: THomeView): KnownBlock[] {
  if (!view.team) return [];
  const held = view.team.oneOnOnes;
  const title: SectionBlock = { ...section('*Upcoming 1:1s*'), accessory: { ...button(HOME_SCHEDULE_ACTION, 'Schedule a 1:1'), style: 'primary' } };
  if (held.length === 0) {
    return [divider(), title, context('No 1:1s scheduled yet. Schedule one with the button, or `/coach 1on1 @rep weekly tue 10:00`.')];
  }
  const shown = held.slice(0, HOME_ONE_ON_ONES_MAX);
  const blocks: KnownBlock[] = [divider(), title, ...shown.map(teamLine)];
  if (held.length > shown.length) blocks.push(context(`…and ${held.length - shown.length} more — \`/coach 1on1\` lists them all.`));
  return blocks;
}

/** One compact line per 1:1, with a Change / Cancel menu. */
function teamLine({ summary, agendaCount }: THomeTeamOneOnOne): SectionBlock {
  const agenda = agendaCount === 0 ? 'no agenda items' : `${agendaCount} agenda item${agendaCount === 1 ? '' : 's'}`;
  const option = (op: TOneOnOneMenuValue['op'], text: string) => ({
    text: { type: 'plain_text' as const, text },
    value: JSON.stringify({ op, oneOnOneId: summary.id } satisfies TOneOnOneMenuValue),
  });
  return {
    type: 'section',
    text: mrkdwn(`${who(summary.other)} · next *${summary.nextText}* · ${escapeText(summary.scheduleText)} · ${agenda}`),
    accessory: { type: 'overflow', action_id: HOME_ONE_ON_ONE_MENU_ACTION, options: [option('change', 'Change time'), option('cancel', 'Cancel 1:1')] },
  };
}

/** At most `max` whole lines that fit one section, then '…and N more' for the rest. */
function fitLines(lines: readonly string[], max: number): string {
  const room = SECTION_BUDGET - 40;
  const shown: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, max)) {
    const fitted = shown.length === 0 ? truncate(line, room) : line;
    if (length + fitted.length + 1 > room) break;
    shown.push(fitted);
    length += fitted.length + 1;
  }
  if (lines.length > shown.length) shown.push(`_…and ${lines.length - shown.length} more_`);
  return shown.join('\n');
}

function button(actionId: string, text: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text } };
}

function who(person: { slackUserId: string; name: string }): string {
  // A mention built from an id we checked; a Home tab notifies nobody.
  return SLACK_USER_ID.test(person.slackUserId) ? `<@${person.slackUserId}>` : `*${name(person.name)}*`;
}

function name(text: string): string {
  return truncate(escapeText(text || 'there'), 80);
}
