import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { TDb } from '../../db/client';
import { findLatestTierSnapshot } from '../../db/repositories/coaching-snapshots';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { findPersonById, findPersonBySlackId, setPreferences, setSlackStatus, type TPersonRow } from '../../db/repositories/people';
import { createSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import type { TTier } from '../../src/domain/coaching/tiers';
import { mergePreferences, readPreferences, type TPreferences } from '../../src/domain/preferences';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { addPerson } from './db';
import { s } from './tables';

/*
 * The team of test/integration/no-nagging-simulation.test.ts: who works where, with which settings, and what
 * happens to them during the four weeks (a pause, Slack statuses, a deactivation), written down as ground truth.
 */

const LONDON = 'Europe/London';
const KOLKATA = 'Asia/Kolkata';
const SYDNEY = 'Australia/Sydney';
const LA = 'America/Los_Angeles';
const NEW_YORK = 'America/New_York';
export const SIM_ZONES = [LONDON, KOLKATA, SYDNEY, LA, NEW_YORK, 'America/Chicago'];

export type TInterval = { from: DateTime; to: DateTime };
export type TSimRep = { row: TPersonRow; tz: string; tier: TTier; prefs: TPreferences; paused: TInterval[]; away: TInterval[]; goneAt: DateTime | null };
export type TEvent = { at: DateTime; apply: () => Promise<unknown> };

// Per synthetic rep (2 managers × 6): zone, holiday calendar and own settings. Managers: London and Los Angeles.
const REP_SETUP: { tz: string; prefs?: Partial<TPreferences> }[] = [
  { tz: LONDON, prefs: { holidayCountry: 'GB', holidayRegion: 'ENG' } },
  { tz: KOLKATA, prefs: { holidayCountry: 'IN' } },
  { tz: LONDON, prefs: { holidayCountry: 'GB', holidayRegion: 'ENG', workingDays: [1, 2, 3, 4], workStart: '08:00', workEnd: '14:00' } },
  { tz: SYDNEY, prefs: { holidayCountry: 'AU', holidayRegion: 'NSW', digestDay: 5, digestTime: '16:00', digestChosen: true } },
  { tz: KOLKATA },
  { tz: LONDON, prefs: { digestDay: 7, digestTime: '20:00', digestChosen: true } },
  { tz: LA, prefs: { holidayCountry: 'US', holidayRegion: 'CA' } },
  { tz: NEW_YORK, prefs: { holidayCountry: 'US', pausedUntil: '2026-10-21T12:00:00-04:00' } },
  { tz: 'America/Chicago' },
  { tz: SYDNEY },
  { tz: LA, prefs: { holidayCountry: 'US' } },
  { tz: NEW_YORK, prefs: { holidayCountry: 'US' } },
];

const local = (iso: string, tz: string) => DateTime.fromISO(iso, { zone: tz });

/**
 * Two managers (London, Los Angeles) with six reps each across six zones, tiered by a recompute the night before
 * `start`; every rep has weekly 1:1s with their manager and (Tuesdays) a director and (Thursdays) a coach, both
 * admins. Returns the reps with the ground truth the contract is checked against (pauses, away spells,
 * deactivation) and the events that bring it about, for the simulation to apply when their time comes.
 */
export async function buildSimulatedTeam(db: TDb, workspaceId: string, start: DateTime): Promise<{ reps: TSimRep[]; events: TEvent[] }> {
  const team = await createSyntheticTeam(db, { workspaceId: workspaceId, managers: 2, repsPerManager: 6, now: start.minus({ days: 1 }) });
  const setTz = (slackUserId: string, tz: string) =>
    db.update(s.people).set({ tz }).where(and(eq(s.people.workspaceId, workspaceId), eq(s.people.slackUserId, slackUserId)));
  await setTz(team.managerSlackIds[0]!, LONDON);
  await setTz(team.managerSlackIds[1]!, LA);
  await recomputeWorkspace(db, { workspaceId: workspaceId, now: start.minus({ hours: 6 }).toJSDate() });
  const director = await addPerson(db, workspaceId, 'U0DIRECTOR', { name: 'Dir', tz: LONDON, isAdmin: true });
  const coach = await addPerson(db, workspaceId, 'U0COACH', { name: 'Coach', tz: NEW_YORK, isAdmin: true });
  await db.update(s.people).set({ role: 'admin' }).where(inArray(s.people.id, [director.id, coach.id]));
  const person = async (slackId: string) => (await findPersonBySlackId(db, workspaceId, slackId))!;
  const reps: TSimRep[] = [];
  for (const [i, info] of team.reps.entries()) {
    const setup = REP_SETUP[i]!;
    await setTz(info.slackUserId, setup.tz);
    let row = await person(info.slackUserId);
    await setPreferences(db, row.id, mergePreferences(row.preferences, setup.prefs ?? {}));
    row = await person(info.slackUserId);
    const prefs = readPreferences(row.preferences);
    const tier = (await findLatestTierSnapshot(db, row.id, start.toJSDate()))?.tier ?? 'ramping';
    const manager = (await findPersonById(db, row.managerId!))!;
    const weekly = (other: TPersonRow, weekday: number, localTime: string) =>
      upsertOneOnOne(db, { workspaceId: workspaceId, managerId: other.id, repId: row.id, cadence: 'weekly', weekday, localTime, tz: other.tz, anchorDate: '2026-10-01' }, start.minus({ days: 18 }).toJSDate());
    await weekly(manager, 2, i < 6 ? '10:00' : '09:00');
    await weekly(director, 2, `${13 + (i % 4)}:00`);
    await weekly(coach, 4, `${10 + (i % 3)}:00`);
    const paused = prefs.pausedUntil ? [{ from: start, to: DateTime.fromISO(prefs.pausedUntil) }] : [];
    reps.push({ row, tz: setup.tz, tier, prefs, paused, away: [], goneAt: null });
  }

  const events: TEvent[] = [];
  const pause = (rep: TSimRep, from: DateTime, to: DateTime) => {
    rep.paused.push({ from, to });
    events.push({ at: from, apply: async () => setPreferences(db, rep.row.id, mergePreferences((await person(rep.row.slackUserId)).preferences, { pausedUntil: to.toUTC().toISO()! })) });
  };
  const away = (rep: TSimRep, status: { emoji: string; text: string }, from: DateTime, until: { expires?: DateTime; cleared?: DateTime }) => {
    rep.away.push({ from, to: (until.expires ?? until.cleared)! });
    events.push({ at: from, apply: () => setSlackStatus(db, workspaceId, rep.row.slackUserId, { ...status, expiresAt: until.expires?.toJSDate() ?? null }) });
    if (until.cleared) events.push({ at: until.cleared, apply: () => setSlackStatus(db, workspaceId, rep.row.slackUserId, { emoji: '', text: '', expiresAt: null }) });
  };
  const [r1, r2, r3, r6, r11] = [reps[1]!, reps[2]!, reps[3]!, reps[6]!, reps[11]!];
  pause(r1, local('2026-10-26T10:00', KOLKATA), local('2026-11-02T10:00', KOLKATA));
  away(r3, { emoji: '', text: 'OOO - back Thursday' }, local('2026-10-20T00:00', SYDNEY), { cleared: local('2026-10-22T00:00', SYDNEY) });
  away(r6, { emoji: ':palm_tree:', text: 'Vacation' }, local('2026-10-30T17:00', LA), { expires: local('2026-11-09T09:00', LA) });
  away(r2, { emoji: ':face_with_thermometer:', text: 'Out sick' }, local('2026-11-02T07:00', LONDON), { cleared: local('2026-11-04T07:00', LONDON) });
  const goneAt = local('2026-11-09T00:00', NEW_YORK);
  r11.goneAt = goneAt;
  events.push({ at: goneAt, apply: async () => db.update(s.people).set({ isDeleted: true }).where(eq(s.people.id, r11.row.id)) });
  events.sort((a, b) => a.at.toMillis() - b.at.toMillis());
  return { reps, events };
}
