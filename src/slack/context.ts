import type { WebClient } from '@slack/web-api';
import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import type { Logger } from '../logger';
import { resolvePerson } from '../services/people/resolve-person';
import type { TStatsPool } from './offload/stats-pool';
import { slackProfileSource } from './profiles';

/**
 * What every listener needs: storage, logging and the clock (injectable so tests and `--now` can fix
 * it). `statsPool` answers `/stats` off the main thread; without one (an in-memory database) it is
 * answered in-process. `statsAckBudgetMs` is how long `/stats` may wait to answer in the ack (tests set 0 to
 * take the response_url path).
 */
export type TSlackContext = { db: TDb; logger: Logger; now: () => Date; statsPool?: TStatsPool; statsAckBudgetMs?: number };

/** The Canopy person behind a Slack user, created from `users.info` on first sight. */
export function personFor(ctx: TSlackContext, client: WebClient, workspaceId: string, slackUserId: string): Promise<TPersonRow> {
  return resolvePerson(ctx.db, slackProfileSource(client), workspaceId, slackUserId, ctx.now(), (error) =>
    ctx.logger.warn({ err: error, slackUserId }, 'profile refresh failed'),
  );
}
