import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { linksInMessage } from '../../../domain/call-reviews';
import { openReviewForm } from '../../../services/call-reviews/open-review-form';
import { renderReviewModal, renderReviewRequested } from '../../blocks/review-modal';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { respondError } from '../../respond-error';
import { NO_UNFURL } from '../../blocks/limits';
import { openReviewModal } from '../../review-replies';

const NO_LINK = "I couldn't find a link to a recording in that message. Use *Review this call* on a message with the recording's link, or `/coach review @rep &lt;link&gt;`.";

/**
 * The "Review this call" message shortcut: the message's first recording link (the form says so when there are
 * others, and the link stays editable). A manager or admin gets the form for the message's author when they may
 * review them, else with a rep picker; a rep on their own message asks their manager for a review. Every answer but
 * the form is private, through the response_url.
 */
export function reviewCallShortcut(ctx: TSlackContext) {
  return async ({ ack, shortcut, respond, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    // Only a message shortcut carries a message (and a response_url); a forged global shortcut with this id has neither.
    if ((shortcut as { type?: string }).type !== 'message_action' || !shortcut.message) return;
    try {
      const [url, ...otherLinks] = linksInMessage(shortcut.message.text ?? '');
      if (!url) return void (await respond({ response_type: 'ephemeral', text: NO_LINK }));
      const workspaceId = workspaceOf(shortcut);
      const me = await personFor(ctx, client, workspaceId, shortcut.user.id);
      const authorSlackId = shortcut.message.user;
      const author = authorSlackId && !shortcut.message.bot_id ? await personFor(ctx, client, workspaceId, authorSlackId) : null;
      const opened = await openReviewForm(ctx.db, me, { kind: 'message', authorId: author?.id ?? null, url, otherLinks }, ctx.now());
      if (opened.kind === 'requested') return void (await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderReviewRequested(opened.view) }));
      await openReviewModal(client, shortcut.trigger_id, renderReviewModal(opened.view), respond, ctx.logger, 'Try the shortcut again.');
    } catch (error) {
      await respondError(respond, error, ctx.logger);
    }
  };
}
