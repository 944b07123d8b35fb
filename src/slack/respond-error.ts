import type { RespondFn } from '@slack/bolt';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';

const SORRY = 'Something went wrong on my side, so that did not go through. Please try again in a minute.';

/** What a user sees for an error: a known one's message, never a stack trace; unexpected errors are logged. */
export function errorReply(error: unknown, logger: Logger): { response_type: 'ephemeral'; text: string } {
  const known = error instanceof AppError;
  if (!known) logger.error({ err: error }, 'command failed');
  return { response_type: 'ephemeral', text: known ? error.message : SORRY };
}

/** Users see a clear message, never a stack trace; unexpected errors are logged. */
export async function respondError(respond: RespondFn, error: unknown, logger: Logger): Promise<void> {
  await respond(errorReply(error, logger)).catch((e: unknown) => logger.warn({ err: e }, 'could not send the error reply'));
}
