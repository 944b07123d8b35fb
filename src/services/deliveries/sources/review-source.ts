import { DateTime } from 'luxon';
import { listReviewsAwaitingDm, reviewDmPeriodKey } from '../../../../db/repositories/call-reviews';
import { listLatestTiers } from '../../../../db/repositories/coaching-snapshots';
import { countUnsolicitedAround } from '../../../../db/repositories/planning-facts';
import { reviewDmDecision, reviewDmDueAt } from '../../../domain/call-reviews';
import type { TPolicyDecision, TPolicyPerson } from '../../../domain/nudge-policy';
import { readPreferences, workingHoursOf } from '../../../domain/preferences';
import type { TDb } from '../../../../db/client';
import { addCounts, policyPersonOf, scheduledAheadOf } from '../policy-person';
import type { TPlanCandidate, TPlanSource } from '../types';
import { askPolicy, budgetWindowsAt } from './checkin-nudge-reps';
import { workspacePeople, workspaceSettings } from './workspace-facts';

/** How far back the planner looks for shared reviews whose DM was never decided (a planner that was down a while). */
export const REVIEW_DM_LOOKBACK_DAYS = 8;

/*
 * The rep's DM about a call review shared with them (SPEC §1, `/coach review`): an unsolicited message, counted in
 * their weekly budget — unless it answers their own request (`requestedAt`): then it is solicited, outside the budget
 * and the tier, but still only in their working hours and not while they are paused, away or on a holiday. Due at once
 * when shared in their working hours, else when their next working day starts (`reviewDmDueAt`); one whose time
 * passed before it was planned (a late run, a planner that was down) is due again from now, so it never lands at
 * night (`reviewDmDue`). Key `(review, rep, review:<id>)`, subject the review. The policy decides with the budget
 * counted inside the planner's transaction, as for nudges (`decideReviewDm`, also behind the manager's confirmation,
 * review-dm-outlook.ts); held back, it says it comes with the rep's next check-in or weekly digest (which carry it).
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
      dueAt = reviewDmDue(DateTime.fromJSDate(review.sharedAt, { zone: 'utc' }), now, context.from, policy);
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
        const { decision } = decideReviewDm(tx, policy, rep.id, review, DateTime.max(at, dueAt));
        return { subjectId: review.id, decision: reviewDmDecision(decision) };
      },
    });
  }
  return candidates;
};

/**
 * When the rep's DM about a review shared at `sharedAt` is due, planned at `now` (`from`: the start of the planner's
 * window): `reviewDmDueAt`; but when that time has passed — a run a few minutes late (shared 17:58, planned 18:01),
 * or a planner that was down — and it is now outside their working hours, it is due again when their next working
 * day starts, so it never lands at night and the hours never hold it back. Throws for an unknown zone.
 */
export function reviewDmDue(sharedAt: DateTime, now: DateTime, from: DateTime, policy: TPolicyPerson): DateTime {
  const hours = workingHoursOf(policy.preferences);
  const due = reviewDmDueAt(sharedAt, policy.tz, hours);
  if (due >= now) return due;
  const again = reviewDmDueAt(now, policy.tz, hours);
  return again > now || due < from ? again : due;
}

/**
 * The no-nagging policy's answer for a review's DM sent at `when`, with the budget used around then (the deliveries
 * recorded, read on `db` — the planner's transaction — and the check-ins and digest still scheduled). A review that
 * answers the rep's own request is outside the budget. The reason names no reviewer: it outlives them.
 */
export function decideReviewDm(
  db: TDb,
  policy: TPolicyPerson,
  repId: number,
  review: { requestedAt: Date | null },
  when: DateTime,
): { decision: TPolicyDecision; counts: { today: number; thisWeek: number } } {
  const counts = addCounts(countUnsolicitedAround(db, budgetWindowsAt(repId, policy.tz, when)), scheduledAheadOf(policy, when));
  const message = { kind: 'review' as const, detail: `a call review for ${policy.name}`, requested: review.requestedAt !== null };
  return { decision: askPolicy(policy, message, when, counts), counts };
}
