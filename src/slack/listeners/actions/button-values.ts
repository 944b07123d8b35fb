import type { RespondFn } from '@slack/bolt';
import type { z } from 'zod';
import { AppError } from '../../../domain/errors';
import type { Logger } from '../../../logger';

const NOT_RECOGNISED = "That button doesn't carry anything I recognise — nothing was changed.";
const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';

/** A button's JSON value read through its schema; anything else (not JSON, a wrong shape) is one clear refusal. */
export function buttonValue<T>(value: string | undefined, schema: z.ZodType<T>, refusal = NOT_RECOGNISED): T {
  try {
    const parsed = schema.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: same answer as a wrong shape.
  }
  throw new AppError('bad_input', refusal);
}

/** A refusal goes to the clicker alone, leaving the original message (and its buttons) as it was. */
export async function refuseClick(respond: RespondFn, error: unknown, logger: Logger, what: string): Promise<void> {
  const known = error instanceof AppError;
  if (!known) logger.error({ err: error }, `${what} failed`);
  const text = known ? error.message : SORRY;
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((e: unknown) => logger.warn({ err: e }, 'could not send the refusal'));
}
