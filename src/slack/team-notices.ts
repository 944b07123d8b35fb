import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { TPersonRow } from '../../db/repositories/people';
import { cancelTeamRequest } from '../services/teams/cancel-team-request';
import type { TTeamAnswer } from '../services/teams/answer-team-request';
import type { TTeamAdd } from '../services/teams/team-rules';
import { renderAddedByAdmin, renderAnswerForAsker, renderRepLeft, renderTeamRequest } from './blocks/team-consent';
import type { TPersonRef } from './blocks/view-models/team-consent';
import type { TSlackContext } from './context';
import { refreshHome } from './home';

/*
 * The DMs of team membership (SPEC §2 Team): nobody's numbers start reaching someone new without them
 * knowing. They follow a person's own action, so they are sent at once, outside the unsolicited budget.
 */

export const personRef = (p: TPersonRow): TPersonRef => ({ slackUserId: p.slackUserId, name: p.name });

/**
 * DMs each asked rep the request with Accept / Decline. A request whose DM fails is withdrawn (it would wait
 * unseen); those reps are returned so the asker is told.
 */
export async function sendTeamRequests(ctx: TSlackContext, client: WebClient, asker: TPersonRow, add: TTeamAdd): Promise<TPersonRow[]> {
  const notReached: TPersonRow[] = [];
  for (const { requestId, rep, from } of add.asked) {
    const message = renderTeamRequest({ requestId, asker: personRef(asker), from: from && personRef(from) });
    const sent = await client.chat.postMessage({ channel: rep.slackUserId, ...message }).then(
      () => true,
      (error: unknown) => (ctx.logger.warn({ err: error, rep: rep.slackUserId }, 'could not DM a team request'), false),
    );
    if (sent) continue;
    await cancelTeamRequest(ctx.db, requestId, 'the rep could not be sent a DM', ctx.now());
    notReached.push(rep);
  }
  return notReached;
}

/** An admin's add: each rep is told who added them and what they see; a manager who lost the rep is told too. */
export async function notifyAddedByAdmin(ctx: TSlackContext, client: WebClient, admin: TPersonRow, add: TTeamAdd): Promise<void> {
  for (const { rep, from } of add.added) {
    await dm(ctx, client, rep.slackUserId, renderAddedByAdmin({ admin: personRef(admin), from: from && personRef(from) }));
    if (from) await dm(ctx, client, from.slackUserId, renderRepLeft({ rep: personRef(rep), to: personRef(admin) }));
    refreshHome(ctx, client, rep.workspaceId, rep.slackUserId);
  }
  if (add.added.length) refreshHome(ctx, client, admin.workspaceId, admin.slackUserId);
}

/** The asker learns the rep's answer; on a move, the manager the rep left is told; Home tabs follow. */
export async function notifyTeamAnswer(ctx: TSlackContext, client: WebClient, answer: TTeamAnswer): Promise<void> {
  if (answer.kind === 'closed') return;
  const { manager, rep } = answer;
  await dm(ctx, client, manager.slackUserId, renderAnswerForAsker({ kind: answer.kind, rep: personRef(rep) }));
  if (answer.kind !== 'accepted') return;
  if (answer.from) {
    await dm(ctx, client, answer.from.slackUserId, renderRepLeft({ rep: personRef(rep), to: personRef(manager) }));
    refreshHome(ctx, client, rep.workspaceId, answer.from.slackUserId);
  }
  refreshHome(ctx, client, rep.workspaceId, rep.slackUserId);
  refreshHome(ctx, client, rep.workspaceId, manager.slackUserId);
}

async function dm(ctx: TSlackContext, client: WebClient, channel: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
  await client.chat
    .postMessage({ channel, ...message })
    .catch((error: unknown) => ctx.logger.warn({ err: error, channel }, 'could not send a team DM'));
}
