import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { insertCallReview, insertReviewComment, reviewDmPeriodKey } from '../../../db/repositories/call-reviews';
import { insertDeliveryIdIfAbsent, updateDelivery } from '../../../db/repositories/deliveries';
import { listOpenDealsForPicker } from '../../../db/repositories/deals';
import { insertExemplar, listExemplars } from '../../../db/repositories/exemplars';
import type { TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { DEMO_ONE_ON_ONE } from './seed-demo-one-on-one';

/** What the demo's manager writes, by stage (the selling system's default stages); any other stage gets the last one. */
const FEEDBACK: Record<string, { wentWell: string; oneThing: string; exemplar: string }> = {
  prospecting: {
    wentWell: 'You opened with their hiring news, not our product — they stayed on the line.',
    oneThing: 'Ask for the discovery meeting before you hang up, with a day and a time.',
    exemplar: 'Cold call that books the meeting',
  },
  discovery: {
    wentWell: 'Good questions about their current process; you let them talk.',
    oneThing: 'Ask who else decides, and what happens if they do nothing this quarter.',
    exemplar: 'Discovery that finds the real problem',
  },
  demo: {
    wentWell: 'You showed the two screens that matched their problem and skipped the rest.',
    oneThing: 'Agree the next step and put it in the calendar before the demo ends.',
    exemplar: 'A demo that ends with a date',
  },
  proposal: {
    wentWell: 'The proposal walk-through tied each line back to what they told you in discovery.',
    oneThing: 'Ask what would stop them signing by the date they gave, while you are still on the call.',
    exemplar: 'Proposal review that surfaces the blockers',
  },
  negotiation: {
    wentWell: 'You held the price and traded the discount for a longer term.',
    oneThing: 'When they push on price, ask what the number is compared to before you answer.',
    exemplar: 'Negotiation without a discount',
  },
};

/**
 * The demo's call reviews (issue 16), written after the recompute so the one thing is on the rep's focus stage: a
 * review by the manager a few days before `now` of a call on one of the rep's open deals, with an exemplar of the
 * team's to compare with, not tried yet and with a question of the rep's in its thread; an older review whose one
 * thing the rep tried (both DMs recorded as sent, so the planner plans neither again); and an open request of the
 * rep's for the manager's next brief. Dated so that the recent
 * review falls after the last weekly 1:1 (`DEMO_ONE_ON_ONE`), and nothing after `now`. Deterministic for a `now`.
 */
export async function seedDemoReviews(db: TDb, manager: TPersonRow, rep: TPersonRow, now: DateTime): Promise<void> {
  const stages = (await listStages(db, rep.workspaceId)).filter((s) => s.outcome === null);
  const focusStage = (await getRepCoaching(db, rep.id, now.toJSDate()))?.focus?.stage ?? stages[0]?.key ?? 'demo';
  const feedback = FEEDBACK[focusStage] ?? FEEDBACK.demo!;
  const deals = (await listOpenDealsForPicker(db, rep.id)).sort((a, b) => a.id - b.id);
  const deal = deals.find((d) => d.stage === focusStage) ?? deals[0];

  const exemplar =
    (await listExemplars(db, rep.workspaceId, focusStage, 1))[0] ??
    (await insertExemplar(db, { workspaceId: rep.workspaceId, stage: focusStage, title: feedback.exemplar, url: `https://app.gong.io/call?id=demo-exemplar-${focusStage}`, addedById: manager.id }));

  // After the last 1:1 (so the brief counts it as "since your last 1:1"), three days back if that is later.
  const local = now.setZone(manager.tz);
  let lastSlot = local.set({ hour: Number(DEMO_ONE_ON_ONE.localTime.slice(0, 2)), minute: Number(DEMO_ONE_ON_ONE.localTime.slice(3, 5)), second: 0, millisecond: 0 });
  while (lastSlot.weekday !== DEMO_ONE_ON_ONE.weekday || lastSlot >= local) lastSlot = lastSlot.minus({ days: 1 });
  const notAfter = now.minus({ minutes: 30 });
  const recentAt = DateTime.min(DateTime.max(now.minus({ days: 3 }), lastSlot.plus({ hours: 2 })), notAfter);

  const recent = await insertCallReview(db, {
    workspaceId: rep.workspaceId,
    repId: rep.id,
    reviewerId: manager.id,
    url: 'https://app.gong.io/call?id=demo-7301841965',
    dealId: deal?.id ?? null,
    callStage: deal?.stage ?? focusStage,
    status: 'shared',
    wentWell: feedback.wentWell,
    oneThing: feedback.oneThing,
    oneThingStage: focusStage,
    exemplarId: exemplar.id,
    sharedAt: recentAt.toJSDate(),
    createdAt: recentAt.toJSDate(),
  });
  // Its DM went out a few minutes after it was shared: the question below is a reply in that DM's thread, and the
  // planner, finding the DM recorded as sent, plans nothing more for it.
  await seedSentReviewDm(db, rep, recent.id, DateTime.min(recentAt.plus({ minutes: 4 }), notAfter));
  const askedAt = DateTime.min(recentAt.plus({ hours: 3 }), notAfter);
  await insertReviewComment(db, {
    workspaceId: rep.workspaceId,
    reviewId: recent.id,
    authorId: rep.id,
    text: 'Should I suggest the next meeting myself, or wait for them to ask?',
    sourceRef: 'demo:review-question-1',
    createdAt: askedAt.toJSDate(),
  });

  const olderAt = now.minus({ days: 24 });
  const older = await insertCallReview(db, {
    workspaceId: rep.workspaceId,
    repId: rep.id,
    reviewerId: manager.id,
    url: 'https://app.gong.io/call?id=demo-7299120448',
    dealId: deals[1]?.id ?? null,
    callStage: focusStage,
    status: 'shared',
    wentWell: 'Calm and well prepared; you knew their numbers.',
    oneThing: 'Recap what you heard in one sentence before moving on.',
    oneThingStage: focusStage,
    sharedAt: olderAt.toJSDate(),
    triedAt: olderAt.plus({ days: 4 }).toJSDate(),
    createdAt: olderAt.toJSDate(),
  });

  await seedSentReviewDm(db, rep, older.id, olderAt.plus({ minutes: 4 }));

  const requestedAt = DateTime.min(recentAt.plus({ hours: 5 }), notAfter);
  await insertCallReview(db, {
    workspaceId: rep.workspaceId,
    repId: rep.id,
    url: 'https://zoom.us/rec/share/demo-globex-negotiation',
    status: 'requested',
    requestNote: 'The Globex negotiation call — how did I handle the push-back on price?',
    requestedAt: requestedAt.toJSDate(),
    createdAt: requestedAt.toJSDate(),
  });
}

/** A review's DM to the rep, recorded as sent at `at` in the rep's DM channel (as the sender records it). */
async function seedSentReviewDm(db: TDb, rep: TPersonRow, reviewId: number, at: DateTime): Promise<void> {
  const sentAt = at.toJSDate();
  const id = await insertDeliveryIdIfAbsent(db, {
    workspaceId: rep.workspaceId,
    kind: 'review',
    recipientId: rep.id,
    periodKey: reviewDmPeriodKey(reviewId),
    status: 'sent',
    reason: 'demo: sent when the review was shared',
    dueAt: sentAt,
    subjectId: reviewId,
    createdAt: sentAt,
  });
  if (id === undefined) return;
  const ts = `${Math.floor(at.toSeconds())}.${String(reviewId).padStart(6, '0')}`;
  await updateDelivery(db, id, ['sent'], { slackChannel: `D${rep.slackUserId.replace(/^U/, '')}`, slackTs: ts, sentAt });
}
