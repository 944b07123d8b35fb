import { asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { upsertOneOnOne, type TOneOnOneRow } from '../../../db/repositories/one-on-ones';
import { setManager, setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { addPerson } from '../../support/db';
import { s } from '../../support/tables';

export type TPair = { manager: TPersonRow; rep: TPersonRow; oneOnOne: TOneOnOneRow };

/** Working every day, all day: a brief is due exactly `lead` before the meeting, whatever the hour the test runs at. */
export const ALWAYS_AT_WORK = { workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '00:00', workEnd: '23:59' };

/**
 * These tests are about the brief: the weekly digest is set for noon tomorrow (after the people were created,
 * so no earlier slot is owed), so a run at digest time doesn't send digests first and take the brief's fault
 * or the worker's hang.
 */
function digestNotNow(now: Date) {
  return { digestDay: DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: 1 }).weekday, digestTime: '12:00', digestChosen: true };
}

/**
 * A manager and a rep (Slack ids `U0M<tag>` / `U0R<tag>`) with a weekly 1:1, created directly through the
 * repositories (the scheduling command is not what is under test).
 */
export async function addOneOnOne(
  db: TDb,
  input: {
    workspaceId: string;
    tag: string;
    tz: string;
    weekday: number;
    localTime: string;
    createdAt: Date;
    managerPrefs?: Record<string, unknown>;
    repPrefs?: Record<string, unknown>;
  },
): Promise<TPair> {
  const manager = await addPerson(db, input.workspaceId, `U0M${input.tag}`, { name: `Morgan ${input.tag}`, tz: input.tz });
  const rep = await addPerson(db, input.workspaceId, `U0R${input.tag}`, { name: `Dana ${input.tag}`, tz: input.tz });
  await setManager(db, rep.id, manager.id);
  if (input.managerPrefs) await setPreferences(db, manager.id, input.managerPrefs);
  if (input.repPrefs) await setPreferences(db, rep.id, input.repPrefs);
  const anchorDate = DateTime.fromJSDate(input.createdAt, { zone: input.tz }).toISODate()!;
  const { row } = await upsertOneOnOne(
    db,
    { workspaceId: input.workspaceId, managerId: manager.id, repId: rep.id, cadence: 'weekly', weekday: input.weekday, localTime: input.localTime, tz: input.tz, anchorDate },
    input.createdAt,
  );
  return { manager: { ...manager, preferences: input.managerPrefs ?? manager.preferences }, rep: { ...rep, managerId: manager.id, preferences: input.repPrefs ?? rep.preferences }, oneOnOne: row };
}

/**
 * A 1:1 whose next meeting starts `minutesAhead` after `now` (UTC, to the minute), with a manager who works
 * around the clock and wants the brief `leadMinutes` before: for job tests that run on the real clock.
 */
export async function addOneOnOneStartingSoon(db: TDb, input: { workspaceId: string; tag: string; now: Date; minutesAhead: number; leadMinutes?: number }): Promise<TPair & { meetingStart: Date }> {
  const start = DateTime.fromJSDate(input.now, { zone: 'utc' }).plus({ minutes: input.minutesAhead }).startOf('minute');
  const pair = await addOneOnOne(db, {
    workspaceId: input.workspaceId,
    tag: input.tag,
    tz: 'UTC',
    weekday: start.weekday,
    localTime: start.toFormat('HH:mm'),
    createdAt: DateTime.fromJSDate(input.now).minus({ days: 1 }).toJSDate(),
    managerPrefs: { ...ALWAYS_AT_WORK, ...digestNotNow(input.now), briefLeadMinutes: input.leadMinutes ?? 60 },
    repPrefs: { ...ALWAYS_AT_WORK, ...digestNotNow(input.now) },
  });
  return { ...pair, meetingStart: start.toJSDate() };
}

export type TDeliveryRow = { id: number; kind: string; recipient_id: number; period_key: string; status: string; reason: string; error: string | null; slack_ts: string | null; attempts: number };

/** The delivery rows (of one workspace, or all), in id order, without timestamps that differ between runs. */
export async function deliveryRows(db: TDb, workspaceId?: string): Promise<TDeliveryRow[]> {
  const d = s.deliveries;
  return db
    .select({ id: d.id, kind: d.kind, recipient_id: d.recipientId, period_key: d.periodKey, status: d.status, reason: d.reason, error: d.error, slack_ts: d.slackTs, attempts: d.attempts })
    .from(d)
    .where(workspaceId === undefined ? undefined : eq(d.workspaceId, workspaceId))
    .orderBy(asc(d.id));
}
