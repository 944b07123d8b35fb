/**
 * A shared call review, the one view of it every surface renders: the rep's DM and weekly digest, their Home tab, the
 * manager's brief, `/coach focus`. Texts and links are raw: the renderers escape them (`inline`, `recordingLink`).
 * `reviewerName` null means the reviewer was forgotten: shown as `FORMER_COLLEAGUE`.
 */
export type TReviewSummary = {
  id: number;
  /** The recording's link, checked as http(s) when it was stored (`checkRecordingLink`). */
  url: string;
  /** What the link is shown as: the deal and the day, or the site and the day (`reviewLabel`). */
  label: string;
  reviewerName: string | null;
  /** When it was shared, relative to the surface's `now` ('3 days ago'). */
  sharedAgo: string;
  dealName: string | null;
  /** The stage the call was in, by its name in the selling system. */
  callStageName: string | null;
  wentWell: string;
  oneThing: string;
  /** The one thing's stage, by name (`stageNamer`); null when the review names none (nothing is shown then). */
  oneThingStageName: string | null;
  /** The team's exemplar recording to compare with. */
  exemplar: { title: string; url: string } | null;
  tried: boolean;
};

/**
 * A review under which its rep can ask a question (their DM, a check-in or digest carrying it, their Home tab):
 * `askName` is whoever the question goes to now (`questionRecipient`: the reviewer, else the rep's current manager),
 * raw; null when nobody may take it ("your manager").
 */
export type TAskableReview = TReviewSummary & { askName: string | null };

/** A rep's open request for a review. */
export type TReviewRequestSummary = {
  id: number;
  url: string;
  /** The site and the day it was asked (`reviewLabel`, no deal yet). */
  label: string;
  note: string | null;
  askedOn: string;
};

/** The rep's "Call reviews" on their Home tab: the last few reviews, older "one things" still open, open requests. */
export type THomeReviews = {
  /** The last `HOME_REVIEWS_SHOWN` shared reviews, newest first. */
  recent: TAskableReview[];
  /** Open one things older than the recent ones (at most `HOME_REVIEWS_SHOWN`), newest first, and how many more. */
  olderOpen: TAskableReview[];
  olderOpenMore: number;
  /** Requests the rep made that nobody answered yet, oldest first, with who was asked. */
  requests: TReviewRequestSummary[];
  managerName: string | null;
  /** Whether the rep has someone to ask (a manager): the empty section's hint says how. */
  canAsk: boolean;
};

/**
 * One review in the manager's brief: whether the rep tried the one thing, what they asked about it, whether the
 * brief's reader wrote it, and whether they may edit or delete it (its reviewer while the rep is on their team, an admin).
 */
export type TBriefReview = TReviewSummary & { questions: number; lastQuestion: string | null; byReader: boolean; changeable?: boolean };

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
  /** `label`: the request's name, as the rep's Home tab listed it (`reviewLabel`). */
  | { kind: 'withdrawn'; url: string; label: string }
  | { kind: 'gone' }
  /** No open request for that link; `others`: how many other requests are open. */
  | { kind: 'no such'; url: string; label: string; others: number }
  | { kind: 'choose'; requests: TReviewRequestSummary[] };
