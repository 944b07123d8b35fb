import { DateTime, IANAZone } from 'luxon';
import { retryWhenBusy, type TDb } from '../../../db/client';
import { findDeliveryById, type TDeliveryRow } from '../../../db/repositories/deliveries';
import { findLatestTierSnapshot } from '../../../db/repositories/coaching-snapshots';
import { findPersonById, setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { nudgeKindOf } from '../../domain/checkin-nudge-schedule';
import { AppError } from '../../domain/errors';
import { checkinCadence, type TNudgeKind } from '../../domain/nudge-policy';
import { mergePreferences, readPreferences } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';

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

type TCheckinSetting = 'auto' | 'daily' | 'weekly' | 'off';
export type TCheckinFeedback = {
  /** The cadence of the check-in clicked on. */
  cadence: 'daily' | 'weekly';
  /** The setting before, for Undo. */
  restore: TCheckinSetting;
  /** What the person gets now. */
  now: 'daily' | 'weekly' | 'off';
};

const NOT_YOURS = 'This message was sent to someone else — only they can change what they get.';
const GONE = "I can't find the message that button belongs to any more — nothing was changed.";

/** Snooze, turn off, or undo either for the kind of nudge the delivery was. */
export function nudgeFeedback(db: TDb, clicker: TPersonRow, input: { deliveryId: number; nudge: TNudgeKind; op: TNudgeFeedbackOp }, now: Date): Promise<TNudgeFeedback> {
  return retryWhenBusy(() => nudgeFeedbackNow(db, clicker, input, now));
}

function nudgeFeedbackNow(db: TDb, clicker: TPersonRow, input: { deliveryId: number; nudge: TNudgeKind; op: TNudgeFeedbackOp }, now: Date): TNudgeFeedback {
  const row = deliveryFor(db, clicker, input.deliveryId, 'nudge');
  if (nudgeKindOf(row.periodKey) !== input.nudge) throw new AppError('bad_input', GONE);
  const prefs = readPreferences(clicker.preferences);
  const { nudge } = input;
  if (input.op === 'snooze') {
    const tz = IANAZone.isValidZone(clicker.tz) ? clicker.tz : 'UTC';
    const until = DateTime.fromJSDate(now, { zone: tz }).plus({ days: SNOOZE_DAYS });
    save(db, clicker, { nudgeSnoozes: { ...prefs.nudgeSnoozes, [nudge]: until.toUTC().toISO()! } });
    return { op: 'snooze', nudge, until: until.toJSDate(), untilText: formatMeetingTime(until, tz) };
  }
  if (input.op === 'undo_snooze') {
    const { [nudge]: _dropped, ...rest } = prefs.nudgeSnoozes;
    save(db, clicker, { nudgeSnoozes: rest });
  } else if (input.op === 'fewer') {
    if (!prefs.nudgesOff.includes(nudge)) save(db, clicker, { nudgesOff: [...prefs.nudgesOff, nudge] });
  } else {
    save(db, clicker, { nudgesOff: prefs.nudgesOff.filter((k) => k !== nudge) });
  }
  return { op: input.op, nudge };
}

/** Fewer check-ins: daily becomes weekly, weekly becomes none. Twice in a row is harmless. */
export function fewerCheckins(db: TDb, clicker: TPersonRow, deliveryId: number, now: Date): Promise<TCheckinFeedback> {
  return retryWhenBusy(() => fewerCheckinsNow(db, clicker, deliveryId, now));
}

function fewerCheckinsNow(db: TDb, clicker: TPersonRow, deliveryId: number, now: Date): TCheckinFeedback {
  const row = deliveryFor(db, clicker, deliveryId, 'checkin');
  const prefs = readPreferences(clicker.preferences);
  const tier = findLatestTierSnapshot(db, clicker.id, now)?.tier ?? null;
  const current = checkinCadence(tier, prefs);
  const next = current === 'daily' ? 'weekly' : 'off';
  if (current !== 'off') save(db, clicker, { checkins: next });
  return { cadence: cadenceOf(row), restore: prefs.checkins, now: current === 'off' ? 'off' : next };
}

/** Undo of Fewer check-ins: the setting as it was. */
export function restoreCheckins(db: TDb, clicker: TPersonRow, deliveryId: number, restore: TCheckinSetting, now: Date): Promise<TCheckinFeedback> {
  return retryWhenBusy(() => restoreCheckinsNow(db, clicker, deliveryId, restore, now));
}

function restoreCheckinsNow(db: TDb, clicker: TPersonRow, deliveryId: number, restore: TCheckinSetting, now: Date): TCheckinFeedback {
  const row = deliveryFor(db, clicker, deliveryId, 'checkin');
  const prefs = readPreferences(clicker.preferences);
  save(db, clicker, { checkins: restore });
  const tier = findLatestTierSnapshot(db, clicker.id, now)?.tier ?? null;
  return { cadence: cadenceOf(row), restore: prefs.checkins, now: checkinCadence(tier, { ...prefs, checkins: restore }) };
}

/** The delivery the button was on, if it is of that kind and was sent to the clicker; else a refusal. */
function deliveryFor(db: TDb, clicker: TPersonRow, deliveryId: number, kind: 'nudge' | 'checkin'): TDeliveryRow {
  const row = findDeliveryById(db, deliveryId);
  if (!row || row.kind !== kind) throw new AppError('not_found', GONE);
  const recipient = findPersonById(db, row.recipientId);
  if (!recipient || recipient.id !== clicker.id || recipient.workspaceId !== clicker.workspaceId) throw new AppError('not_allowed', NOT_YOURS);
  return row;
}

function save(db: TDb, person: TPersonRow, change: Parameters<typeof mergePreferences>[1]): void {
  setPreferences(db, person.id, mergePreferences(person.preferences, change));
}

function cadenceOf(row: TDeliveryRow): 'daily' | 'weekly' {
  return /-W\d{2}$/.test(row.periodKey) ? 'weekly' : 'daily';
}
