import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listReviewsAwaitingDm, reviewDmPeriodKey } from '../../../../db/repositories/call-reviews';
import { listLatestTiers } from '../../../../db/repositories/coaching-snapshots';
import { countUnsolicitedAround } from '../../../../db/repositories/planning-facts';
import {
  CARRIER_LOOKBACK_DAYS,
  dueInSpans,
  reviewDmDecision,
  reviewDmDueAt,
  reviewDmForCarrier,
  type TCarrierNote,
  type TWorkingSpans,
  workingSpans,
} from '../../../domain/call-reviews';
import type { TDecision } from '../../../domain/delivery-rules';
import { isAway, type TPolicyDecision, type TPolicyPerson, type TPolicyRule } from '../../../domain/nudge-policy';
import { workingHoursOf } from '../../../domain/preferences';
import { formatMeetingTime } from '../../../domain/schedule';
import { carrierBringsIt, nextCarrier, type TNextCarrier } from '../next-carrier';
import { budgetCounts, policyPersonOf, scheduledAheadOf } from '../policy-person';
import type { TPlanCandidate, TPlanMemo, TPlanSource, TPlanSourceContext } from '../types';
import { askPolicy, budgetWindowsAt, loadedReps, NO_COUNTS } from './checkin-nudge-reps';
import { workspacePeople, workspaceSettings } from './workspace-facts';

/**
 * How far back the planner looks for shared reviews whose DM is not decided yet: as far as a carrier looks
 * (`CARRIER_LOOKBACK_DAYS`), since a review waits undecided while its rep is paused, away or on a holiday.
 */
export const REVIEW_DM_LOOKBACK_DAYS = CARRIER_LOOKBACK_DAYS;

/*
 * The rep's DM about a call review shared with them (SPEC §1, `/coach review`): an unsolicited message, counted in
 * their weekly budget — unless it answers their own request (`requestedAt`): then it is solicited, outside the budget
 * and the tier, but still only in their working hours. Due at once when shared in their working hours, else when
 * their next working day starts (`reviewDmDueAt`); one whose time passed before it was planned (a late run, a planner
 * that was down, a pause) is due again from now, so it never lands at night (`reviewDmDue`). Key `(review, rep,
 * review:<id>)`, subject the review.
 *
 * While the rep is paused, away or on a holiday the DM is not proposed at all (asked beforehand, like the nudges'
 * undated options): those pass, and it goes as a DM in working hours once they do. Due within the hour before the
 * rep's next check-in or weekly digest (`nextCarrier`), it is held and that carrier brings it; held by the budget,
 * the next carrier brings it too. `planReviewDm` decides, with the budget counted inside the planner's transaction,
 * and is what the reviewer's confirmation asks too (review-dm-outlook.ts).
 *
 * Built for many awaiting reviews every 5 minutes: the reps come from the run's memo the check-in and nudge sources
 * share, each (zone, hours) gets its working spans once in the run, and a review's due time is then arithmetic; only
 * those due in the window go further (the policy, the carriers).
 */
export const reviewSource: TPlanSource = async (db, context) => {
  const now = DateTime.fromJSDate(context.now, { zone: 'utc' });
  const nowMs = now.toMillis();
  const reviews = await listReviewsAwaitingDm(db, context.workspaceId, new Date(nowMs - REVIEW_DM_LOOKBACK_DAYS * 86_400_000));
  if (reviews.length === 0) return [];
  const reps = await context.memo(`review-reps|${context.workspaceId}`, async () => new Map((await loadedReps(db, context)).map((r) => [r.person.id, r])));
  const fromMs = context.from.toMillis();
  const toMs = context.to.toMillis();
  const others = new Map<number, TPolicyPerson | null>();
  const candidates: TPlanCandidate[] = [];
  for (const review of reviews) {
    if (review.sharedAt === null) continue;
    const loaded = reps.get(review.repId);
    let rep = loaded?.person;
    let policy = loaded?.policy;
    if (!rep || !policy) {
      // Not an active rep of the workspace (a bot, deactivated, or reviewed in another role): read on its own.
      rep = (await workspacePeople(db, context)).find((p) => p.id === review.repId);
      if (!rep) continue;
      if (!others.has(rep.id)) {
        const tier = (await listLatestTiers(db, [rep.id], context.now)).get(rep.id) ?? null;
        others.set(rep.id, policyPersonOf(rep, tier, (await workspaceSettings(db, context)).preferenceDefaults));
      }
      policy = others.get(rep.id)!;
      if (!policy) continue;
    }
    const base = { workspaceId: context.workspaceId, kind: 'review' as const, recipient: rep, periodKey: reviewDmPeriodKey(review.id), requested: review.requestedAt !== null };
    if (rep.isBot || rep.isDeleted) {
      const reason = `skipped: ${policy.name} is ${rep.isBot ? 'a bot' : 'deactivated'}`;
      candidates.push({ ...base, dueAt: now, resolve: async () => ({ subjectId: review.id, decision: { status: 'skipped', reason } }) });
      continue;
    }
    const dueOf = dueFinder(context, policy, now);
    let due: number;
    try {
      due = dueFromNow(review.sharedAt.getTime(), nowMs, fromMs, dueOf);
    } catch (error) {
      context.problems.push({ subject: `the call review DM for ${policy.name}`, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    // Most awaiting reviews wait for a working morning: nothing more is asked about them until it comes.
    if (due > toMs) continue;
    const dueAt = DateTime.fromMillis(due, { zone: 'utc' });
    const at = DateTime.max(now, dueAt);
    if (waitsForRep(policy, at) !== null) continue;
    const repId = rep.id;
    candidates.push({
      ...base,
      dueAt,
      resolve: async (tx, runAt) => {
        // A late run sends as soon as it can, so that is the instant to judge.
        const plan = await planReviewDm(tx, policy, repId, review, DateTime.max(runAt, dueAt), { memo: context.memo, windowFrom: context.from });
        return { subjectId: review.id, decision: reviewDmPlanDecision(plan, policy) };
      },
    });
  }
  return candidates;
};

/** The due-time function of the person's (zone, hours), from the run's working spans (`reviewDmDueAt` past them). */
function dueFinder(context: TPlanSourceContext, policy: TPolicyPerson, now: DateTime): (at: number) => number {
  const hours = workingHoursOf(policy.preferences);
  const tz = policy.tz;
  return context.memo(`review-due|${tz}|${hours.days.join(',')}|${hours.start}|${hours.end}`, () => {
    let covered: { spans: TWorkingSpans; from: number; to: number } | null = null;
    try {
      const from = now.minus({ days: REVIEW_DM_LOOKBACK_DAYS + 2 });
      const to = context.to.plus({ days: 15 });
      covered = { spans: workingSpans(tz, hours, from, to), from: from.setZone(tz).startOf('day').toMillis(), to: to.setZone(tz).endOf('day').toMillis() };
    } catch {
      // An unknown zone: reviewDmDueAt throws it for each review, reported as a problem.
    }
    return (at: number) => (covered && dueInSpans(covered.spans, at, covered.from, covered.to)) ?? reviewDmDueAt(DateTime.fromMillis(at, { zone: 'utc' }), tz, hours).toMillis();
  });
}

/**
 * When a review DM is due (epoch ms), shared at `shared` and planned at `now` (`from`: the start of the planner's
 * window), `dueAt` being `reviewDmDueAt` for the rep: that; but when it has passed — a run a few minutes late (shared
 * 17:58, planned 18:01), a planner that was down, a rep back from a pause — and it is now outside their working hours,
 * it is due again when their next working day starts, so it never lands at night and the hours never hold it back.
 */
export function dueFromNow(shared: number, now: number, from: number, dueAt: (at: number) => number): number {
  const due = dueAt(shared);
  if (due >= now) return due;
  const again = dueAt(now);
  return again > now || due < from ? again : due;
}

/** `dueFromNow` with `reviewDmDueAt` for the person, as DateTimes. Throws for an unknown zone. */
export function reviewDmDue(sharedAt: DateTime, now: DateTime, from: DateTime, policy: TPolicyPerson): DateTime {
  const hours = workingHoursOf(policy.preferences);
  const dueAt = (at: number) => reviewDmDueAt(DateTime.fromMillis(at, { zone: 'utc' }), policy.tz, hours).toMillis();
  return DateTime.fromMillis(dueFromNow(sharedAt.toMillis(), now.toMillis(), from.toMillis(), dueAt), { zone: 'utc' });
}

const PASSING: ReadonlySet<TPolicyRule> = new Set(['paused', 'away', 'holiday']);

/**
 * Why the DM waits for the rep rather than being decided at `at`: they paused Canopy, their Slack status says away,
 * or it is their public holiday (the policy asked beforehand, the budget aside); null: none of those.
 */
export function waitsForRep(policy: TPolicyPerson, at: DateTime): TPolicyDecision | null {
  // The common case without the policy (no zone arithmetic): not paused, not away, no holiday country.
  const prefs = policy.preferences;
  const paused = prefs.pausedUntil !== null && Date.parse(prefs.pausedUntil) > at.toMillis();
  if (!paused && prefs.holidayCountry === null && !(policy.status && isAway(policy.status, at))) return null;
  const decision = askPolicy(policy, { kind: 'review', requested: true }, at, NO_COUNTS());
  return !decision.send && PASSING.has(decision.rule) ? decision : null;
}

/**
 * What becomes of a review's DM decided at `when`: it `waits` for the rep (paused, away, a holiday); the rep's next
 * `carrier` is due within the hour, so it brings the review; else the policy's answer with the budget (`decideReviewDm`),
 * a `dm` or `held` (the next carrier brings it). `memo`: the planner's, for the carriers.
 */
export type TReviewDmPlan =
  | { kind: 'waits'; decision: TPolicyDecision & { send: false } }
  | { kind: 'carrier'; carrier: TNextCarrier }
  | { kind: 'dm'; decision: TPolicyDecision }
  | { kind: 'held'; decision: TPolicyDecision & { send: false }; carrier: TNextCarrier | null; counts: { today: number; thisWeek: number } };

export async function planReviewDm(
  db: TDb,
  policy: TPolicyPerson,
  repId: number,
  review: { requestedAt: Date | null },
  when: DateTime,
  memo?: { memo: TPlanMemo; windowFrom: DateTime },
): Promise<TReviewDmPlan> {
  const waits = waitsForRep(policy, when);
  if (waits && !waits.send) return { kind: 'waits', decision: waits };
  const carrier = nextCarrier(policy, when, memo);
  if (carrierBringsIt(carrier, when)) return { kind: 'carrier', carrier };
  const { decision, counts } = await decideReviewDm(db, policy, repId, review, when);
  if (decision.send) return { kind: 'dm', decision };
  return { kind: 'held', decision, carrier, counts };
}

/** The planner's record of a `planReviewDm` answer. */
export function reviewDmPlanDecision(plan: TReviewDmPlan, policy: TPolicyPerson): TDecision {
  switch (plan.kind) {
    case 'dm':
      return reviewDmDecision(plan.decision);
    case 'carrier':
      return reviewDmForCarrier(policy.name, carrierNote(plan.carrier, policy.tz));
    case 'held':
      return reviewDmDecision(plan.decision, plan.carrier ? carrierNote(plan.carrier, policy.tz) : null);
    case 'waits':
      // Not proposed while it waits (the source asks first); should the rep's state change within the run, say so.
      return { status: 'suppressed', reason: plan.decision.reason };
  }
}

function carrierNote(carrier: TNextCarrier, tz: string): TCarrierNote {
  return { kind: carrier.kind, whenText: formatMeetingTime(carrier.at, tz) };
}

/**
 * The no-nagging policy's answer for a review's DM sent at `when`, with the budget used around then (the deliveries
 * recorded, read on `db` — the planner's transaction — and the check-ins and digest still scheduled). A review that
 * answers the rep's own request is outside the budget. The reason names no reviewer: it outlives them.
 */
export async function decideReviewDm(
  db: TDb,
  policy: TPolicyPerson,
  repId: number,
  review: { requestedAt: Date | null },
  when: DateTime,
): Promise<{ decision: TPolicyDecision; counts: { today: number; thisWeek: number } }> {
  const counts = budgetCounts(await countUnsolicitedAround(db, budgetWindowsAt(repId, policy.tz, when)), scheduledAheadOf(policy, when));
  const message = { kind: 'review' as const, detail: `a call review for ${policy.name}`, requested: review.requestedAt !== null };
  return { decision: askPolicy(policy, message, when, counts), counts };
}
