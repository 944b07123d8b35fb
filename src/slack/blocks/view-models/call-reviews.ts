/**
 * Call reviews as the surfaces that list them show them (Home tab, brief, `/coach focus`). Texts and links are raw:
 * the renderers escape them (`inline`, `recordingLink`). `reviewerName` null means the reviewer was forgotten: shown
 * as "a former colleague".
 */
export type TReviewSummary = {
  id: number;
  url: string;
  reviewerName: string | null;
  /** When it was shared, relative to the surface's `now` ('3 days ago'). */
  sharedAgo: string;
  dealName: string | null;
  oneThing: string;
  /** The one thing's stage, by name. */
  oneThingStageName: string;
  tried: boolean;
};

/** A rep's open request for a review. */
export type TReviewRequestSummary = { id: number; url: string; note: string | null; askedOn: string };

/** The rep's "Call reviews" on their Home tab: the last few reviews, older "one things" still open, open requests. */
export type THomeReviews = {
  /** The last `HOME_REVIEWS_SHOWN` shared reviews, newest first. */
  recent: TReviewSummary[];
  /** Open one things older than the recent ones (at most `HOME_REVIEWS_SHOWN`), newest first, and how many more. */
  olderOpen: TReviewSummary[];
  olderOpenMore: number;
  /** Requests the rep made that nobody answered yet, oldest first, with who was asked. */
  requests: TReviewRequestSummary[];
  managerName: string | null;
  /** Whether the rep has someone to ask (a manager): the empty section's hint says how. */
  canAsk: boolean;
};

/** One review in the manager's brief: whether the rep tried the one thing and what they asked about it. */
export type TBriefReview = TReviewSummary & { questions: number; lastQuestion: string | null };

/** The brief's "Call reviews" section. */
export type TBriefReviews = {
  /** `since_meeting`: since the previous 1:1 of the pair; `days`: the last `days` days (no previous 1:1). */
  since: { basis: 'since_meeting' | 'days'; days: number };
  shared: TBriefReview[];
  sharedMore: number;
  requests: TReviewRequestSummary[];
  requestsMore: number;
};

/** The open requests of a manager's reps, on the manager's Home tab (each with a "Review this call" button). */
export type TTeamReviewRequests = { requests: (TReviewRequestSummary & { repName: string })[]; more: number };

/** A rep taking a request back (`/coach review request cancel`, or Withdraw on one of their requests). */
export type TWithdrawRequestView =
  | { kind: 'none' }
  | { kind: 'withdrawn'; url: string }
  | { kind: 'gone' }
  | { kind: 'choose'; requests: TReviewRequestSummary[] };
