import type { RespondFn } from '@slack/bolt';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';

const SORRY = 'Something went wrong on my side, so that did not go through. Please try again in a minute.';

/** Users see a clear message, never a stack trace; unexpected errors are logged. */
export async function respondError(respond: RespondFn, error: unknown, logger: Logger): Promise<void> {
  const known = error instanceof AppError;
  if (!known) logger.error({ err: error }, 'command failed');
  await respond({ response_type: 'ephemeral', text: known ? error.message : SORRY }).catch((e: unknown) =>
    logger.warn({ err: e }, 'could not send the error reply'),
  );
}
