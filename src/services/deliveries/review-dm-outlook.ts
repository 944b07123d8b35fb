import type { TTier } from '../../domain/coaching/tiers';
import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import type { TPersonRow } from '../../../db/repositories/people';
import { TIER_BUDGETS } from '../../domain/nudge-policy';
import type { TReviewCarrierView, TReviewSharedView } from '../../slack/blocks/view-models/review-form';
import { getCoachingSettings } from '../setup/coaching-settings';
import { nextCarrier, type TNextCarrier } from './next-carrier';
import { holidayAt, policyPersonOf } from './policy-person';
import { planReviewDm, reviewDmDue } from './sources/review-source';

export type TReviewDmOutlook = TReviewSharedView['dm'];

/**
 * What will become of the rep's DM about a review shared at `now`, for the reviewer's confirmation — decided the way
 * the planner will decide it (`reviewDmDue`, `planReviewDm` of review-source.ts, the budget counted as now), naming the
 * real next step with its time in the rep's zone: a DM now or when their next working day starts; carried by their
 * next check-in or weekly digest (`nextCarrier`, as the planner finds it: due within the hour, or the budget spent);
 * or, while they are paused, away or on a holiday, a DM once they are back. `requested`: it answers the rep's own
 * request (outside the budget).
 */
export async function reviewDmOutlook(db: TDb, rep: TPersonRow, requested: boolean, now: Date): Promise<TReviewDmOutlook> {
  if (rep.isBot || rep.isDeleted) return { kind: 'held' };
  const policy = policyPersonOf(rep, (await findLatestTierSnapshot(db, rep.id, now))?.tier ?? null, (await getCoachingSettings(db, rep.workspaceId)).preferenceDefaults);
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  let due: DateTime;
  try {
    due = reviewDmDue(at, at, at, policy);
  } catch {
    return { kind: 'held' };
  }
  const when = DateTime.max(at, due);
  const plan = await planReviewDm(db, policy, rep.id, { requestedAt: requested ? now : null }, when);
  const carrierView = (carrier: TNextCarrier | null): TReviewCarrierView | null => {
    if (!carrier) return null;
    const local = carrier.at.setZone(policy.tz);
    const today = local.hasSame(at.setZone(policy.tz), 'day');
    return { kind: carrier.kind, dayText: today ? null : local.toFormat('ccc d LLL', { locale: 'en-US' }), timeText: local.toFormat('HH:mm') };
  };
  switch (plan.kind) {
    case 'dm':
      return due <= at ? { kind: 'now' } : { kind: 'at', whenText: dueText(due, at, policy.tz) };
    case 'carrier':
      return { kind: 'carried', why: { kind: 'soon' }, carrier: carrierView(plan.carrier) };
    case 'waits':
      switch (plan.decision.rule) {
        case 'paused':
          return { kind: 'paused', untilText: DateTime.fromISO(policy.preferences.pausedUntil ?? '', { setZone: true }).setZone(policy.tz).toFormat('ccc d LLL', { locale: 'en-US' }) };
        case 'away':
          return { kind: 'away' };
        default:
          return { kind: 'holiday', holidayName: holidayAt(policy, when) ?? 'a public holiday' };
      }
    case 'held': {
      if (plan.decision.rule !== 'budget') return { kind: 'carried', why: { kind: 'soon' }, carrier: carrierView(plan.carrier ?? nextCarrier(policy, when)) };
      const tier = policy.tier ?? 'ramping';
      const budget = TIER_BUDGETS[tier];
      const carrier = carrierView(plan.carrier);
      // Autonomous reps have no daily room at all: their week is the digest alone.
      const period = plan.counts.thisWeek >= budget.perWeek || budget.perDay === 0 ? 'week' : 'day';
      return { kind: 'carried', why: { kind: 'budget', period, limitText: `${tier}: ${budgetInWords(tier)}` }, carrier };
    }
  }
}

/** '09:00 Tue' within the coming week, else '09:00 Tue 15 Dec', in the rep's zone. */
function dueText(due: DateTime, now: DateTime, tz: string): string {
  const local = due.setZone(tz);
  return local.toFormat(due.diff(now, 'days').days < 6 ? 'HH:mm ccc' : 'HH:mm ccc d LLL', { locale: 'en-US' });
}

/** A tier's message budget as the reviewer reads it (SPEC §2): what the rep gets in a week at most. */
function budgetInWords(tier: TTier): string {
  if (tier === 'autonomous') return 'the weekly digest only';
  if (tier === 'focused') return 'one a working day, plus the digest';
  return `${TIER_BUDGETS[tier].perWeek} a week, the digest included`;
}
