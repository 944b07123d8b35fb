import type { TDb } from '../../../db/client';
import { findPersonBySlackId, type TPersonRow } from '../../../db/repositories/people';
import { findPeopleByEmail } from '../../../db/repositories/personal-data';

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type TFoundPerson = { ok: true; person: TPersonRow } | { ok: false; message: string };

/** A known person of the workspace by Slack user id or e-mail address (the CLI's `export` and `forget`, for staff who may have left Slack). */
export async function findPersonByIdOrEmail(db: TDb, workspaceId: string, who: string): Promise<TFoundPerson> {
  const text = who.trim();
  if (SLACK_USER_ID.test(text)) {
    const person = await findPersonBySlackId(db, workspaceId, text);
    return person ? { ok: true, person } : { ok: false, message: `Nobody with Slack id ${text} in workspace ${workspaceId}.` };
  }
  if (!EMAIL.test(text)) return { ok: false, message: `'${text.slice(0, 60)}' is neither a Slack user id (U… or W…) nor an e-mail address.` };
  const found = await findPeopleByEmail(db, workspaceId, text);
  if (found.length === 0) return { ok: false, message: `Nobody with e-mail ${text} in workspace ${workspaceId}.` };
  if (found.length > 1) return { ok: false, message: `${found.length} people have e-mail ${text} (${found.map((p) => p.slackUserId).join(', ')}): give the Slack user id instead.` };
  return { ok: true, person: found[0]! };
}
