import type { AllMiddlewareArgs, App, BlockAction, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../../../domain/errors';
import { deleteReview, reviewToDelete } from '../../../services/call-reviews/delete-review';
import { openReviewEdit } from '../../../services/call-reviews/edit-review';
import { renderHomeProblemModal } from '../../blocks/home';
import { renderReviewDeleted, renderReviewDeletedModal, renderReviewDeletePrompt, ZReviewMenuValue } from '../../blocks/review-change';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { renderReviewModal } from '../../blocks/review-modal';
import { personFor, type TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { workspaceOf } from '../../payload';
import { reviewThreadSlack } from '../../review-relay';
import { NO_UNFURL } from '../../blocks/limits';
import { openReviewModal } from '../../review-replies';
import { buttonValue, refuseClick } from './button-values';

type TArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;

const BAD_BUTTON = "That button doesn't carry a review I recognise — nothing was changed.";
const SORRY = 'Something went wrong on my side — nothing was changed. Please try again in a minute.';

/** Edit and Delete on a shared review (its confirmation modal, the delete question) and the brief's Edit / Delete menu. */
export function registerReviewChangeActions(app: App, ctx: TSlackContext): void {
  app.action<BlockButtonAction>(REVIEW_IDS.edit, editReviewAction(ctx));
  app.action<BlockButtonAction>(REVIEW_IDS.delete, deleteReviewAction(ctx));
  app.action<BlockOverflowAction>(REVIEW_IDS.menu, reviewMenuAction(ctx));
}

const reviewIdOf = (value: string | undefined) => {
  if (!/^\d{1,12}$/.test(value ?? '')) throw new AppError('bad_input', BAD_BUTTON);
  return Number(value);
};

/** The modal the button is in, if it is in one (the review's confirmation). */
function modalOf(body: BlockAction): { id: string; hash: string } | null {
  return body.view && body.view.type === 'modal' ? { id: body.view.id, hash: body.view.hash } : null;
}

/** Replaces the modal the click came from; a failure is logged (the modal stays as it was). */
async function updateModal(ctx: TSlackContext, client: WebClient, modal: { id: string; hash: string }, view: ModalView): Promise<void> {
  await client.views.update({ view_id: modal.id, hash: modal.hash, view }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not update the review modal'));
}

/** A refusal or note in a modal: the modal says it (it has no thread to answer in). */
async function refuseInModal(ctx: TSlackContext, client: WebClient, modal: { id: string; hash: string }, error: unknown, what: string): Promise<void> {
  if (!(error instanceof AppError)) ctx.logger.error({ err: error }, `${what} failed`);
  await updateModal(ctx, client, modal, renderHomeProblemModal(error instanceof AppError ? error.message : SORRY));
}

/** Edit on the review's confirmation: the modal turns into the review form, filled in with the review as it is. */
export function editReviewAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TArgs<BlockButtonAction>) => {
    await ack();
    const modal = modalOf(body);
    try {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const view = renderReviewModal(await openReviewEdit(ctx.db, me, reviewIdOf(action.value), ctx.now()));
      if (modal) return void (await updateModal(ctx, client, modal, view));
      await openReviewModal(client, body.trigger_id, view, respond, ctx.logger, 'Click Edit again.');
    } catch (error) {
      if (modal) return void (await refuseInModal(ctx, client, modal, error, 'review edit button'));
      await refuseClick(respond, error, ctx.logger, 'review edit button');
    }
  };
}

/**
 * Delete (it asked first): the review is deleted and the clicker told so where they clicked — the modal says it, a
 * message gets a private answer in place of the question. A second click or an old button gets a note.
 */
export function deleteReviewAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TArgs<BlockButtonAction>) => {
    await ack();
    const modal = modalOf(body);
    try {
      const workspaceId = workspaceOf(body);
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      const onError = (err: unknown, what: string) => ctx.logger.warn({ err }, what);
      const done = await deleteReview({ db: ctx.db, slack: reviewThreadSlack(client), actor: me, reviewId: reviewIdOf(action.value), now: ctx.now(), onError });
      if (done.rep) refreshHome(ctx, client, workspaceId, done.rep.slackUserId);
      if (modal) return void (await updateModal(ctx, client, modal, renderReviewDeletedModal(done.view)));
      // The question is a private message: the answer takes its place. Anywhere else, it comes under it.
      const ephemeral = body.container?.is_ephemeral === true;
      await respond({ response_type: 'ephemeral', replace_original: ephemeral, ...renderReviewDeleted(done.view) });
    } catch (error) {
      if (modal) return void (await refuseInModal(ctx, client, modal, error, 'review delete button'));
      await refuseClick(respond, error, ctx.logger, 'review delete button');
    }
  };
}

/**
 * The brief's menu on a review line: Edit opens the form filled in; Delete asks first, privately (a menu cannot ask
 * before one of its choices only). Who may is checked now; the brief stays as it was.
 */
export function reviewMenuAction(ctx: TSlackContext) {
  return async ({ ack, body, action, respond, client }: TArgs<BlockOverflowAction>) => {
    await ack();
    try {
      const choice = buttonValue(action.selected_option?.value, ZReviewMenuValue, BAD_BUTTON);
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      if (choice.op === 'edit') {
        const view = renderReviewModal(await openReviewEdit(ctx.db, me, choice.reviewId, ctx.now()));
        return void (await openReviewModal(client, body.trigger_id, view, respond, ctx.logger, 'Pick Edit again.'));
      }
      const asked = await reviewToDelete(ctx.db, me, choice.reviewId);
      const message = asked.kind === 'ask' ? renderReviewDeletePrompt(asked.prompt) : renderReviewDeleted({ kind: 'gone' });
      await respond({ response_type: 'ephemeral', replace_original: false, ...NO_UNFURL, ...message });
    } catch (error) {
      await refuseClick(respond, error, ctx.logger, 'review menu');
    }
  };
}
