import type { TUnsolicitedBudget } from '../../../domain/delivery-rules';
import type { TAskableReview } from './call-reviews';

/*
 * A shared call review as the rep reads it, in its own DM or carried by their next check-in or weekly digest
 * (src/slack/blocks/review-dm.ts). Texts, names and the link are raw; the renderer escapes them.
 */

/** The same view of a review as the Home tab, the brief and `/coach focus` render, with who a question goes to. */
export type TReviewCardView = TAskableReview;

/** The review DM: the review, and what the footer says about the rep's message budget. */
export type TReviewDmView = TReviewCardView & {
  budget: TUnsolicitedBudget;
  /** It answers the rep's own request: solicited, not counted in their budget. */
  requested?: boolean;
};
