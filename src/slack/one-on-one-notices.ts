import type { WebClient } from '@slack/web-api';
import type { TScheduleResult } from '../services/one-on-ones/one-on-one-summary';
import { escapeText } from './blocks/escape';
import { renderActionItemsNotice, renderScheduledForRep } from './blocks/one-on-ones';
import type { TActionItemView } from './blocks/view-models/one-on-ones';
import type { TSlackContext } from './context';

/*
 * DMs that follow a person's own action (not unsolicited deliveries, so outside the nudge budget):
 * they are sent at once, and a failure is logged without undoing what was saved.
 */

/** Tells the rep about a new or changed 1:1, in their own time zone. */
export async function notifyRepOfSchedule(ctx: TSlackContext, client: WebClient, result: TScheduleResult): Promise<void> {
  await client.chat
    .postMessage({ channel: result.rep.slackUserId, unfurl_links: false, ...renderScheduledForRep(result.repSummary, result.changed) })
    .catch((error: unknown) => ctx.logger.warn({ err: error, repId: result.rep.id }, 'could not DM the rep about their 1:1'));
}

/** Tells the rep their recurring 1:1 was cancelled. */
export async function notifyRepOfCancel(ctx: TSlackContext, client: WebClient, input: { repSlackUserId: string; managerName: string; scheduleText: string }): Promise<void> {
  const text = `${escapeText(input.managerName || 'Your manager')} cancelled your recurring 1:1 (${escapeText(input.scheduleText)}).`;
  await client.chat
    .postMessage({ channel: input.repSlackUserId, text })
    .catch((error: unknown) => ctx.logger.warn({ err: error, rep: input.repSlackUserId }, 'could not tell the rep their 1:1 was cancelled'));
}

/** Sends the rep the action items of a meeting their manager just logged. */
export async function notifyRepOfActionItems(
  ctx: TSlackContext,
  client: WebClient,
  input: { repSlackUserId: string; managerName: string; managerSlackUserId: string; startsText: string; items: readonly TActionItemView[] },
): Promise<void> {
  if (input.items.length === 0) return;
  await client.chat
    .postMessage({ channel: input.repSlackUserId, unfurl_links: false, ...renderActionItemsNotice(input) })
    .catch((error: unknown) => ctx.logger.warn({ err: error, rep: input.repSlackUserId }, 'could not DM the rep their action items'));
}
