import type { KnownBlock, SectionBlock } from '@slack/types';
import { mrkdwn } from './format';
import { REVIEW_IDS } from './review-ids';
import { triedMark } from './review-text';

/*
 * A review's "I tried it" and, once tried, "You tried it" with its Undo: one block whose id names the review, the
 * same in the rep's DM, their digest and their Home tab, so a click re-renders it in place (`withReviewTried`).
 */

const TRIED_BLOCK_PREFIX = 'review_tried_state:';

/** The id of the block holding a review's "I tried it" / Undo, the same in every message. */
export const reviewTriedBlockId = (reviewId: number) => `${TRIED_BLOCK_PREFIX}${reviewId}`;

/** "I tried it" (open) or the tried state with Undo, as one section block with the button beside it. */
export function reviewTriedBlock(reviewId: number, tried: boolean): SectionBlock {
  return {
    type: 'section',
    block_id: reviewTriedBlockId(reviewId),
    text: mrkdwn(tried ? `${triedMark(true, null)}.` : 'Tried the one thing on a call? Mark it here.'),
    accessory: {
      type: 'button',
      action_id: tried ? REVIEW_IDS.untried : REVIEW_IDS.tried,
      text: { type: 'plain_text', text: tried ? 'Undo' : 'I tried it', emoji: true },
      value: String(reviewId),
      ...(tried ? {} : { style: 'primary' as const }),
    },
  };
}

/**
 * A message's blocks with one review's "I tried it" block re-rendered (after a click): the rest of the message,
 * a DM or a digest, is kept exactly as it was. Null when the message holds no block for that review.
 */
export function withReviewTried(blocks: readonly KnownBlock[], reviewId: number, tried: boolean): KnownBlock[] | null {
  const id = reviewTriedBlockId(reviewId);
  if (!blocks.some((b) => 'block_id' in b && b.block_id === id)) return null;
  return blocks.map((b) => ('block_id' in b && b.block_id === id ? reviewTriedBlock(reviewId, tried) : b));
}

