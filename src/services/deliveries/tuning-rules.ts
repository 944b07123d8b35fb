import { type TDb } from '../../../db/client';
import { findDeliveryById, type TDeliveryRow } from '../../../db/repositories/deliveries';
import { findPersonById, setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';
import { type TNudgeKind } from '../../domain/nudge-policy';
import { mergePreferences } from '../../domain/preferences';

/*
 * The one-click tuning on unsolicited messages (SPEC §2: "offers a one-click way to tune or pause it"):
 * Snooze (this kind of nudge, 7 days), Fewer of these (this kind off), Fewer check-ins (daily → weekly → none),
 * each with its undo. Only the person the message was sent to may change anything from it.
 */

export const SNOOZE_DAYS = 7;

export type TNudgeFeedbackOp = 'snooze' | 'fewer' | 'undo_snooze' | 'undo_fewer';

export type TNudgeFeedback =
  | { op: 'snooze'; nudge: TNudgeKind; until: Date; untilText: string }
  | { op: 'fewer' | 'undo_snooze' | 'undo_fewer'; nudge: TNudgeKind };

export type TCheckinSetting = 'auto' | 'daily' | 'weekly' | 'off';

export type TCheckinFeedback = {
  /** The cadence of the check-in clicked on. */
  cadence: 'daily' | 'weekly';
  /** The setting before, for Undo. */
  restore: TCheckinSetting;
  /** What the person gets now. */
  now: 'daily' | 'weekly' | 'off';
};

export const NOT_YOURS = 'This message was sent to someone else — only they can change what they get.';

export const GONE = "I can't find the message that button belongs to any more — nothing was changed.";

/** The delivery the button was on, if it is of that kind and was sent to the clicker; else a refusal. */
export async function deliveryFor(db: TDb, clicker: TPersonRow, deliveryId: number, kind: 'nudge' | 'checkin'): Promise<TDeliveryRow> {
  const row = await findDeliveryById(db, deliveryId);
  if (!row || row.kind !== kind) throw new AppError('not_found', GONE);
  const recipient = await findPersonById(db, row.recipientId);
  if (!recipient || recipient.id !== clicker.id || recipient.workspaceId !== clicker.workspaceId) throw new AppError('not_allowed', NOT_YOURS);
  return row;
}

export async function save(db: TDb, person: TPersonRow, change: Parameters<typeof mergePreferences>[1]): Promise<void> {
  await setPreferences(db, person.id, mergePreferences(person.preferences, change));
}

export function cadenceOf(row: TDeliveryRow): 'daily' | 'weekly' {
  return /-W\d{2}$/.test(row.periodKey) ? 'weekly' : 'daily';
}
