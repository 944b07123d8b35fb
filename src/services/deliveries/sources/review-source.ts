import { DateTime } from 'luxon';
import { listReviewsAwaitingDm, reviewDmPeriodKey } from '../../../../db/repositories/call-reviews';
import { listLatestTiers } from '../../../../db/repositories/coaching-snapshots';
import { countUnsolicitedAround } from '../../../../db/repositories/planning-facts';
import { reviewDmDecision, reviewDmDueAt } from '../../../domain/call-reviews';
import { readPreferences, workingHoursOf } from '../../../domain/preferences';
import { addCounts, policyPersonOf, scheduledAheadOf } from '../policy-person';
import type { TPlanCandidate, TPlanSource } from '../types';
import { askPolicy, budgetWindowsAt } from './checkin-nudge-reps';
import { workspacePeople, workspaceSettings } from './workspace-facts';

/** How far back the planner looks for shared reviews whose DM was never decided (a planner that was down a while). */
export const REVIEW_DM_LOOKBACK_DAYS = 8;

/*
 * The rep's DM about a call review shared with them (SPEC §1, `/coach review`): an unsolicited message, counted in
 * their weekly budget. Due at once when shared in their working hours, else when their next working day starts
 * (`reviewDmDueAt`); one whose time passed while nobody planned it is due again from now, so it never lands at night.
 * Key `(review, rep, review:<id>)`, subject the review. The policy decides with the budget counted inside the
 * planner's transaction, as for nudges; held back, it says it goes in the rep's next weekly digest (which carries it).
 */
export const reviewSource: TPlanSource = (db, context) => {
  const now = DateTime.fromJSDate(context.now, { zone: 'utc' });
  const reviews = listReviewsAwaitingDm(db, context.workspaceId, now.minus({ days: REVIEW_DM_LOOKBACK_DAYS }).toJSDate());
  if (reviews.length === 0) return [];
  const people = new Map(workspacePeople(db, context).map((p) => [p.id, p]));
  const defaults = workspaceSettings(db, context).preferenceDefaults;
  const tiers = listLatestTiers(db, [...new Set(reviews.map((r) => r.repId))], context.now);
  const candidates: TPlanCandidate[] = [];
  for (const review of reviews) {
    const rep = people.get(review.repId);
    if (!rep || review.sharedAt === null) continue;
    const policy = policyPersonOf(rep, tiers.get(rep.id) ?? null, defaults, readPreferences(rep.preferences, defaults));
    const base = { workspaceId: context.workspaceId, kind: 'review' as const, recipient: rep, periodKey: reviewDmPeriodKey(review.id) };
    if (rep.isBot || rep.isDeleted) {
      const reason = `skipped: ${policy.name} is ${rep.isBot ? 'a bot' : 'deactivated'}`;
      candidates.push({ ...base, dueAt: now, resolve: () => ({ subjectId: review.id, decision: { status: 'skipped', reason } }) });
      continue;
    }
    let dueAt: DateTime;
    try {
      const hours = workingHoursOf(policy.preferences);
      dueAt = reviewDmDueAt(DateTime.fromJSDate(review.sharedAt, { zone: 'utc' }), rep.tz, hours);
      // Its time passed unplanned (the planner was down): due again from now, within their hours.
      if (dueAt < context.from) dueAt = reviewDmDueAt(now, rep.tz, hours);
    } catch (error) {
      context.problems.push({ subject: `the call review DM for ${policy.name}`, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (dueAt > context.to) continue;
    candidates.push({
      ...base,
      dueAt,
      resolve: (tx, at) => {
        // A late run sends as soon as it can, so that is the instant to judge.
        const when = DateTime.max(at, dueAt);
        const counts = addCounts(countUnsolicitedAround(tx, budgetWindowsAt(rep.id, rep.tz, when)), scheduledAheadOf(policy, when));
        const reviewer = review.reviewerId !== null ? people.get(review.reviewerId) : undefined;
        const detail = `${reviewer ? reviewer.name || reviewer.slackUserId : 'a former colleague'} reviewed a call of ${policy.name}'s`;
        return { subjectId: review.id, decision: reviewDmDecision(askPolicy(policy, { kind: 'review', detail }, when, counts)) };
      },
    });
  }
  return candidates;
};
