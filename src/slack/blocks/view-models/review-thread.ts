import type { TClippedComment } from '../../../domain/review-comments';

/** A person as a review's thread names them. */
export type TThreadPersonRef = { slackUserId: string; name: string };

/** A rep's question as it reaches whoever answers it, in their DM. */
export type TRelayedQuestionView = {
  rep: TThreadPersonRef;
  url: string;
  /** The review's name in the reader's zone, as every surface names it (`reviewLabel`: 'gong.io call, Wed 2 Dec'). */
  label: string;
  /** Whose review it is: `you` when the reviewer receives it, else the reviewer's name (null: gone). */
  reviewer: 'you' | { name: string | null };
  question: TClippedComment;
};

/** What the rep is told in their review's thread after asking. */
export type TQuestionOutcomeView =
  /**
   * `answerIn`: where the answer will reach the rep — `here` (this thread, the default), the thread of their review's
   * DM, or a DM of its own (asked under an answer DM: answers go to the review's thread, or a new DM without one).
   */
  | { kind: 'sent'; to: TThreadPersonRef; question: TClippedComment; answerIn?: 'here' | 'review thread' | 'dm' }
  | { kind: 'nobody'; question: TClippedComment }
  | { kind: 'not sent' };

/** An answer as the rep reads it in their review's thread. */
export type TAnswerView = { author: TThreadPersonRef; answer: TClippedComment };

/** What the person answering is told in the relayed question's thread. */
export type TAnswerOutcomeView =
  | { kind: 'sent'; rep: TThreadPersonRef; answer: TClippedComment }
  | { kind: 'refused'; rep: TThreadPersonRef }
  | { kind: 'not sent'; rep: TThreadPersonRef };
