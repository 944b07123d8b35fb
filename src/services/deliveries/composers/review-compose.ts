import { DateTime } from 'luxon';
import { findCallReviewView } from '../../../../db/repositories/call-reviews';
import { findLatestTierSnapshot } from '../../../../db/repositories/coaching-snapshots';
import { unsolicitedBudget } from '../../../domain/delivery-rules';
import { renderReviewDm } from '../../../slack/blocks/review-dm';
import { reviewCards } from '../../call-reviews/review-card';
import { getCoachingSettings } from '../../setup/coaching-settings';
import { policyPersonOf } from '../policy-person';
import { askPolicy, NO_COUNTS } from '../sources/checkin-nudge-reps';
import type { TComposer } from '../types';

/**
 * A call review's DM to the rep, written at send time from the review as it is then; skipped when the review is
 * gone (deleted, forgotten) or no longer the rep's, or when the rep paused or went away since it was planned (the
 * policy is asked again; the budget was settled when it was planned). A review skipped here is still on their Home tab.
 */
export const composeReviewDm: TComposer = async (db, row, recipient, now) => {
  if (row.kind !== 'review') return { action: 'skip', reason: `skipped: '${row.kind}' is not a call review` };
  const review = row.subjectId !== null ? await findCallReviewView(db, recipient.workspaceId, row.subjectId) : undefined;
  if (!review || review.status !== 'shared') return { action: 'skip', reason: 'skipped: the call review no longer exists' };
  if (review.repId !== recipient.id) return { action: 'skip', reason: 'skipped: the call review is about someone else' };
  const tier = (await findLatestTierSnapshot(db, recipient.id, now))?.tier ?? null;
  const policy = policyPersonOf(recipient, tier, (await getCoachingSettings(db, recipient.workspaceId)).preferenceDefaults);
  const at = DateTime.max(DateTime.fromJSDate(now, { zone: 'utc' }), DateTime.fromJSDate(row.dueAt ?? now, { zone: 'utc' }));
  const decision = askPolicy(policy, { kind: 'review', requested: review.requestedAt !== null }, at, NO_COUNTS());
  // The rules that can change after planning; the budget (and a tier's 0-a-day) was settled when it was planned.
  if (!decision.send && decision.rule !== 'budget') return { action: 'skip', reason: decision.reason };
  const [card] = await reviewCards(db, recipient, [review], now);
  if (!card) return { action: 'skip', reason: 'skipped: the call review no longer exists' };
  return { action: 'send', recipient, message: renderReviewDm({ ...card, budget: unsolicitedBudget(tier), requested: review.requestedAt !== null }) };
};
