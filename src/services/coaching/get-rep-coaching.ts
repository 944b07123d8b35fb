import type { TDb } from '../../../db/client';
import { findFocusAt, findLatestTierSnapshot, findTierBefore, listExpectationsAt } from '../../../db/repositories/coaching-snapshots';
import { type TActivityType } from '../../domain/types';
import { TRepCoaching, ZDetails, ZDerivation, ZEvidence, ZFocusReason, KNOWN_TYPES } from './coaching-rows';

/** The rep's latest coaching snapshot at or before `now`, or null before the first recompute. */
export function getRepCoaching(db: TDb, personId: number, now: Date): TRepCoaching | null {
  const snapshot = findLatestTierSnapshot(db, personId, now);
  if (!snapshot) return null;
  const { computedAt } = snapshot;
  const details = ZDetails.parse(snapshot.details ?? {});
  const expectations = listExpectationsAt(db, personId, computedAt).flatMap((row) => {
    // Per-month targets (a need under one a week) wait for the surfaces that show them; never as "1 a week".
    if (!KNOWN_TYPES.has(row.activityType) || row.per === 'month') return [];
    const derivation = ZDerivation.parse(row.derivation ?? {});
    const weeklyAmount = derivation.weeklyAmount ?? (row.per === 'week' ? row.amount : row.amount * 5);
    return [{ type: row.activityType as TActivityType, per: row.per, amount: row.amount, weeklyAmount, derivationText: derivation.text }];
  });
  const focusRow = findFocusAt(db, personId, computedAt);
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
      previousTier: findTierBefore(db, personId, computedAt),
      teamContext: details.teamContext,
    },
    expectations,
    focus,
  };
}
