import { addExemplar as addToLibrary } from '../../../services/coaching/add-exemplar';
import { escapeText } from '../../blocks/escape';
import type { TCoachVerbArgs } from './coach-verb';

/** `/coach exemplar add <stage> <link> <title>`: grows the library reps see with their focus area. */
export async function addExemplar({ ctx, me, parsed, respond }: TCoachVerbArgs<'exemplar add'>): Promise<void> {
  const added = await addToLibrary(ctx.db, me, parsed);
  await respond({
    response_type: 'ephemeral',
    text: `:white_check_mark: Added “${escapeText(added.title)}” to the *${added.stage}* library. Reps whose focus is ${added.stage} will see it with \`/coach focus\`.`,
  });
}
