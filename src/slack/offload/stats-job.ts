import { z } from 'zod';
import { PERIOD_NAMES } from '../../domain/periods';

/** What the main thread hands a stats thread: ids, never a token. */
export const ZStatsJob = z.object({
  id: z.number().int(),
  repPersonId: z.number().int(),
  isSelf: z.boolean(),
  showTargets: z.boolean(),
  period: z.enum(PERIOD_NAMES),
  /** `/stats [period] deals`: the deals view instead of the activity one (`period` only when one was typed). */
  deals: z.object({ period: z.enum(PERIOD_NAMES).optional() }).optional(),
  nowMs: z.number(),
});
export type TStatsJob = z.infer<typeof ZStatsJob>;


/** `json` is the message serialised on the thread: a string crosses threads as one copy, and goes into the ack as it is. */
export type TStatsJobResult = { id: number; ok: true; json: string } | { id: number; ok: false; error: string };
