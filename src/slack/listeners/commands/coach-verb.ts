import type { RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { TPersonRow } from '../../../../db/repositories/people';
import type { TCoachCommand } from '../../../domain/command-text';
import type { TSlackContext } from '../../context';

/** What a `/coach` verb handler gets: the parsed verb, the person asking, and ways to answer. */
export type TCoachVerbArgs<V extends TCoachCommand['verb']> = {
  ctx: TSlackContext;
  me: TPersonRow;
  parsed: Extract<TCoachCommand, { verb: V }>;
  command: SlackCommandMiddlewareArgs['command'];
  respond: RespondFn;
  client: WebClient;
  /** The app's own bot user (Bolt's context), when known. */
  botUserId?: string;
};
