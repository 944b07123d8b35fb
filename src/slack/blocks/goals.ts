import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { escapeText, truncate } from './escape';
import { context, divider, formatMoney, header, section } from './format';
import { chunkLines, fitFallbackText, fitMessage, fitView } from './limits';

export const GOAL_AGREE_ACTION = 'goal_agree';
export const GOAL_ADJUST_ACTION = 'goal_adjust';
export const GOAL_ADJUST_VIEW = 'goal_adjust';
export const GOAL_TARGET_BLOCK = 'goal_target';
export const GOAL_TARGET_INPUT = 'target';
export const GOAL_NOTE_BLOCK = 'goal_note';
export const GOAL_NOTE_INPUT = 'note';
export const GOAL_NOTE_MAX = 500;

/** The value of the Agree / Adjust buttons. */
export const ZGoalButtonValue = z.object({ goalId: z.number().int().positive() });
/** The adjust modal's `private_metadata`: the goal, and the manager's message to update once agreed. */
export const ZGoalAdjustMetadata = z.object({
  goalId: z.number().int().positive(),
  // Empty when Slack sent no container (then there is no message to update).
  channel: z.string().max(40),
  messageTs: z.string().max(40),
});
export type TGoalAdjustMetadata = z.infer<typeof ZGoalAdjustMetadata>;

export type TGoalLine = {
  metric: 'deals_won' | 'revenue';
  target: number;
  status: 'proposed' | 'agreed' | 'declined';
  quarter: string;
  agreedByName: string | null;
};
export type TQuarterView = { label: string; start: string; end: string };
export type TGoalsOverview = {
  quarter: TQuarterView;
  goals: TGoalLine[];
  managerName: string | null;
  /** Set when someone other than the person looks (`/coach goals @rep`). */
  ownerName?: string;
  /** Only for managers: each rep's goals for the quarter. */
  team?: { slackUserId: string; name: string; goals: TGoalLine[] }[];
};
export type TRendered = { blocks: KnownBlock[]; text: string };

const USAGE = 'Propose one: `/coach goals 8 deals` or `/coach goals $120k`';
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** '8 deals won', '1 deal won', '$120k revenue'. */
export function goalPhrase(goal: Pick<TGoalLine, 'metric' | 'target'>): string {
  if (goal.metric === 'revenue') return `${formatMoney(goal.target)} revenue`;
  return `${goal.target.toLocaleString('en-US')} ${goal.target === 1 ? 'deal' : 'deals'} won`;
}

/** A target as the adjust modal shows it, exact so it reads back unchanged: '8', '$1,234,567'. */
export function goalInputValue(goal: Pick<TGoalLine, 'metric' | 'target'>): string {
  if (goal.metric === 'deals_won') return String(goal.target);
  return `$${(goal.target / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** `/coach goals`: the person's goals for the quarter, how to propose one, and (for a manager) the team's. */
export function renderGoalsOverview(view: TGoalsOverview): TRendered {
  const { quarter } = view;
  const lines = view.goals.map((goal) => `${goal.status === 'agreed' ? ':white_check_mark:' : ':hourglass_flowing_sand:'} ${ownLine(goal, view.managerName)}`);
  const whose = view.ownerName === undefined ? 'Your goals' : `${truncate(view.ownerName || 'Their', 80)}'s goals`;
  const how = view.ownerName === undefined
    ? `${USAGE} — your manager agrees it, and the agreed goal sets your weekly expectations.`
    : "Set their goal with `/coach goals @rep 8 deals` — it's agreed at once and they get a DM.";
  const blocks: KnownBlock[] = [
    header(`${whose} · ${quarter.label}`),
    section(lines.length > 0 ? lines.join('\n') : `No goal for ${quarter.label} yet.`),
    context(`${how} ${quarter.label} runs ${rangeText(quarter)}.`),
  ];
  const own = view.goals.map((goal) => `${goalPhrase(goal)} (${goal.status})`);
  let text = `${plain(whose)} for ${quarter.label}: ${own.length > 0 ? own.join(', ') : 'none yet'}`;
  if (view.team) {
    blocks.push(divider(), section(`*Your team's goals · ${quarter.label}*`));
    const teamLines = view.team.map((rep) => `${who(rep)} — ${rep.goals.length > 0 ? rep.goals.map(teamGoal).join(' · ') : 'no goal yet'}`);
    if (teamLines.length === 0) blocks.push(section('No reps on your team yet — add them with `/coach team add @rep`.'));
    else blocks.push(...chunkLines(teamLines).map(section));
    blocks.push(context("Set a rep's goal: `/coach goals @rep 8 deals` — it's agreed at once and they get a DM."));
    const agreed = view.team.filter((rep) => rep.goals.some((g) => g.status === 'agreed')).length;
    text += ` · team: ${agreed} of ${view.team.length} with an agreed goal`;
  }
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

/** The manager's DM: the rep's proposal with Agree and Adjust buttons. */
export function renderGoalProposal(view: { goalId: number; repName: string; goal: TGoalLine }): TRendered {
  const value = JSON.stringify({ goalId: view.goalId });
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: 'goal_decision',
    elements: [
      { type: 'button', action_id: GOAL_AGREE_ACTION, text: { type: 'plain_text', text: 'Agree' }, style: 'primary', value },
      { type: 'button', action_id: GOAL_ADJUST_ACTION, text: { type: 'plain_text', text: 'Adjust' }, value },
    ],
  };
  const blocks: KnownBlock[] = [
    section(`*${name(view.repName)}* proposes a goal for *${view.goal.quarter}*: *${goalPhrase(view.goal)}*.`),
    actions,
    context('Agree to make it their goal for the quarter, or Adjust the target. The agreed goal sets their weekly activity expectations.'),
  ];
  const text = `${plain(view.repName)} proposes a goal for ${view.goal.quarter}: ${goalPhrase(view.goal)}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

/** What the manager's proposal message becomes once agreed or adjusted (no buttons left). */
export function renderGoalDecided(view: { repName: string; deciderName: string; goal: TGoalLine; previousTarget: number; note?: string }): TRendered {
  const adjusted = view.previousTarget !== view.goal.target;
  const verb = adjusted ? 'Adjusted' : 'Agreed';
  const was = adjusted ? ` (proposed: ${goalPhrase({ ...view.goal, target: view.previousTarget })})` : '';
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: ${verb} ✓ by *${name(view.deciderName)}* — ${name(view.repName)}'s goal for ${view.goal.quarter} is *${goalPhrase(view.goal)}*${was}.`),
  ];
  if (view.note) blocks.push(section(`*Your note:*\n${noteText(view.note)}`));
  blocks.push(context(`${name(view.repName)} has been told. Their expectations follow the goal from the next update.`));
  const text = `${verb} ✓ by ${plain(view.deciderName)} — ${plain(view.repName)}'s goal for ${view.goal.quarter}: ${goalPhrase(view.goal)}${was}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}

/** The rep's DM when their goal is agreed (as proposed or adjusted) or set by their manager. */
export function renderGoalNotice(view: { kind: 'agreed' | 'set'; byName: string; goal: TGoalLine; previousTarget?: number; note?: string }): TRendered {
  const phrase = goalPhrase(view.goal);
  const previous = view.kind === 'agreed' && view.previousTarget !== undefined && view.previousTarget !== view.goal.target ? view.previousTarget : undefined;
  const sentence = (by: string, bold: (t: string) => string) => {
    if (view.kind === 'set') return `${bold(by)} set your goal for ${view.goal.quarter}: ${bold(phrase)}.`;
    if (previous === undefined) return `${bold(by)} agreed your goal for ${view.goal.quarter}: ${bold(phrase)}.`;
    return `${bold(by)} adjusted your goal for ${view.goal.quarter} to ${bold(phrase)} (you proposed ${goalPhrase({ ...view.goal, target: previous })}).`;
  };
  const blocks: KnownBlock[] = [section(sentence(name(view.byName), (t) => `*${t}*`))];
  if (view.note) blocks.push(section(`*Note from ${name(view.byName)}:*\n${noteText(view.note)}`));
  const next = view.kind === 'set' ? 'Think it should be different? Propose yours with `/coach goals 8 deals` and talk it over at your next 1:1. ' : '';
  blocks.push(context(`${next}Your weekly expectations follow this goal. See your goals any time with \`/coach goals\`.`));
  return { blocks: fitMessage(blocks), text: fitFallbackText(sentence(plain(view.byName), (t) => t)) };
}

/** The adjust modal: the target (prefilled) and an optional note to the rep. */
export function renderAdjustGoalModal(view: { repName: string; goal: TGoalLine; metadata: TGoalAdjustMetadata }): ModalView {
  const isRevenue = view.goal.metric === 'revenue';
  const firstName = truncate((view.repName.trim().split(/\s+/)[0] ?? '') || 'the rep', 40);
  const blocks: KnownBlock[] = [
    section(`*${name(view.repName)}* proposed *${goalPhrase(view.goal)}* for ${view.goal.quarter}. Change the target and add a note if you like — they get both.`),
    {
      type: 'input',
      block_id: GOAL_TARGET_BLOCK,
      label: { type: 'plain_text', text: isRevenue ? `Revenue for ${view.goal.quarter}` : `Deals won in ${view.goal.quarter}` },
      hint: { type: 'plain_text', text: isRevenue ? 'An amount from $1 to $100M, e.g. $150k or $1.2m.' : 'A whole number from 1 to 1,000.' },
      element: { type: 'plain_text_input', action_id: GOAL_TARGET_INPUT, initial_value: goalInputValue(view.goal), max_length: 40 },
    },
    {
      type: 'input',
      block_id: GOAL_NOTE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: `Note to ${firstName}` },
      element: { type: 'plain_text_input', action_id: GOAL_NOTE_INPUT, multiline: true, max_length: GOAL_NOTE_MAX },
    },
  ];
  return {
    type: 'modal',
    callback_id: GOAL_ADJUST_VIEW,
    private_metadata: JSON.stringify(view.metadata),
    title: { type: 'plain_text', text: 'Adjust goal' },
    submit: { type: 'plain_text', text: 'Agree' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: fitView(blocks),
  };
}

function ownLine(goal: TGoalLine, managerName: string | null): string {
  const phrase = `*${goalPhrase(goal)}*`;
  if (goal.status === 'agreed') return `${phrase} — agreed${goal.agreedByName ? ` by ${name(goal.agreedByName)}` : ''}`;
  if (managerName) return `${phrase} — proposed, waiting for ${name(managerName)} to agree`;
  return `${phrase} — proposed; no manager is set in Canopy, so an admin can agree it`;
}

function teamGoal(goal: TGoalLine): string {
  return goal.status === 'agreed' ? `:white_check_mark: ${goalPhrase(goal)}` : `:hourglass_flowing_sand: ${goalPhrase(goal)} proposed`;
}

function who(rep: { slackUserId: string; name: string }): string {
  // The mention is ours, built from an id we checked (an ephemeral reply notifies nobody).
  return SLACK_USER_ID.test(rep.slackUserId) ? `<@${rep.slackUserId}>` : `*${name(rep.name)}*`;
}

function name(text: string): string {
  return truncate(escapeText(text || 'Someone'), 80);
}

/** A name for a plain-text fallback: no markup characters at all, so nothing can be read as a mention. */
function plain(text: string): string {
  return truncate((text || 'Someone').replace(/[<>&]/g, ''), 80).replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/** User text as a block quote, escaped. */
function noteText(note: string): string {
  return truncate(escapeText(note.trim()), GOAL_NOTE_MAX + 200)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function rangeText(quarter: TQuarterView): string {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toFormat('LLL d');
  return `${day(quarter.start)} – ${day(quarter.end)}`;
}

