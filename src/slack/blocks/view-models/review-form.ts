/*
 * What the call-review services hand to the review modal and its confirmations (`src/slack/blocks/review-modal.ts`).
 */

/** The review modal as it opens. */
export type TReviewFormView = {
  /** The rep whose call it is; null when the reviewer still has to pick them (the shortcut on someone else's message). */
  rep: { id: number; name: string } | null;
  /** The recording link, checked; shown prefilled. */
  url: string;
  /** The shortcut on a message with several links: the others in it (the first one is `url`). */
  otherLinks?: string[];
  /** Answering a rep's request: its id and what they wrote (the link is theirs and not editable). */
  request?: { id: number; note: string | null; /** Its name, as the manager's Home tab lists it (`reviewLabel`). */ label: string };
  /** The rep's open deals (at most 100), most recently active first. */
  deals: { id: number; name: string; stageName: string }[];
  dealId?: number;
  /** A deal name typed after the link that fits none of the rep's open deals, or several: shown as a note, never an error. */
  dealNote?: { kind: 'none' | 'several'; name: string };
  /** The workspace's open stages. */
  stages: { key: string; name: string }[];
  callStage?: string;
  /** The one thing's stage as it opens: the rep's focus stage, else the call's stage. */
  oneThingStage?: string;
  /** The workspace's recordings to compare with (at most 100), newest first. */
  exemplars: { id: number; stage: string; stageName: string; title: string }[];
  /** Editing a shared review (the rep stays): its id, and its texts and recording as they are now. */
  editing?: { reviewId: number; wentWell: string; oneThing: string; exemplarId: number | null };
};

/** The form's fields, as a submission's errors name them. */
export type TReviewField = 'rep' | 'url' | 'deal' | 'callStage' | 'wentWell' | 'oneThing' | 'oneThingStage' | 'exemplar';

/** The rep's next check-in or weekly digest as the reviewer reads it: its local day ('Mon 14 Dec'; null: today) and time ('09:00'). */
export type TReviewCarrierView = { kind: 'checkin' | 'digest'; dayText: string | null; timeText: string };

/** What the reviewer sees once the review is shared. */
export type TReviewSharedView = {
  repName: string;
  /**
   * What becomes of the rep's DM, as the planner will decide it: `now`; `at` the start of their next working day (their
   * time); `carried` by their next check-in or weekly digest — because that is due within the hour (`soon`) or their
   * budget is spent (this `week`'s or `day`'s, `limitText` e.g. 'guided: 3 a week') — named with its day (null: today)
   * and time; or it waits, as a DM, until they are back: they `paused` Canopy (until `untilText`, a date), are `away`,
   * on a `holiday`; `held`: Canopy cannot DM them.
   */
  dm:
    | { kind: 'now' }
    | { kind: 'at'; whenText: string }
    | { kind: 'carried'; why: { kind: 'soon' } | { kind: 'budget'; period: 'week' | 'day'; limitText: string }; carrier: TReviewCarrierView | null }
    | { kind: 'paused'; untilText: string }
    | { kind: 'away' }
    | { kind: 'holiday'; holidayName: string }
    | { kind: 'held' };
  /** The request it answered, if any. */
  answeredRequest: boolean;
  /** The review, for its Edit and Delete buttons. */
  reviewId?: number;
};

/**
 * A review edited: the rep's DM was `updated` in place, or could `not_update` (Slack refused: their Home tab has the
 * new version), is `updating` (Slack had not answered within the form's time; the change goes on), or is `unsent` (still to go out, or carried by a check-in or digest: written from the review then).
 */
export type TReviewEditedView = { reviewId: number; repName: string; dm: 'updated' | 'updating' | 'not_updated' | 'unsent' | 'to_carry' | 'carried' };

/** A review deleted, or gone already (a second click, an old button). */
/** `carried`: the review came with a check-in or digest the rep already has, and that message keeps its copy. */
export type TReviewDeletedView = { kind: 'deleted'; repName: string; carried: boolean } | { kind: 'gone' };

/** The question asked before a review is deleted from the brief's menu. */
export type TReviewDeletePrompt = { reviewId: number; repName: string; url: string; label: string };

/** What a rep sees once they asked for a review. */
export type TReviewRequestedView =
  /** `label`: the request's name, as the rep's Home tab lists it (`reviewLabel`: 'gong.io call, Wed 2 Dec'). */
  | { kind: 'requested'; managerName: string; url: string; label: string; oneOnOneText: string | null }
  | { kind: 'already'; managerName: string; url: string; label: string; oneOnOneText: string | null };
