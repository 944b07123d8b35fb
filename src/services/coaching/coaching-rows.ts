import { z } from 'zod';
import { TIER_ORDER, type TTier } from '../../domain/coaching/tiers';
import { ACTIVITY_TYPES, type TActivityType } from '../../domain/types';

export type TRepCoaching = {
  computedAt: Date;
  tier: { tier: TTier; reasonCode: string; reasonText: string; changed: boolean /* changed at this run */; previousTier: TTier | null; /** For managers' eyes only (may name a percentile); never on a rep's surface. */ teamContext: string | null };
  expectations: { type: TActivityType; per: 'day' | 'week'; amount: number; weeklyAmount: number; derivationText: string }[];
  /** Targets under one a week, set per month: shown on `/stats` and Home; never paced by the day or week (nudges, digests). */
  monthly: { type: TActivityType; per: 'month'; amount: number; weeklyAmount: number; derivationText: string }[];
  focus: { stage: string; toStage: string | null; reasonCode: 'new' | 'kept' | 'switched' | 'replaced'; expectedGain: number; evidence: { repRate: number; repRaw: number | null; teamRate: number; reached: number; advanced: number; volumePerQuarter: number; text: string } & Record<string, unknown> } | null;
};

export type TTeamCoachingRow = { personId: number; slackUserId: string; name: string; coaching: TRepCoaching | null };

// JSON columns are read through zod: rows written by an older version must not break the screens.
export const ZDetails = z.looseObject({ changed: z.boolean().catch(false), teamContext: z.string().nullable().catch(null).default(null) });

export const ZDerivation = z.looseObject({ text: z.string().catch(''), weeklyAmount: z.number().optional() });

export const ZEvidence = z.looseObject({
  repRate: z.number().catch(0),
  repRaw: z.number().nullable().catch(null),
  teamRate: z.number().catch(0),
  reached: z.number().catch(0),
  advanced: z.number().catch(0),
  volumePerQuarter: z.number().catch(0),
  text: z.string().catch(''),
});

export const ZFocusReason = z.enum(['new', 'kept', 'switched', 'replaced']).catch('new');

export const KNOWN_TYPES = new Set<string>(ACTIVITY_TYPES);

export const TIER_RANK = new Map<TTier, number>(TIER_ORDER.map((tier, i) => [tier, i]));
