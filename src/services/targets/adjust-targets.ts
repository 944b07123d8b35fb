import { type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { parseTargets } from '../../domain/target-text';
import { decide, loadForDecision, type TTargetsDecision } from './target-rules';

/** The manager agrees a proposal with other targets, typed in the adjust modal (bad ones are a `bad_input` error). */
export async function adjustTargets(db: TDb, agreer: TPersonRow, setId: number, targetsText: string, now: Date): Promise<TTargetsDecision> {
  await loadForDecision(db, agreer, setId);
  const parsed = parseTargets(targetsText.split(/\s+/));
  if (!parsed.ok) throw new AppError('bad_input', parsed.message);
  return decide(db, agreer, setId, now, parsed.targets);
}
