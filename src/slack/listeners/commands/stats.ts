import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseStatsArgs } from '../../../domain/command-text';
import { findViewableRep } from '../../../services/teams/find-viewable-rep';
import { getRepDeals } from '../../../services/stats/get-rep-deals';
import { getRepStats } from '../../../services/stats/get-rep-stats';
import { renderRepDeals } from '../../blocks/deals';
import { renderRepStats } from '../../blocks/rep-stats';
import { personFor, type TSlackContext } from '../../context';
import { respondError } from '../../respond-error';

const NOT_YOURS = "I can only show a rep's numbers to them, their manager and admins — and you're none of those for this person.";

/** `/stats [period] [@rep] [deals]`: a rep's own numbers or deals; someone else's only for their manager or an admin. */
export function statsCommand(ctx: TSlackContext) {
  return async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    try {
      const args = parseStatsArgs(command.text);
      if (!args.ok) return void (await respond({ response_type: 'ephemeral', text: args.message }));
      const viewer = await personFor(ctx, client, command.team_id, command.user_id);
      const rep = findViewableRep(ctx.db, viewer, args.repUserId);
      if (!rep) return void (await respond({ response_type: 'ephemeral', text: NOT_YOURS }));
      const isSelf = rep.id === viewer.id;
      if (ctx.statsPool) {
        const showTargets = args.showTargets === true;
        const job = { repPersonId: rep.id, isSelf, showTargets, period: args.period, nowMs: ctx.now().getTime(), responseUrl: command.response_url, ...(args.deals ? { deals: args.deals } : {}) };
        return void (await ctx.statsPool.answer(job));
      }
      if (args.deals) {
        const deals = getRepDeals(ctx.db, rep, ctx.now(), { viewerIsRep: isSelf, ...args.deals });
        return void (await respond({ response_type: 'ephemeral', ...renderRepDeals(deals) }));
      }
      const { stats, stages, coaching } = getRepStats(ctx.db, rep, args.period, ctx.now());
      await respond({ response_type: 'ephemeral', ...renderRepStats({ personName: rep.name, isSelf, stats, stages, coaching, showTargets: args.showTargets === true }) });
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
