import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import type { TPersonRow } from '../../../db/repositories/people';
import { TIER_BUDGETS } from '../../domain/nudge-policy';
import { formatMeetingTime } from '../../domain/schedule';
import type { TReviewSharedView } from '../../slack/blocks/view-models/review-form';
import { getCoachingSettings } from '../setup/coaching-settings';
import { holidayAt, policyPersonOf } from './policy-person';
import { decideReviewDm, reviewDmDue } from './sources/review-source';

export type TReviewDmOutlook = TReviewSharedView['dm'];

/**
 * What will become of the rep's DM about a review shared at `now`, for the reviewer's confirmation — decided the way
 * the planner will decide it (`reviewDmDue`, `decideReviewDm` of review-source.ts, the budget counted as now): a DM
 * now, a DM when their next working day starts, or — held back by their budget, a pause, an away status or a
 * holiday — carried by their next check-in or weekly digest. `requested`: it answers the rep's own request (outside
 * the budget).
 */
export function reviewDmOutlook(db: TDb, rep: TPersonRow, requested: boolean, now: Date): TReviewDmOutlook {
  if (rep.isBot || rep.isDeleted) return { kind: 'held' };
  const policy = policyPersonOf(rep, findLatestTierSnapshot(db, rep.id, now)?.tier ?? null, getCoachingSettings(db, rep.workspaceId).preferenceDefaults);
  const at = DateTime.fromJSDate(now, { zone: 'utc' });
  let due: DateTime;
  try {
    due = reviewDmDue(at, at, at, policy);
  } catch {
    return { kind: 'held' };
  }
  const when = DateTime.max(at, due);
  const { decision, counts } = decideReviewDm(db, policy, rep.id, { requestedAt: requested ? now : null }, when);
  if (decision.send) return due <= at ? { kind: 'now' } : { kind: 'at', whenText: dueText(due, at, policy.tz) };
  switch (decision.rule) {
    case 'budget': {
      const tier = policy.tier ?? 'ramping';
      const budget = TIER_BUDGETS[tier];
      // Autonomous reps have no daily room at all: their week is the digest alone.
      if (counts.thisWeek >= budget.perWeek || budget.perDay === 0) {
        return { kind: 'budget', period: 'week', limitText: `${tier}: ${budget.perWeek === 1 ? 'the weekly digest only' : `${budget.perWeek} a week`}` };
      }
      return { kind: 'budget', period: 'day', limitText: `${tier}: ${budget.perDay === 1 ? 'one a working day' : `${budget.perDay} a day`}` };
    }
    case 'paused':
      return { kind: 'paused', untilText: formatMeetingTime(DateTime.fromISO(policy.preferences.pausedUntil ?? '', { setZone: true }), policy.tz) };
    case 'away':
      return { kind: 'away' };
    case 'holiday':
      return { kind: 'holiday', holidayName: holidayAt(policy, when) ?? 'a public holiday' };
    default:
      return { kind: 'held' };
  }
}

/** '09:00 Tue' within the coming week, else '09:00 Tue 15 Dec', in the rep's zone. */
function dueText(due: DateTime, now: DateTime, tz: string): string {
  const local = due.setZone(tz);
  return local.toFormat(due.diff(now, 'days').days < 6 ? 'HH:mm ccc' : 'HH:mm ccc d LLL', { locale: 'en-US' });
}
