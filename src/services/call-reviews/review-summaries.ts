import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { findCallReviewView, type TCallReviewRow, type TCallReviewView } from '../../../db/repositories/call-reviews';
import { reviewLabel } from '../../domain/call-reviews';
import { sinceText } from '../../domain/relative-time';
import type { TReviewRequestSummary, TReviewSummary } from '../../slack/blocks/view-models/call-reviews';

/**
 * A shared review as every surface shows it (DM, digest, Home, brief, focus): `stageName` names a stage key of the
 * workspace's selling system (`stageNamer`), `zone` is the reader's (the day in the review's name).
 */
export function reviewSummary(review: TCallReviewView, stageName: (key: string | null) => string, now: Date, zone: string): TReviewSummary {
  const at = review.sharedAt ?? review.createdAt;
  return {
    id: review.id,
    url: review.url,
    label: reviewLabel({ url: review.url, dealName: review.dealName, at }, zone),
    reviewerName: review.reviewerName,
    sharedAgo: review.sharedAt ? sinceText(review.sharedAt, now) : 'some time ago',
    dealName: review.dealName,
    callStageName: review.callStage !== null ? stageName(review.callStage) : null,
    wentWell: review.wentWell ?? '',
    oneThing: review.oneThing ?? '',
    oneThingStageName: review.oneThingStage !== null ? stageName(review.oneThingStage) : null,
    exemplar: review.exemplar ? { title: review.exemplar.title, url: review.exemplar.url } : null,
    tried: review.triedAt !== null,
  };
}

/** A rep's open request, named by its site and day and dated in the reader's zone ('Mon 30 Nov'). */
export function requestSummary(request: TCallReviewRow, zone: string): TReviewRequestSummary {
  const at = request.requestedAt ?? request.createdAt;
  return {
    id: request.id,
    url: request.url,
    label: reviewLabel({ url: request.url, dealName: null, at }, zone),
    note: request.requestNote,
    askedOn: DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL', { locale: 'en-US' }),
  };
}

/** A review's name as its cards show it to a reader in `zone` ('Acme Rockets call, Mon 7 Dec'), read from the row. */
export async function reviewLabelOf(db: TDb, review: TCallReviewRow, zone: string): Promise<string> {
  const dealName = (await findCallReviewView(db, review.workspaceId, review.id))?.dealName ?? null;
  return reviewLabel({ url: review.url, dealName, at: review.sharedAt ?? review.createdAt }, zone);
}
