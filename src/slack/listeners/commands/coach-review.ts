import { openReviewForm } from '../../../services/call-reviews/open-review-form';
import { requestReview } from '../../../services/call-reviews/request-review';
import { renderReviewModal, renderReviewRequested } from '../../blocks/review-modal';
import { personFor } from '../../context';
import type { TCoachVerbArgs } from './coach-verb';

const COULD_NOT_OPEN = "I couldn't open the review form just now — Slack gives it three seconds. Try `/coach review` again.";
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/** `/coach review @rep <link> [deal] [stage]`: the review form — or, naming yourself, a request to your manager. */
export async function reviewFromCommand({ ctx, me, parsed, command, respond, client }: TCoachVerbArgs<'review'>): Promise<void> {
  const rep = await personFor(ctx, client, command.team_id, parsed.userId);
  const opened = openReviewForm(ctx.db, me, { kind: 'rep', repId: rep.id, url: parsed.url, words: parsed.words }, ctx.now());
  if (opened.kind === 'requested') return void (await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderReviewRequested(opened.view) }));
  try {
    await client.views.open({ trigger_id: command.trigger_id, view: renderReviewModal(opened.view) });
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not open the review modal');
    await respond({ response_type: 'ephemeral', text: COULD_NOT_OPEN });
  }
}

/** `/coach review request <link> [note]`: asks the rep's manager; they see it in their next brief, not as a DM. */
export async function requestFromCommand({ ctx, me, parsed, respond }: TCoachVerbArgs<'review request'>): Promise<void> {
  const view = requestReview(ctx.db, me, { url: parsed.url, note: parsed.note }, ctx.now());
  await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderReviewRequested(view) });
}
