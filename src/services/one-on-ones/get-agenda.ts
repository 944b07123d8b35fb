import type { TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import type { TAgendaView } from '../../slack/blocks/view-models/one-on-ones';
import { findAuthorsOneOnOne, agendaView } from './agenda-rules';

/** The agenda of the person's next 1:1 (the one named, or with the person mentioned, or the rep's with their manager). */
export async function getAgenda(db: TDb, viewer: TPersonRow, input: { withSlackUserId?: string; oneOnOneId?: number }, now: Date): Promise<TAgendaView> {
  return agendaView(db, await findAuthorsOneOnOne(db, viewer, input), viewer, now);
}
