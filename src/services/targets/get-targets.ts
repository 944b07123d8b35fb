import { type TDb } from '../../../db/client';
import { listLiveActivityTargets } from '../../../db/repositories/activity-targets';
import { findLatestTierSnapshot, listExpectationsAt } from '../../../db/repositories/coaching-snapshots';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { withAgreedTargets, type TExpectationLike } from '../../domain/coaching/agreed-targets';
import { DEFAULT_COACHING_CONFIG } from '../../domain/coaching/inputs';
import type { TTier } from '../../domain/coaching/tiers';
import { listAgreedExpectations } from './agreed-expectations';
import { summarize, type TTargetsSummary } from './target-rules';

/** One target that counts now, with the sentence on how it was found. */
export type TCurrentTarget = { type: TExpectationLike['type']; per: TExpectationLike['per']; amount: number; text: string; source: 'agreed' | 'engine' };

/**
 * `/coach targets`: the targets that count now — the agreed ones (as agreed, even before the nightly
 * update) and the engine's latest for the other types, at most three — plus the agreed set and any proposal.
 */
export async function getTargets(db: TDb, person: TPersonRow, now: Date) {
  const snapshot = await findLatestTierSnapshot(db, person.id, now);
  // The snapshot's own agreed rows may be older than the agreed set: those come from the table instead.
  const engine: TExpectationLike[] = snapshot
    ? (await listExpectationsAt(db, person.id, snapshot.computedAt))
        .filter((row) => row.derivation.basis !== 'agreed')
        .map((row) => ({ type: row.activityType, per: row.per, amount: row.amount, derivation: row.derivation }))
    : [];
  const agreedNow = (await listAgreedExpectations(db, [person])).get(person.id) ?? [];
  const current: TCurrentTarget[] = withAgreedTargets(engine, agreedNow, DEFAULT_COACHING_CONFIG.maxExpectations).map((e) => ({
    type: e.type,
    per: e.per,
    amount: e.amount,
    text: typeof e.derivation.text === 'string' ? e.derivation.text : '',
    source: e.derivation.basis === 'agreed' ? 'agreed' : 'engine',
  }));
  const live = await listLiveActivityTargets(db, person.id);
  const find = async (status: 'agreed' | 'proposed'): Promise<TTargetsSummary | null> => {
    const row = live.find((s) => s.status === status);
    return row ? summarize(db, row) : null;
  };
  const manager = person.managerId === null ? null : ((await findPersonById(db, person.managerId)) ?? null);
  const tier: TTier | null = snapshot?.tier ?? null;
  return { current, agreed: await find('agreed'), proposed: await find('proposed'), tier, managerName: manager?.name ?? null };
}
