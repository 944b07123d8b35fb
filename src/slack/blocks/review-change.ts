import type { ActionsBlock, ConfirmationDialog, KnownBlock, ModalView, Overflow } from '@slack/types';
import { z } from 'zod';
import { escapeText, plainLabel } from './escape';
import { context, section } from './format';
import { fitFallbackText, fitMessage, fitView } from './limits';
import { REVIEW_IDS } from './review-ids';
import { reviewLink } from './review-text';
import type { TReviewDeletedView, TReviewDeletePrompt, TReviewEditedView } from './view-models/review-form';

/*
 * Correcting or taking back a shared review (its reviewer or an admin): Edit and Delete on the confirmation modal, a
 * menu on the brief's review lines, the question before deleting, and the answers.
 */

/** The brief's review menu: which choice, on which review. */
export const ZReviewMenuValue = z.object({ op: z.enum(['edit', 'delete']), reviewId: z.number().int().positive() });
export type TReviewMenuValue = z.infer<typeof ZReviewMenuValue>;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const NAME_MAX = 60;

/** "Delete this review? Dana will no longer see it." */
export function deleteQuestion(repName: string): string {
  return `Delete this review? ${repName} will no longer see it.`;
}

function deleteConfirm(repName: string): ConfirmationDialog {
  return {
    title: plain('Delete review'),
    text: plain(deleteQuestion(plainLabel(repName, NAME_MAX))),
    confirm: plain('Delete'),
    deny: plain('Keep it'),
    style: 'danger',
  };
}

/** Edit and Delete (Delete asks first), under a review its reader may change. */
export function reviewChangeButtons(reviewId: number, repName: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: `review_change_${reviewId}`,
    elements: [
      { type: 'button', action_id: REVIEW_IDS.edit, text: plain('Edit'), value: String(reviewId) },
      { type: 'button', action_id: REVIEW_IDS.delete, text: plain('Delete'), value: String(reviewId), style: 'danger', confirm: deleteConfirm(repName) },
    ],
  };
}

/** The brief's menu on a review line: Edit, Delete… (a menu cannot ask before one choice only: Delete asks in a message). */
export function reviewChangeMenu(reviewId: number): Overflow {
  const option = (op: TReviewMenuValue['op'], text: string) => ({ text: plain(text), value: JSON.stringify({ op, reviewId } satisfies TReviewMenuValue) });
  return { type: 'overflow', action_id: REVIEW_IDS.menu, options: [option('edit', 'Edit review'), option('delete', 'Delete review…')] };
}

/** The modal once a review is edited: what became of the rep's DM, and Edit / Delete again. */
export function renderReviewEditedModal(view: TReviewEditedView): ModalView {
  const name = escapeText(view.repName);
  const dm = {
    updated: `${name}'s DM about it now shows the new version, and so does their Home tab.`,
    updating: `${name}'s DM about it is being changed to the new version; their Home tab shows it already.`,
    not_updated: `I couldn't change the DM ${name} already has; their Home tab shows the new version.`,
    unsent: `${name} gets the new version: it's on their Home tab now, and their DM isn't sent yet.`,
    to_carry: `${name} gets the new version: it's on their Home tab now, and it comes with their next check-in or digest.`,
    carried: `Their Home tab shows the new version; the copy that came with an earlier check-in or digest keeps the old text.`,
  }[view.dm];
  return {
    type: 'modal',
    callback_id: `${REVIEW_IDS.form}_done`,
    title: plain('Review updated'),
    close: plain('Done'),
    blocks: fitView([section(`:white_check_mark: Saved. ${dm}`), reviewChangeButtons(view.reviewId, view.repName), context('Reviews are seen by the rep, their manager and admins only.')]),
  };
}

/** What a click on Delete comes to, as the words of the answer. */
export function reviewDeletedText(view: TReviewDeletedView): string {
  return view.kind === 'deleted'
    ? `Deleted. ${escapeText(view.repName)} will no longer see it${view.carried ? ' on their Home tab or in a DM; the copy that came with an earlier check-in or digest stays in that message' : ''}.`
    : "That review isn't there any more — it was deleted already. Nothing else to do.";
}

/** The modal after Delete on its confirmation (or an old button). */
export function renderReviewDeletedModal(view: TReviewDeletedView): ModalView {
  return {
    type: 'modal',
    callback_id: `${REVIEW_IDS.form}_done`,
    title: plain(view.kind === 'deleted' ? 'Review deleted' : 'Review'),
    close: plain('Done'),
    blocks: fitView([section(reviewDeletedText(view))]),
  };
}

/** The private answer in a message (the brief's menu, the delete prompt). */
export function renderReviewDeleted(view: TReviewDeletedView): { text: string; blocks: KnownBlock[] } {
  const text = reviewDeletedText(view);
  return { text: fitFallbackText(text), blocks: fitMessage([section(text)]) };
}

/** Delete chosen in the brief's menu: the question, privately, with the button that deletes. */
export function renderReviewDeletePrompt(prompt: TReviewDeletePrompt): { text: string; blocks: KnownBlock[] } {
  const name = escapeText(prompt.repName);
  const text = `Delete the review of ${reviewLink(prompt)}? ${name} will no longer see it in a DM or on their Home tab.`;
  return {
    text: fitFallbackText(escapeText(deleteQuestion(prompt.repName))),
    blocks: fitMessage([
      section(text),
      {
        type: 'actions',
        block_id: `review_delete_${prompt.reviewId}`,
        elements: [{ type: 'button', action_id: REVIEW_IDS.delete, text: plain('Delete review'), value: String(prompt.reviewId), style: 'danger' }],
      },
      context('To keep it, just leave this message.'),
    ]),
  };
}
