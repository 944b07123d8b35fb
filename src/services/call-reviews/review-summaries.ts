import { DateTime } from 'luxon';
import type { TCallReviewRow, TCallReviewView } from '../../../db/repositories/call-reviews';
import { sinceText } from '../../domain/relative-time';
import type { TReviewRequestSummary, TReviewSummary } from '../../slack/blocks/view-models/call-reviews';

/** A shared review as the lists show it; `stageName` names a stage key of the workspace's selling system. */
export function reviewSummary(review: TCallReviewView, stageName: (key: string | null) => string, now: Date): TReviewSummary {
  return {
    id: review.id,
    url: review.url,
    reviewerName: review.reviewerName,
    sharedAgo: review.sharedAt ? sinceText(review.sharedAt, now) : 'some time ago',
    dealName: review.dealName,
    oneThing: review.oneThing ?? '',
    oneThingStageName: stageName(review.oneThingStage),
    tried: review.triedAt !== null,
  };
}

/** A rep's open request, dated in the reader's zone ('Mon 30 Nov'). */
export function requestSummary(request: TCallReviewRow, zone: string): TReviewRequestSummary {
  const at = request.requestedAt ?? request.createdAt;
  return { id: request.id, url: request.url, note: request.requestNote, askedOn: DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL', { locale: 'en-US' }) };
}
