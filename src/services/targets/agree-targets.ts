import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { decide, type TTargetsDecision } from './target-rules';

/** The manager agrees a proposed set of targets as it stands. Agreeing twice changes nothing. */
export async function agreeTargets(db: TDb, agreer: TPersonRow, setId: number, now: Date): Promise<TTargetsDecision> {
  return decide(db, agreer, setId, now);
}
