import { retryWhenBusy, writeTransaction, type TDb } from '../../../db/client';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { recordAuditEvent } from '../../../db/repositories/audit-events';
import { erasePersonRows } from '../../../db/repositories/personal-data';
import { AppError } from '../../domain/errors';
import { describePersonalData, type TPersonalDataSummary } from './describe-personal-data';
import { forgottenSubject } from './forgotten-subject';

/** How the erasure was asked for: by the person in Slack (`/coach forget-me`), or by an admin at the CLI (departed staff). */
export type TForgetVia = 'slack' | 'cli';

/** What was deleted, and whom to tell: their manager, their reps, and the other side of each 1:1 that was cancelled. */
export type TForgetResult = TPersonalDataSummary & { via: TForgetVia; tell: TPersonalDataSummary['counterparts'] };

/**
 * `/coach forget-me` and `npm run cli -- forget --yes` (SPEC §2 Privacy, §3): deletes every row that is the
 * person's or about them — private notes about them included — and cancels (removes) their 1:1s, in one
 * transaction; the person row itself goes too (other people's rows that pointed at them are anonymised, see
 * `erasePersonRows`). Keeps one audit line, `person.forgotten`, whose subject is a one-way hash of the Slack id.
 */
export async function forgetPerson(db: TDb, person: TPersonRow, via: TForgetVia, now: Date): Promise<TForgetResult> {
  return retryWhenBusy(() =>
    writeTransaction(db, async (tx) => {
      // Read again inside the transaction: a second click, or two admins, must not act on a person already gone.
      const current = await findPersonById(tx, person.id);
      if (!current || current.slackUserId !== person.slackUserId) {
        throw new AppError('not_found', 'There is nothing left to delete: this person was already forgotten.');
      }
      const summary = await describePersonalData(tx, current);
      await erasePersonRows(tx, current);
      await recordAuditEvent(tx, { workspaceId: current.workspaceId, actorId: null, via, action: 'person.forgotten', subject: forgottenSubject(current.workspaceId, current.slackUserId) }, now);
      return { ...summary, via, tell: summary.counterparts.filter((c) => c.isTheirManager || c.hasOneOnOne || c.reportsToThem) };
    }),
  );
}
