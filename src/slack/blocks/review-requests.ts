import type { KnownBlock, SectionBlock } from '@slack/types';
import { inline } from './brief-sections';
import { recordingLink, truncate } from './escape';
import { context, divider, section } from './format';
import { displayName } from './home-format';
import { fitFallbackText, fitMessage } from './limits';
import { REVIEW_IDS } from './review-ids';
import type { TReviewRequestSummary, TTeamReviewRequests, TWithdrawRequestView } from './view-models/call-reviews';

/*
 * Reps' requests for a review where they are acted on outside the brief: the manager's Home tab (answer one) and the
 * rep's `/coach review request cancel` (take one back). Notes and links are the rep's text: escaped, never unfurled,
 * a mention in a note shown as text (it does not ping).
 */

/** The manager's Home tab: "Review requests" from their reps, each with "Review this call". Nothing when none. At most 8 blocks. */
export function teamRequestsBlocks(requests: TTeamReviewRequests | undefined): KnownBlock[] {
  if (!requests || requests.requests.length === 0) return [];
  const blocks: KnownBlock[] = [divider(), section('*Review requests* — calls your reps asked you to review')];
  for (const request of requests.requests) {
    const text = `*${displayName(request.repName)}* asked for feedback on ${requestLine(request)}`;
    blocks.push({ ...section(text), accessory: button(REVIEW_IDS.openRequest, 'Review this call', request.id) });
  }
  if (requests.more > 0) blocks.push(context(`…and ${requests.more} more. Answer the ones above to see the rest.`));
  return blocks;
}

/** The rep's answer to taking a request back. */
export function renderWithdrawRequest(view: TWithdrawRequestView): { text: string; blocks: KnownBlock[] } {
  if (view.kind === 'choose') {
    const text = view.requests.length === 1 ? 'Your open request — take it back?' : 'You have several open requests. Which one do you take back?';
    const blocks: KnownBlock[] = [section(text)];
    for (const request of view.requests.slice(0, 10)) blocks.push({ ...section(`You asked for feedback on ${requestLine(request)}`), accessory: button(REVIEW_IDS.withdrawRequest, 'Withdraw', request.id) });
    return { text, blocks: fitMessage(blocks) };
  }
  if (view.kind === 'no such') {
    const others = view.others > 0 ? ' `/coach review request cancel` lists the ones you have open.' : '';
    const text = `You have no open request about ${recordingLink(view.url, truncate(view.label, 80))}, so nothing was changed.${others}`;
    return { text: fitFallbackText(text), blocks: fitMessage([section(text)]) };
  }
  const text =
    view.kind === 'none'
      ? 'You have no open requests for a review, so there is nothing to take back.'
      : view.kind === 'gone'
        ? 'That request isn’t open any more — it was answered or taken back already. Nothing was changed.'
        : `:white_check_mark: Took back your request about ${recordingLink(view.url, truncate(view.label, 80))}. Your manager won’t see it any more.`;
  return { text: fitFallbackText(text), blocks: fitMessage([section(text)]) };
}

function requestLine(request: TReviewRequestSummary): string {
  const note = request.note ? ` — “${inline(request.note, 200)}”` : '';
  return `${recordingLink(request.url, request.label)}${note}`;
}

function button(actionId: string, label: string, id: number): SectionBlock['accessory'] {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label, emoji: true }, value: String(id) };
}
