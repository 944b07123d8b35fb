import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { recordUninstall } from '../../../services/installations/record-uninstall';
import type { TSlackContext } from '../../context';

// Only what decides the outcome; `event_time` is when Slack says it happened (seconds), not when it reached us.
const ZEnvelope = z.object({ event_time: z.number().int().positive().optional().catch(undefined) });
const ZTokensRevoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional().catch(undefined) }).catch({}) });

type TArgs = (SlackEventMiddlewareArgs<'app_uninstalled'> | SlackEventMiddlewareArgs<'tokens_revoked'>) & AllMiddlewareArgs;

/**
 * `app_uninstalled`, and `tokens_revoked` when a bot token is among the revoked (SPEC §3): the workspace's (or org's)
 * tokens are deleted and nothing more is planned or sent there; its data stays for the retention period. Bolt skips
 * authorization for these two events (the tokens may already be gone), so they arrive whatever the store holds.
 * Revoked user tokens alone change nothing: Canopy sends with the bot token only.
 */
export function uninstalledEvent(ctx: TSlackContext) {
  return async ({ event, body, context }: TArgs) => {
    const kind = event.type;
    if (kind === 'tokens_revoked' && !(ZTokensRevoked.parse(event).tokens.bot?.length ?? 0)) {
      ctx.logger.info({ teamId: context.teamId, kind }, 'user tokens revoked; the bot token is untouched');
      return;
    }
    const at = ctx.now();
    const eventTime = ZEnvelope.parse(body).event_time;
    const result = await recordUninstall(ctx.db, {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall === true,
      eventTime: eventTime ? new Date(eventTime * 1000) : new Date(),
      at,
    });
    ctx.logger[result.outcome === 'uninstalled' ? 'warn' : 'info'](
      { teamId: context.teamId, enterpriseId: context.enterpriseId, kind, outcome: result.outcome, workspaceIds: result.workspaceIds },
      result.outcome === 'uninstalled' ? 'Canopy uninstalled: tokens deleted, deliveries stopped, data kept for the retention period' : 'uninstall event changed nothing',
    );
  };
}
