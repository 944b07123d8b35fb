import { mrkdwnText } from '../../../domain/call-reviews';
import { AppError } from '../../../domain/errors';
import { openReviewForm } from '../../../services/call-reviews/open-review-form';
import { requestReview } from '../../../services/call-reviews/request-review';
import { withdrawRequest } from '../../../services/call-reviews/withdraw-request';
import { renderReviewModal, renderReviewRequested } from '../../blocks/review-modal';
import { renderWithdrawRequest } from '../../blocks/review-requests';
import { personFor } from '../../context';
import { NO_UNFURL } from '../../blocks/limits';
import { openReviewModal } from '../../review-replies';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach review @rep <link> [deal] [stage]`: the review form — or, naming yourself, a request to your manager. */
export async function reviewFromCommand({ ctx, me, parsed, command, respond, client, botUserId }: TCoachVerbArgs<'review'>): Promise<void> {
  // Canopy itself: its profile may not say it is a bot (nor give its name), and it has no calls.
  if (botUserId !== undefined && parsed.userId === botUserId) throw new AppError('not_allowed', `${mrkdwnText(parsed.userName ?? 'Canopy')} is a bot, so there is no call of theirs to review.`);
  const rep = await personFor(ctx, client, command.team_id, parsed.userId);
  const opened = await openReviewForm(ctx.db, me, { kind: 'rep', repId: rep.id, url: parsed.url, words: parsed.words }, ctx.now());
  if (opened.kind === 'requested') return void (await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderReviewRequested(opened.view) }));
  await openReviewModal(client, command.trigger_id, renderReviewModal(opened.view), respond, ctx.logger, 'Try `/coach review` again.');
}

/** `/coach review request <link> [note]`: asks the rep's manager; they see it on their Home tab and in the brief, not as a DM. */
export async function requestFromCommand({ ctx, me, parsed, respond }: TCoachVerbArgs<'review request'>): Promise<void> {
  const view = await requestReview(ctx.db, me, { url: parsed.url, note: parsed.note }, ctx.now());
  await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderReviewRequested(view) });
}

/** `/coach review request cancel [<link>]`: takes back that link's request or the rep's only open one, or lists them with a Withdraw button each. */
export async function cancelRequestFromCommand({ ctx, me, parsed, respond }: TCoachVerbArgs<'review request cancel'>): Promise<void> {
  const view = await withdrawRequest(ctx.db, me, parsed.which ?? { kind: 'only' }, ctx.now());
  await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderWithdrawRequest(view) });
}
