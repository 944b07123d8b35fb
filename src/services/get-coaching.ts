import { z } from 'zod';
import type { TDb } from '../../db/client';
import { findFocusAt, findLatestTierSnapshot, findTierBefore, listExpectationsAt, listTeamReps } from '../../db/repositories/coaching-snapshots';
import { TIER_ORDER, type TTier } from '../domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../domain/types';

export type TRepCoaching = {
  computedAt: Date;
  tier: { tier: TTier; reasonCode: string; reasonText: string; changed: boolean /* changed at this run */; previousTier: TTier | null; };
  expectations: { type: TActivityType; per: 'day' | 'week'; amount: number; weeklyAmount: number; derivationText: string }[];
  focus: { stage: string; toStage: string | null; reasonCode: 'new' | 'kept' | 'switched' | 'replaced'; expectedGain: number; evidence: { repRate: number; repRaw: number | null; teamRate: number; reached: number; advanced: number; volumePerQuarter: number; text: string } & Record<string, unknown> } | null;
};

export type TTeamCoachingRow = { personId: number; slackUserId: string; name: string; coaching: TRepCoaching | null };

// JSON columns are read through zod: rows written by an older version must not break the screens.
const ZDetails = z.looseObject({ changed: z.boolean().catch(false) });
const ZDerivation = z.looseObject({ text: z.string().catch(''), weeklyAmount: z.number().optional() });
const ZEvidence = z.looseObject({
  repRate: z.number().catch(0),
  repRaw: z.number().nullable().catch(null),
  teamRate: z.number().catch(0),
  reached: z.number().catch(0),
  advanced: z.number().catch(0),
  volumePerQuarter: z.number().catch(0),
  text: z.string().catch(''),
});
const ZFocusReason = z.enum(['new', 'kept', 'switched', 'replaced']).catch('new');
const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

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
    },
    expectations,
    focus,
  };
}

const TIER_RANK = new Map<TTier, number>(TIER_ORDER.map((tier, i) => [tier, i]));

/** Every rep of a manager's team with their latest snapshot (null when none yet), by tier then name. */
export function getTeamCoaching(db: TDb, managerId: number, now: Date): TTeamCoachingRow[] {
  const rows = listTeamReps(db, managerId).map((rep) => ({
    personId: rep.id,
    slackUserId: rep.slackUserId,
    name: rep.name,
    coaching: getRepCoaching(db, rep.id, now),
  }));
  // Tiers in their canonical order (autonomous, guided, focused, ramping), reps not yet computed last.
  const rank = (row: TTeamCoachingRow) => (row.coaching ? TIER_RANK.get(row.coaching.tier.tier)! : TIER_ORDER.length);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en') || a.personId - b.personId);
}
