import type { TThreadPersonRef } from './review-thread';

/*
 * A rep asking about a review from one of its cards outside the review's own DM (a check-in, a digest, the Home
 * tab): the small form, and what it turns into once sent (src/slack/blocks/review-ask.ts). Texts raw; escaped there.
 */

/** The form: which review (its link and name), and who the question goes to (null: nobody — kept for the next 1:1). */
export type TAskFormView = { reviewId: number; url: string; label: string; to: TThreadPersonRef | null };

/** What became of the question. */
export type TAskOutcomeView =
  | { kind: 'sent'; to: TThreadPersonRef }
  | { kind: 'nobody' }
  /** Slack delivered the same form twice: it was passed on already. */
  | { kind: 'duplicate' };
