import type { HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { THomeTeamOneOnOne, THomeView } from './view-models/home';
import { escapeText } from './escape';
import { context, divider, header, mrkdwn, section } from './format';
import { displayName, fitLines, homeButton as button, who } from './home-format';
import { teamWinsBlocks } from './home-leaderboard';
import { repDashboardBlocks, reviewsBlocks } from './home-rep';
import { teamRequestsBlocks } from './review-requests';
import { ownNumbersBlocks, teamByTierBlocks, workspaceBlocks } from './home-team';
import { fitView } from './limits';
import { logActivityButton } from './log-activity-modal';
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

// Caps that keep the whole tab below Slack's 100 blocks. A rep: about 25 blocks plus 4 + 13 for the 1:1
// and action items, and at most 10 for call reviews. A manager: 4 + team by tier (60 reps fit in ~12) + 43 + 4 + 13 + 3.
export const HOME_AGENDA_MAX = 15;
export const HOME_ACTION_ITEMS_MAX = 10;
export const HOME_ONE_ON_ONES_MAX = 40;

/**
 * The Home tab. A rep: their own dashboard, open action items and next 1:1. A manager (or admin): their
 * team by tier, the 1:1s they hold, their own 1:1 and action items; an admin also the workspace settings.
 */
export function renderHome(view: THomeView): HomeView & { blocks: KnownBlock[] } {
  return { type: 'home', blocks: homeBlocks(view) };
}

/** The Home tab as terminal text (for `preview home` and the demo). */
export function renderHomePlainText(view: THomeView): string {
  return blocksToPlainText(homeBlocks(view));
}

function homeBlocks(view: THomeView): KnownBlock[] {
  // Managers who sell too get the button once they log; everyone can still `/log` or DM.
  const logs = !view.isManager || view.ownNumbers !== undefined;
  const top: KnownBlock[] = [
    header('Your Canopy'),
    context(greeting(view)),
    { type: 'actions', block_id: 'home_top', elements: [...(logs ? [logActivityButton()] : []), button(HOME_SETTINGS_ACTION, 'Settings')] },
  ];
  if (!view.isManager) {
    return fitView([
      ...top,
      ...(view.dashboard ? repDashboardBlocks(view.dashboard) : []),
      ...reviewsBlocks(view.reviews),
      ...teamWinsBlocks(view),
      ...actionItemBlocks(view),
      ...nextOneOnOneBlocks(view),
      ...visibilityBlocks(view),
    ]);
  }
  return fitView([
    ...top,
    ...ownNumbersBlocks(view),
    ...teamByTierBlocks(view),
    ...teamRequestsBlocks(view.team?.reviewRequests),
    ...teamWinsBlocks(view),
    ...teamBlocks(view),
    ...nextOneOnOneBlocks(view),
    ...actionItemBlocks(view),
    // A manager with reviews of their own calls sees them; no hint otherwise (their Home is about the team).
    ...(view.reviews && view.reviews.recent.length + view.reviews.olderOpen.length + view.reviews.requests.length > 0 ? reviewsBlocks(view.reviews) : []),
    ...workspaceBlocks(view),
    ...(view.visibility?.manager ? visibilityBlocks(view) : []),
  ]);
}

/** SPEC §2 Privacy: who can see the person's numbers, by name. */
function visibilityBlocks(view: THomeView): KnownBlock[] {
  if (!view.visibility) return [];
  const { manager } = view.visibility;
  const who = manager ? `You, *${displayName(manager.name || 'your manager')}* (your manager) and workspace admins` : 'You and workspace admins';
  const asked = manager
    ? 'If you join another team, you get a DM to accept first.'
    : "If someone asks to add you to their team, you get a DM saying what they'd see, to accept or decline.";
  return [
    divider(),
    section(`*Who can see your numbers*\n${who} — nobody else. ${view.teamWins ? "Your team's leaderboard is on: teammates see the names of deals you win this quarter, never amounts or your numbers." : 'No other rep sees them.'} Private 1:1 notes stay with whoever writes them.`),
    context(asked),
  ];
}

function greeting(view: THomeView): string {
  if (view.isManager) return `Hi ${displayName(view.name)} — your team at a glance. Any rep's numbers with \`/stats @rep\`, yours with \`/stats\`.`;
  return `Hi ${displayName(view.name)} — your numbers, refreshed whenever you log something. Other periods: \`/stats\` (or \`/stats month\`, \`/stats quarter\`).`;
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
