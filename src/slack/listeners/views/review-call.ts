import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { plainMessage } from '../../../domain/call-reviews';
import { AppError } from '../../../domain/errors';
import { editReview } from '../../../services/call-reviews/edit-review';
import { shareReview } from '../../../services/call-reviews/share-review';
import { renderReviewEditedModal } from '../../blocks/review-change';
import type { TReviewField } from '../../blocks/view-models/review-form';
import { REVIEW_BLOCKS, REVIEW_INPUT, renderReviewSharedModal, ZReviewFormMetadata } from '../../blocks/review-modal';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { personFor, type TSlackContext } from '../../context';
import { refreshHome } from '../../home';
import { workspaceOf } from '../../payload';
import { reviewThreadSlack } from '../../review-relay';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type TValues = ViewSubmitAction['view']['state']['values'];

const EXPIRED = 'This form has expired — close it and start the review again.';
const SORRY = 'Something went wrong on my side — nothing was saved. Please try again in a minute.';

/** The call-review form. */
export function registerReviewCallViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(REVIEW_IDS.form, reviewSubmission(ctx));
}

/**
 * A review submitted: field problems are shown on their fields (the modal stays open, nothing is lost); once
 * shared, the modal says who gets it and when, and the rep's Home tab is refreshed. An edited review (the form
 * names it) is saved in its place, the rep's DM changed if they have it, and the modal says so.
 */
export function reviewSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const meta = metadataOf(view.private_metadata, ZReviewFormMetadata);
    // The went-well input is on every form: errors with no field of their own go there.
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [REVIEW_BLOCKS.wentWell]: EXPIRED } }));
    const workspaceId = workspaceOf(body);
    const values = view.state.values;
    const shown = (field: TReviewField) => values[REVIEW_BLOCKS[field]] !== undefined;
    const fieldErrors = (found: Partial<Record<TReviewField, string>>) => {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(found) as [TReviewField, string][]) errors[REVIEW_BLOCKS[shown(field) ? field : 'wentWell']] = message;
      return errors;
    };
    const fields = {
      url: meta.url ?? values[REVIEW_BLOCKS.url]?.[REVIEW_INPUT]?.value ?? '',
      dealId: selected(values, REVIEW_BLOCKS.deal),
      callStage: selected(values, REVIEW_BLOCKS.callStage),
      wentWell: values[REVIEW_BLOCKS.wentWell]?.[REVIEW_INPUT]?.value ?? '',
      oneThing: values[REVIEW_BLOCKS.oneThing]?.[REVIEW_INPUT]?.value ?? '',
      oneThingStage: selected(values, REVIEW_BLOCKS.oneThingStage),
      exemplarId: selected(values, REVIEW_BLOCKS.exemplar),
    };
    try {
      const me = await personFor(ctx, client, workspaceId, body.user.id);
      if (meta.reviewId != null) {
        const onError = (err: unknown, what: string) => ctx.logger.warn({ err }, what);
        const edited = await editReview({ db: ctx.db, slack: reviewThreadSlack(client), actor: me, reviewId: meta.reviewId, submission: fields, now: ctx.now(), onError });
        if (!edited.ok) return void (await ack({ response_action: 'errors', errors: fieldErrors(edited.errors) }));
        await ack({ response_action: 'update', view: renderReviewEditedModal(edited.view) });
        refreshHome(ctx, client, workspaceId, edited.rep.slackUserId);
        return;
      }
      let repId = meta.repId;
      if (repId === null) {
        const picked = values[REVIEW_BLOCKS.rep]?.[REVIEW_INPUT]?.selected_user;
        if (picked) repId = (await personFor(ctx, client, workspaceId, picked)).id;
      }
      const result = await shareReview(
        ctx.db,
        me,
        {
          repId,
          requestId: meta.requestId,
          ...fields,
          // The form itself: Slack may deliver the same submission twice; it is shared once.
          submissionRef: view.id || null,
        },
        ctx.now(),
      );
      if (!result.ok) return void (await ack({ response_action: 'errors', errors: fieldErrors(result.errors) }));
      await ack({ response_action: 'update', view: renderReviewSharedModal(result.view) });
      refreshHome(ctx, client, workspaceId, result.rep.slackUserId);
      // An answered request leaves the reviewer's own Home tab list.
      if (meta.requestId !== null) refreshHome(ctx, client, workspaceId, me.slackUserId);
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'review form failed');
      const message = error instanceof AppError ? plainMessage(error.message) : SORRY;
      await ack({ response_action: 'errors', errors: { [REVIEW_BLOCKS.wentWell]: message } }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not answer the form'));
    }
  };
}

/** A static select's picked value, or null. */
function selected(values: TValues, block: string): string | null {
  return values[block]?.[REVIEW_INPUT]?.selected_option?.value ?? null;
}
