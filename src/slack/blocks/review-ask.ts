import type { ActionsBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { REVIEW_TEXT_MAX } from '../../domain/call-reviews';
import { escapeText, plainLabel, truncate } from './escape';
import { context, section } from './format';
import { fitView } from './limits';
import { REVIEW_IDS } from './review-ids';
import { reviewLink } from './review-text';
import type { TAskFormView, TAskOutcomeView } from './view-models/review-ask';
import type { TThreadPersonRef } from './view-models/review-thread';

/*
 * "Ask <reviewer> a question" on a review card outside the review's own DM — carried by a check-in or digest (whose
 * thread replies are activity logs) or on the Home tab — and the small form it opens. The question goes the same way
 * as a reply in the review DM's thread; the answer comes back as a DM.
 */

/** The form's one input block; its action id is `value`. */
export const ASK_BLOCK = 'review_ask_question';
export const ASK_INPUT = 'value';

/** What the form carries: the review asked about. */
export const ZAskFormMetadata = z.object({ reviewId: z.number().int().positive() });
export type TAskFormMetadata = z.infer<typeof ZAskFormMetadata>;

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const BUTTON_TEXT_MAX = 75;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const who = (p: TThreadPersonRef) => (SLACK_USER_ID.test(p.slackUserId) ? `<@${p.slackUserId}>` : `*${escapeText(truncate(p.name || 'someone', 80))}*`);

/** The id of a review's "Ask … a question" block, the same in every message and on the Home tab. */
export const reviewAskBlockId = (reviewId: number) => `review_ask:${reviewId}`;

/**
 * The button under a review card: "Ask Olga a question" — the first name of whoever the question goes to now (the
 * card's `askName`: the reviewer, or the rep's current manager once the reviewer is gone or lost the rep); nobody:
 * "Ask your manager".
 */
export function reviewAskBlock(reviewId: number, askName: string | null): ActionsBlock {
  const first = askName?.trim().split(/\s+/)[0] ?? '';
  const whom = first !== '' ? plainLabel(first, 40) : 'your manager';
  return {
    type: 'actions',
    block_id: reviewAskBlockId(reviewId),
    elements: [{ type: 'button', action_id: REVIEW_IDS.ask, text: { type: 'plain_text', text: truncate(`Ask ${whom} a question`, BUTTON_TEXT_MAX), emoji: true }, value: String(reviewId) }],
  };
}

/** The form: one question, at most `REVIEW_TEXT_MAX.comment` characters, and who reads it. */
export function renderAskModal(view: TAskFormView): ModalView {
  const metadata: TAskFormMetadata = { reviewId: view.reviewId };
  const whom = view.to
    ? `It goes to ${who(view.to)}; their answer comes to you as a DM from me.`
    : `You have no manager in Canopy, so there's nobody to pass it to right now: it's kept with the review for your next 1:1.`;
  return {
    type: 'modal',
    callback_id: REVIEW_IDS.askForm,
    private_metadata: JSON.stringify(metadata),
    title: plain('Ask about a review'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: fitView([
      section(`Your question about the review of ${reviewLink(view)}`),
      {
        type: 'input',
        block_id: ASK_BLOCK,
        label: plain('Question'),
        element: { type: 'plain_text_input', action_id: ASK_INPUT, multiline: true, max_length: REVIEW_TEXT_MAX.comment, placeholder: plain('What would you like to know?') },
      },
      context(`${whom} Reviews are seen by you, your manager and admins only.`),
    ]),
  };
}

/** The form once sent. */
export function renderAskOutcomeModal(view: TAskOutcomeView): ModalView {
  const text =
    view.kind === 'sent'
      ? `:white_check_mark: Sent to ${who(view.to)}. Their answer will come to you as a DM from me.`
      : view.kind === 'duplicate'
        ? ':white_check_mark: Your question was sent already. The answer will come to you as a DM from me.'
        : "There's nobody I can pass this to right now: you have no manager in Canopy. Your question is kept with the review, so you can bring it up at your next 1:1.";
  return { type: 'modal', callback_id: `${REVIEW_IDS.askForm}_done`, title: plain('Ask about a review'), close: plain('Done'), blocks: fitView([section(text)]) };
}

