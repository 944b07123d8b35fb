import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { plainMessage } from '../../../domain/call-reviews';
import { AppError } from '../../../domain/errors';
import { askFromReviewCard } from '../../../services/call-reviews/ask-from-review-card';
import { ASK_BLOCK, ASK_INPUT, renderAskOutcomeModal, ZAskFormMetadata } from '../../blocks/review-ask';
import { REVIEW_IDS } from '../../blocks/review-ids';
import { personFor, type TSlackContext } from '../../context';
import { workspaceOf } from '../../payload';
import { reviewThreadSlack } from '../../review-relay';
import { metadataOf } from './metadata';

type TViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const EXPIRED = 'This form has expired — close it and use the button under the review again.';
const SORRY = 'Something went wrong on my side — nothing was sent. Please try again in a minute.';

/** The "Ask … a question" form of a review card. */
export function registerReviewAskViews(app: App, ctx: TSlackContext): void {
  app.view<ViewSubmitAction>(REVIEW_IDS.askForm, reviewAskSubmission(ctx));
}

/**
 * A question sent from a review card: passed on like a reply in the review DM's thread; the form turns into where it
 * went. When it could not be passed on, the form stays open with the reason on its field (nothing typed is lost).
 */
export function reviewAskSubmission(ctx: TSlackContext) {
  return async ({ ack, body, view, client }: TViewArgs) => {
    const meta = metadataOf(view.private_metadata, ZAskFormMetadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [ASK_BLOCK]: EXPIRED } }));
    try {
      const me = await personFor(ctx, client, workspaceOf(body), body.user.id);
      const result = await askFromReviewCard({
        db: ctx.db,
        slack: reviewThreadSlack(client),
        me,
        reviewId: meta.reviewId,
        text: view.state.values[ASK_BLOCK]?.[ASK_INPUT]?.value ?? '',
        viewId: view.id,
        now: ctx.now(),
        onError: (err, what) => ctx.logger.warn({ err, reviewId: meta.reviewId }, what),
      });
      if (!result.ok) return void (await ack({ response_action: 'errors', errors: { [ASK_BLOCK]: result.error } }));
      await ack({ response_action: 'update', view: renderAskOutcomeModal(result.view) });
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'ask about a review form failed');
      const message = error instanceof AppError ? plainMessage(error.message) : SORRY;
      await ack({ response_action: 'errors', errors: { [ASK_BLOCK]: message } }).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not answer the form'));
    }
  };
}
