import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { parseStatsArgs } from '../../../domain/command-text';
import { findViewableRep } from '../../../services/teams/find-viewable-rep';
import { getRepDeals } from '../../../services/stats/get-rep-deals';
import { getRepStats } from '../../../services/stats/get-rep-stats';
import { renderRepDeals } from '../../blocks/deals';
import { renderRepStats } from '../../blocks/rep-stats';
import { personFor, type TSlackContext } from '../../context';
import { JsonBody } from '../../json-body';
import { errorReply } from '../../respond-error';

const NOT_YOURS = "I can only show a rep's numbers to them, their manager and admins — and you're none of those for this person.";

/** How long `/stats` may take to answer in the ack; Slack allows 3 s, and a later answer goes to the response_url. */
export const STATS_ACK_BUDGET_MS = 1000;

type TReply = RespondArguments & { response_type: 'ephemeral' };

/**
 * `/stats [period] [@rep] [deals]`: a rep's own numbers or deals; someone else's only for their manager or an admin.
 * The answer (or the refusal, or the error) goes in the ack when ready within the budget — one round trip instead
 * of an ack plus a response_url post — and otherwise to the response_url once ready.
 */
export function statsCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const reply = answer(ctx, client, command);
    const inTime = await withinBudget(reply, ctx.statsAckBudgetMs ?? STATS_ACK_BUDGET_MS);
    // The ack takes a JsonBody as it is (request-context.ts); a response_url post needs the object.
    if (inTime) return void (await ack(inTime as RespondArguments));
    await ack();
    const late = await reply;
    await respond(late instanceof JsonBody ? (late.parsed() as RespondArguments) : late).catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not send the /stats answer'));
  };
}

/** Never rejects: refusals and errors are answers too. */
async function answer(ctx: TSlackContext, client: WebClient, command: SlackCommandMiddlewareArgs['command']): Promise<TReply | JsonBody> {
  try {
    const args = parseStatsArgs(command.text);
    if (!args.ok) return { response_type: 'ephemeral', text: args.message };
    const viewer = await personFor(ctx, client, command.team_id, command.user_id);
    const rep = await findViewableRep(ctx.db, viewer, args.repUserId);
    if (!rep) return { response_type: 'ephemeral', text: NOT_YOURS };
    const isSelf = rep.id === viewer.id;
    const showTargets = args.showTargets === true;
    if (ctx.statsPool) {
      const job = { repPersonId: rep.id, isSelf, showTargets, period: args.period, nowMs: ctx.now().getTime(), ...(args.deals ? { deals: args.deals } : {}) };
      return JsonBody.ephemeral(await ctx.statsPool.answer(job));
    }
    if (args.deals) return { response_type: 'ephemeral', ...renderRepDeals(await getRepDeals(ctx.db, rep, ctx.now(), { viewerIsRep: isSelf, ...args.deals })) };
    const { stats, stages, coaching } = await getRepStats(ctx.db, rep, args.period, ctx.now());
    return { response_type: 'ephemeral', ...renderRepStats({ personName: rep.name, isSelf, stats, stages, coaching, showTargets }) };
  } catch (error) {
    return errorReply(error, ctx.logger);
  }
}

/** The reply if it is ready within `budgetMs`, else undefined; a budget of 0 never waits (the response_url path). */
async function withinBudget<T>(reply: Promise<T>, budgetMs: number): Promise<T | undefined> {
  if (budgetMs <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
  });
  try {
    return await Promise.race([reply, late]);
  } finally {
    clearTimeout(timer);
  }
}
