import { DateTime } from 'luxon';
import { type TDb } from '../../../db/client';
import { listAgreedActivityTargets } from '../../../db/repositories/activity-targets';
import { agreedExpectations, type TExpectationLike } from '../../domain/coaching/agreed-targets';

/** Each rep's agreed targets as expectations (for the recompute), dated in the rep's own zone. */
export async function listAgreedExpectations(db: TDb, reps: readonly { id: number; tz: string }[]): Promise<Map<number, TExpectationLike[]>> {
  const rows = await listAgreedActivityTargets(db, reps.map((r) => r.id));
  const out = new Map<number, TExpectationLike[]>();
  for (const rep of reps) {
    const row = rows.get(rep.id);
    if (!row || row.agreedAt === null || row.targets.length === 0) continue;
    out.set(rep.id, agreedExpectations({
      id: row.id,
      targets: row.targets,
      proposedTargets: row.proposedTargets,
      proposedByRep: row.proposedById === row.personId,
      agreedByName: row.agreedByName ?? '',
      agreedAt: DateTime.fromJSDate(row.agreedAt, { zone: rep.tz }),
    }));
  }
  return out;
}
