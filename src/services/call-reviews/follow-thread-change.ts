import { retryWhenBusy, type TDb } from '../../../db/client';
import { deleteReviewComment, findCallReview, findCommentBySource, findReviewDm, setCommentText, type TCallReviewCommentRow, type TCallReviewRow } from '../../../db/repositories/call-reviews';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { answerPlace, clipComment, mayAnswerQuestion, reviewCommentSourceRef, threadChangeAction, type TClippedComment } from '../../domain/review-comments';
import { renderAnswer, renderAnswerDm, renderRelayedQuestion } from '../../slack/blocks/review-thread';
import { reviewParty } from './review-party';
import { reviewLabelOf } from './review-summaries';
import type { TReviewThreadSlack, TThreadMessage, TThreadPosted } from './thread-port';

export type TThreadChange =
  | { kind: 'edited'; channel: string; user: string; text: string; ts: string }
  | { kind: 'deleted'; channel: string; ts: string };

export type TFollowThreadChangeInput = {
  db: TDb;
  slack: TReviewThreadSlack;
  workspaceId: string;
  /** The review whose thread (the rep's, or a question's copy) the change happened in. */
  reviewId: number;
  /** The question whose copy's thread the change happened in, when known (an answer's copy is then written as it was sent). */
  question?: TCallReviewCommentRow;
  change: TThreadChange;
  onError: (error: unknown, what: string) => void;
};

export type TFollowResult = 'edit ignored' | 'removed' | 'updated';

/**
 * An edit or deletion of a question or answer in a review's thread (SPEC §1 call reviews, §3): what is kept and the
 * copy passed on follow it, as logged activity follows edits — a deleted question leaves neither the brief nor the
 * manager's DM, and an edited one reads the same on both sides. Slack failing to change the copy is logged, never
 * thrown: what is kept already follows the author. Never activity.
 */
export async function followThreadChange(input: TFollowThreadChangeInput): Promise<TFollowResult> {
  const { db, change } = input;
  const comment = await findCommentBySource(db, input.workspaceId, reviewCommentSourceRef(change.channel, change.ts));
  if (!comment || comment.reviewId !== input.reviewId) return 'edit ignored';
  const review = await findCallReview(db, input.workspaceId, comment.reviewId);
  const rep = review && (await findPersonById(db, review.repId));
  const author = await findPersonById(db, comment.authorId);
  if (!review || !rep || !author) return 'edit ignored';
  const isQuestion = comment.authorId === rep.id;
  const copy = comment.relayChannel && comment.relayTs ? { channel: comment.relayChannel, ts: comment.relayTs } : null;
  const text = change.kind === 'edited' ? clipComment(change.text) : null;

  const holder = change.kind === 'edited' && isQuestion && copy ? await copyHolder(input, review, rep, copy) : null;
  const action = threadChangeAction({
    kind: change.kind,
    byAuthor: change.kind === 'edited' && change.user === author.slackUserId,
    text: text?.stored ?? '',
    relayed: copy !== null,
    isQuestion,
    mayPassOn: isQuestion ? holder !== null : mayAnswerQuestion(reviewParty(author), reviewParty(rep)),
  });

  if (action.kept === 'remove') await retryWhenBusy(() => deleteReviewComment(db, comment.id));
  if (action.kept === 'update') await retryWhenBusy(() => setCommentText(db, comment.id, text!.stored));
  if (action.copy === 'remove') {
    await input.slack.remove(copy!).catch((e: unknown) => input.onError(e, 'could not delete the copy of a deleted review comment'));
  }
  if (action.copy === 'update') {
    const message = await copyMessage(comment, { review, rep, author, holder, text: text!, db, question: input.question });
    await input.slack.update(copy!, message).catch((e: unknown) => input.onError(e, 'could not update the copy of an edited review comment'));
  }
  return action.kept === 'remove' ? 'removed' : action.kept === 'update' ? 'updated' : 'edit ignored';
}

type THolder = { isReviewer: boolean; tz: string };

/**
 * Who holds a question's copy — the reviewer or the rep's manager, whichever DM it is in — if they may still read
 * the review; null otherwise (the edit then stays with what is kept).
 */
async function copyHolder(input: TFollowThreadChangeInput, review: TCallReviewRow, rep: TPersonRow, copy: TThreadPosted): Promise<THolder | null> {
  const candidates = [
    { person: review.reviewerId !== null ? await findPersonById(input.db, review.reviewerId) : undefined, isReviewer: true },
    { person: rep.managerId !== null ? await findPersonById(input.db, rep.managerId) : undefined, isReviewer: false },
  ];
  for (const { person, isReviewer } of candidates) {
    if (!person || !mayAnswerQuestion(reviewParty(person), reviewParty(rep))) continue;
    try {
      if ((await input.slack.openDm(person.slackUserId)) === copy.channel) return { isReviewer, tz: person.tz };
    } catch (error) {
      input.onError(error, 'could not find whose DM holds a review question');
    }
  }
  return null;
}

async function copyMessage(
  comment: TCallReviewCommentRow,
  c: { review: TCallReviewRow; rep: TPersonRow; author: TPersonRow; holder: THolder | null; text: TClippedComment; db: TDb; question: TCallReviewCommentRow | undefined },
): Promise<TThreadMessage> {
  if (comment.authorId !== c.rep.id) {
    const author = { slackUserId: c.author.slackUserId, name: c.author.name };
    const place = answerPlace(c.question?.sourceRef ?? null, (await findReviewDm(c.db, c.review)) !== undefined);
    return place === 'dm' ? renderAnswerDm({ author, answer: c.text, url: c.review.url, label: await reviewLabelOf(c.db, c.review, c.rep.tz) }) : renderAnswer({ author, answer: c.text });
  }
  const reviewer = c.review.reviewerId !== null ? await findPersonById(c.db, c.review.reviewerId) : undefined;
  return renderRelayedQuestion({
    rep: { slackUserId: c.rep.slackUserId, name: c.rep.name },
    url: c.review.url,
    label: await reviewLabelOf(c.db, c.review, c.holder?.tz ?? c.rep.tz),
    reviewer: c.holder?.isReviewer ? 'you' : { name: reviewer?.name ?? null },
    question: c.text,
  });
}
