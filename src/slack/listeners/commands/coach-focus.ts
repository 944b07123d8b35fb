import { findViewableRep } from '../../../services/teams/find-viewable-rep';
import { getFocus } from '../../../services/coaching/get-focus';
import { renderFocus } from '../../blocks/focus';
import type { TCoachVerbArgs } from './coach-verb';
import { NO_UNFURL } from '../../blocks/limits';

/** `/coach focus [@rep]`: the rep's focus area; a manager or admin may ask about one of their reps. */
export async function showFocus({ ctx, me, parsed, respond }: TCoachVerbArgs<'focus'>): Promise<void> {
  const rep = await findViewableRep(ctx.db, me, parsed.userIds[0]);
  if (!rep) return void (await respond({ response_type: 'ephemeral', text: "I can only show a rep's coaching to them, their manager and admins." }));
  // It holds recording links (the team's, the rep's reviewed calls): never unfurled.
  await respond({ response_type: 'ephemeral', ...NO_UNFURL, ...renderFocus(await getFocus(ctx.db, me, rep, ctx.now())) });
}
