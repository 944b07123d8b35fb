import type { DateTime } from 'luxon';
import { sameTargets, targetsPhrase, weeklyOf, type TActivityTarget } from '../target-text';
import type { TActivityType } from '../types';

/** An expectation as the recompute stores it: the engine's, or one the rep and manager agreed. */
export type TExpectationLike = { type: TActivityType; per: 'day' | 'week' | 'month'; amount: number; derivation: Record<string, unknown> };

/** An agreed set of targets and who agreed it, as the recompute reads it. */
export type TAgreedTargets = {
  id: number;
  targets: readonly TActivityTarget[];
  /** What the rep proposed (equal to `targets` unless the manager adjusted it). */
  proposedTargets: readonly TActivityTarget[];
  /** True when the rep proposed the set; false when a manager or admin set it directly. */
  proposedByRep: boolean;
  agreedByName: string;
  /** When it was agreed, in the rep's zone (the date in the sentence is theirs). */
  agreedAt: DateTime;
};

/** "Agreed with Morgan on Nov 24, proposed by you." — the one sentence on where an agreed target came from. */
export function agreedTargetText(agreed: Omit<TAgreedTargets, 'id' | 'targets'> & { targets: readonly TActivityTarget[] }): string {
  const who = agreed.agreedByName.trim() || 'your manager';
  const date = agreed.agreedAt.toFormat('LLL d');
  if (!agreed.proposedByRep) return `Set by ${who} on ${date}.`;
  if (sameTargets(agreed.targets, agreed.proposedTargets)) return `Agreed with ${who} on ${date}, proposed by you.`;
  return `Agreed with ${who} on ${date}, adjusted from what you proposed (${targetsPhrase(agreed.proposedTargets)}).`;
}

/** Agreed targets as expectations: per week or per month as agreed, never turned into a daily number. */
export function agreedExpectations(agreed: TAgreedTargets): TExpectationLike[] {
  const text = agreedTargetText(agreed);
  return agreed.targets.map((t) => ({
    type: t.type,
    per: t.per,
    amount: t.amount,
    derivation: { basis: 'agreed', agreedTargetsId: agreed.id, weeklyAmount: Math.round(weeklyOf(t) * 100) / 100, text },
  }));
}

/**
 * The rep's expectations once agreed targets count: the agreed ones first (each replaces the engine's for
 * its type), then the engine's for other types, at most `max` in all (SPEC §2: at most three).
 */
export function withAgreedTargets<T extends TExpectationLike>(computed: readonly T[], agreed: readonly TExpectationLike[], max: number): TExpectationLike[] {
  const agreedTypes = new Set(agreed.map((e) => e.type));
  return [...agreed, ...computed.filter((e) => !agreedTypes.has(e.type))].slice(0, Math.max(0, max));
}
