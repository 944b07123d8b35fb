import type { TUnsolicitedBudget } from '../../../domain/delivery-rules';

/*
 * A shared call review as the rep reads it, in its own DM or carried by their next check-in or weekly digest
 * (src/slack/blocks/review-dm.ts). Texts, names and the link are raw; the renderer escapes them.
 */

export type TReviewCardView = {
  reviewId: number;
  /** Null when the reviewer was forgotten: the feedback stays with the rep. */
  reviewerName: string | null;
  /** The recording's link, checked as http(s) when it was stored (`checkRecordingLink`). */
  url: string;
  dealName: string | null;
  /** The stage the call was in, by its name in the selling system. */
  callStageName: string | null;
  wentWell: string;
  oneThing: string;
  /** The stage the one thing belongs to, by its name. */
  oneThingStageName: string;
  /** The team's exemplar recording to compare with. */
  exemplar: { title: string; url: string } | null;
  tried: boolean;
};

/** The review DM: the review, and what the footer says about the rep's message budget. */
export type TReviewDmView = TReviewCardView & {
  budget: TUnsolicitedBudget;
  /** It answers the rep's own request: solicited, not counted in their budget. */
  requested?: boolean;
};
