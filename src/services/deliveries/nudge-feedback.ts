import { DateTime, IANAZone } from 'luxon';
import { retryWhenBusy, type TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { nudgeKindOf } from '../../domain/checkin-nudge-schedule';
import { AppError } from '../../domain/errors';
import { type TNudgeKind } from '../../domain/nudge-policy';
import { readPreferences } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';
import { SNOOZE_DAYS, TNudgeFeedbackOp, TNudgeFeedback, GONE, deliveryFor, save } from './tuning-rules';

/** Snooze, turn off, or undo either for the kind of nudge the delivery was. */
export function nudgeFeedback(db: TDb, clicker: TPersonRow, input: { deliveryId: number; nudge: TNudgeKind; op: TNudgeFeedbackOp }, now: Date): Promise<TNudgeFeedback> {
  return retryWhenBusy(() => nudgeFeedbackNow(db, clicker, input, now));
}

async function nudgeFeedbackNow(db: TDb, clicker: TPersonRow, input: { deliveryId: number; nudge: TNudgeKind; op: TNudgeFeedbackOp }, now: Date): Promise<TNudgeFeedback> {
  const row = await deliveryFor(db, clicker, input.deliveryId, 'nudge');
  if (nudgeKindOf(row.periodKey) !== input.nudge) throw new AppError('bad_input', GONE);
  const prefs = readPreferences(clicker.preferences);
  const { nudge } = input;
  if (input.op === 'snooze') {
    const tz = IANAZone.isValidZone(clicker.tz) ? clicker.tz : 'UTC';
    const until = DateTime.fromJSDate(now, { zone: tz }).plus({ days: SNOOZE_DAYS });
    await save(db, clicker, { nudgeSnoozes: { ...prefs.nudgeSnoozes, [nudge]: until.toUTC().toISO()! } });
    return { op: 'snooze', nudge, until: until.toJSDate(), untilText: formatMeetingTime(until, tz) };
  }
  if (input.op === 'undo_snooze') {
    const { [nudge]: _dropped, ...rest } = prefs.nudgeSnoozes;
    await save(db, clicker, { nudgeSnoozes: rest });
  } else if (input.op === 'fewer') {
    if (!prefs.nudgesOff.includes(nudge)) await save(db, clicker, { nudgesOff: [...prefs.nudgesOff, nudge] });
  } else {
    await save(db, clicker, { nudgesOff: prefs.nudgesOff.filter((k) => k !== nudge) });
  }
  return { op: input.op, nudge };
}
