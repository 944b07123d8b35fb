import type { TDb } from '../../../db/client';
import { findFocusAt, findLatestTierSnapshot, findTierBefore, listExpectationsAt } from '../../../db/repositories/coaching-snapshots';
import { type TActivityType } from '../../domain/types';
import { TRepCoaching, ZDetails, ZDerivation, ZEvidence, ZFocusReason, KNOWN_TYPES } from './coaching-rows';

/** The rep's latest coaching snapshot at or before `now`, or null before the first recompute. */
export async function getRepCoaching(db: TDb, personId: number, now: Date): Promise<TRepCoaching | null> {
  const snapshot = await findLatestTierSnapshot(db, personId, now);
  if (!snapshot) return null;
  const { computedAt } = snapshot;
  const details = ZDetails.parse(snapshot.details ?? {});
  const expectations: TRepCoaching['expectations'] = [];
  // Per-month targets (a need under one a week) are kept apart: shown as "a month", never paced as "1 a week".
  const monthly: TRepCoaching['monthly'] = [];
  // The snapshot's parts, read together (on PostgreSQL, parallel round trips on the pool).
  const [expectationRows, focusRow, previousTier] = await Promise.all([
    listExpectationsAt(db, personId, computedAt),
    findFocusAt(db, personId, computedAt),
    findTierBefore(db, personId, computedAt),
  ]);
  for (const row of expectationRows) {
    if (!KNOWN_TYPES.has(row.activityType)) continue;
    const derivation = ZDerivation.parse(row.derivation ?? {});
    const weeklyAmount = derivation.weeklyAmount ?? (row.per === 'week' ? row.amount : row.amount * 5);
    const target = { type: row.activityType as TActivityType, amount: row.amount, weeklyAmount, derivationText: derivation.text };
    if (row.per === 'month') monthly.push({ ...target, per: 'month' });
    else expectations.push({ ...target, per: row.per });
  }
  const focus = focusRow
    ? {
        stage: focusRow.stage,
        toStage: focusRow.toStage,
        reasonCode: ZFocusReason.parse(focusRow.reasonCode),
        expectedGain: focusRow.expectedGain,
        evidence: ZEvidence.parse(focusRow.evidence ?? {}),
      }
    : null;
  return {
    computedAt,
    tier: {
      tier: snapshot.tier,
      reasonCode: snapshot.reasonCode,
      reasonText: snapshot.reasonText,
      changed: details.changed,
      previousTier,
      teamContext: details.teamContext,
    },
    expectations,
    monthly,
    focus,
  };
}
