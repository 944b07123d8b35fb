import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { escapeText } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage } from './limits';
import type { TPersonRef, TTeamAddReplyView, TTeamRemovalReplyView, TTeamRequestOutcome, TTeamRequestView } from './view-models/team-consent';

export const TEAM_REQUEST_ACCEPT_ACTION = 'team_request_accept';
export const TEAM_REQUEST_DECLINE_ACTION = 'team_request_decline';
export const TEAM_REQUEST_BLOCK = 'team_request';

/** The value of the Accept / Decline buttons. */
export const ZTeamRequestButtonValue = z.object({ requestId: z.number().int().positive() });

/** SPEC §2 Privacy: exactly what a manager sees of a rep, and what they never see. */
export const WHAT_A_MANAGER_SEES =
  'your logged activity and its trend, your targets and goals, your pipeline (your deals and their stages) and your coaching (tier and focus area)';
export const WHAT_STAYS_PRIVATE =
  'Private 1:1 notes stay with whoever writes them, and no other rep sees your numbers (if your workspace turns the team leaderboard on, teammates see the names of deals you win — no amounts).';

type TRendered = { blocks: KnownBlock[]; text: string };

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
/** A mention built from an id we checked (in a DM it notifies nobody else), else the escaped name. */
const who = (p: TPersonRef) => (SLACK_USER_ID.test(p.slackUserId) ? `<@${p.slackUserId}>` : `*${escapeText(p.name || 'someone')}*`);
const list = (people: readonly TPersonRef[]) => people.map(who).join(', ');

/** The ephemeral reply to `/coach team add`: what changed, who was asked, what didn't and why. */
export function renderTeamAddReply(view: TTeamAddReplyView): { text: string } {
  const lines: string[] = [];
  const joined = view.added.filter((a) => a.from === null).map((a) => a.rep);
  const moved = view.added.filter((a) => a.from !== null);
  if (joined.length) lines.push(`:white_check_mark: Added to your team: ${list(joined)}. I've told them, and what you can see.`);
  for (const { rep, from } of moved) lines.push(`:arrows_counterclockwise: Moved ${who(rep)} to your team from ${who(from!)}'s. Both have been told.`);
  if (view.asked.length) {
    lines.push(`:envelope: Asked ${list(view.asked)} to join your team. ${view.asked.length === 1 ? 'They get' : 'Each gets'} a DM saying what you would see, to accept or decline — I'll tell you their answer.`);
  }
  if (view.notReached.length) lines.push(`:warning: I couldn't DM ${list(view.notReached)}, so nothing was asked. Try again in a while.`);
  if (view.pending.length) lines.push(`:hourglass_flowing_sand: Already asked, waiting for an answer: ${list(view.pending)}.`);
  if (view.already.length) lines.push(`Already on your team: ${list(view.already)}.`);
  for (const { person, why } of view.refused) lines.push(`:no_entry: Not added ${who(person)} — ${escapeText(why)}.`);
  lines.push('See everyone with `/coach team`; their numbers with `/stats @rep`.');
  return { text: fitFallbackText(lines.join('\n')) };
}

/** The reply to `/coach team remove`. */
export function renderTeamRemovalReply(view: TTeamRemovalReplyView): { text: string } {
  const lines: string[] = [];
  if (view.removed.length) lines.push(`Removed from your team: ${list(view.removed)}. They no longer show on your team, and you no longer see their numbers.`);
  if (view.withdrawn.length) lines.push(`Withdrew your unanswered request to ${list(view.withdrawn)}.`);
  if (view.notOnTeam.length) lines.push(`Not on your team, so nothing changed: ${list(view.notOnTeam)}.`);
  return { text: fitFallbackText(lines.join('\n') || 'Nothing changed.') };
}

/** The DM asking a rep to join a team: who asks, exactly what they would see, Accept / Decline. */
export function renderTeamRequest(view: TTeamRequestView): TRendered {
  const value = JSON.stringify({ requestId: view.requestId } satisfies z.infer<typeof ZTeamRequestButtonValue>);
  const move = view.from
    ? `\n:arrows_counterclockwise: You're on ${who(view.from)}'s team now. Accepting moves you: ${who(view.from)} would no longer see your numbers.`
    : '';
  const blocks: KnownBlock[] = [
    section(`*${who(view.asker)} asks to add you to their team in Canopy.*${move}`),
    section(`If you accept, ${who(view.asker)} can see ${WHAT_A_MANAGER_SEES} — as workspace admins already can. ${WHAT_STAYS_PRIVATE}`),
    {
      type: 'actions',
      block_id: TEAM_REQUEST_BLOCK,
      elements: [
        { type: 'button', action_id: TEAM_REQUEST_ACCEPT_ACTION, text: { type: 'plain_text', text: 'Accept' }, style: 'primary', value },
        { type: 'button', action_id: TEAM_REQUEST_DECLINE_ACTION, text: { type: 'plain_text', text: 'Decline' }, value },
      ],
    },
    context('Declining changes nothing; it only tells them you said no. Once on a team, your manager or an admin can take you off it.'),
  ];
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${plainName(view.asker)} asks to add you to their team in Canopy — Accept or Decline.`) };
}

/** What the request DM says once answered (its buttons gone), or why there was nothing to answer. */
export function renderTeamRequestOutcome(outcome: TTeamRequestOutcome): TRendered {
  let text: string;
  if (outcome.kind === 'accepted') {
    const left = outcome.from ? ` ${who(outcome.from)} no longer sees your numbers.` : '';
    text = `:white_check_mark: You joined ${who(outcome.asker)}'s team. They can now see ${WHAT_A_MANAGER_SEES}.${left} I've let them know.`;
  } else if (outcome.kind === 'declined') {
    text = `You declined — ${who(outcome.asker)} doesn't see your numbers. I've let them know, politely.`;
  } else {
    text = escapeText(outcome.why);
  }
  return { blocks: fitMessage([section(text)]), text: fitFallbackText(text) };
}

/** The asker's DM once the rep answered. */
export function renderAnswerForAsker(answer: { kind: 'accepted' | 'declined'; rep: TPersonRef }): TRendered {
  const text =
    answer.kind === 'accepted'
      ? `:white_check_mark: ${who(answer.rep)} accepted — they're on your team now. See the team with \`/coach team\`, their numbers with \`/stats @rep\`, and set up a 1:1 with \`/coach 1on1 @rep weekly tue 10:00\`.`
      : `${who(answer.rep)} declined your request to join your team, so nothing changed. Thanks for asking first.`;
  return { blocks: fitMessage([section(text)]), text: fitFallbackText(text) };
}

/** The rep's DM after an admin added them: who, and what that person now sees. */
export function renderAddedByAdmin(view: { admin: TPersonRef; from: TPersonRef | null }): TRendered {
  const left = view.from ? ` You were on ${who(view.from)}'s team; they no longer see your numbers.` : '';
  const text = `${who(view.admin)} (a workspace admin) added you to their team in Canopy. They can now see ${WHAT_A_MANAGER_SEES}.${left} ${WHAT_STAYS_PRIVATE} \`/coach help\` shows what I do.`;
  return { blocks: fitMessage([section(text)]), text: fitFallbackText(text) };
}

/** The DM to a manager whose rep moved to another team. */
export function renderRepLeft(view: { rep: TPersonRef; to: TPersonRef }): TRendered {
  const text = `${who(view.rep)} moved to ${who(view.to)}'s team in Canopy, so you no longer see their numbers or get briefs about them.`;
  return { blocks: fitMessage([section(text)]), text: fitFallbackText(text) };
}

function plainName(p: TPersonRef): string {
  return SLACK_USER_ID.test(p.slackUserId) ? `<@${p.slackUserId}>` : escapeText(p.name || 'Someone');
}
