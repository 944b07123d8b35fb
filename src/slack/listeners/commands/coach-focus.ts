import { findPersonBySlackId } from '../../../../db/repositories/people';
import { getFocus } from '../../../services/get-focus';
import { renderFocus } from '../../blocks/focus';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach focus [@rep]`: the rep's focus area; a manager or admin may ask about one of their reps. */
export async function showFocus({ ctx, me, parsed, command, respond }: TCoachVerbArgs<'focus'>): Promise<void> {
  const repId = parsed.userIds[0];
  const rep = repId ? findPersonBySlackId(ctx.db, command.team_id, repId) : me;
  if (!rep) return void (await respond({ response_type: 'ephemeral', text: "I can only show a rep's coaching to them, their manager and admins." }));
  await respond({ response_type: 'ephemeral', ...renderFocus(getFocus(ctx.db, me, rep, ctx.now())) });
}
