import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findOneOnOne, listAgendaFor } from '../../db/repositories/one-on-ones';
import { findPersonById, setManager, setPreferences, setSlackStatus, type TPersonRow } from '../../db/repositories/people';
import { parseOneOnOneSpec } from '../../src/domain/schedule';
import { AppError } from '../../src/domain/errors';
import { addAgendaItem } from '../../src/services/one-on-ones/add-agenda-item';
import { getAgenda } from '../../src/services/one-on-ones/get-agenda';
import { getBriefOnDemand } from '../../src/services/briefs/get-brief-on-demand';
import { cancelOneOnOneWith } from '../../src/services/one-on-ones/cancel-one-on-one';
import { scheduleOneOnOne } from '../../src/services/one-on-ones/schedule-one-on-one';
import { getMeetingNotes } from '../../src/services/one-on-ones/get-meeting-notes';
import { saveMeetingNotes } from '../../src/services/one-on-ones/save-meeting-notes';
import { planDeliveries } from '../../src/services/deliveries/plan-deliveries';
import { addPerson, memoryDb } from '../support/db';

/*
 * The rules around a 1:1's life that are easy to get wrong: who may see and end it when the team changes,
 * whose notes are whose, which agenda a topic belongs to, and what a reschedule keeps.
 */
const WS = 'T0RULES';
const at = (iso: string) => new Date(iso);

describe('1:1 rules (services on a migrated SQLite)', () => {
  let db: TDb;
  let morgan: TPersonRow;
  let nia: TPersonRow;
  let admin: TPersonRow;
  let dana: TPersonRow;
  const fresh = async (p: TPersonRow) => (await findPersonById(db, p.id))!;

  beforeEach(async () => {
    db = await memoryDb();
    morgan = await addPerson(db, WS, 'U0MORGAN', { name: 'Morgan', tz: 'UTC' });
    nia = await addPerson(db, WS, 'U0NIA', { name: 'Nia', tz: 'UTC' });
    admin = await addPerson(db, WS, 'U0ADMIN', { name: 'Alex', tz: 'UTC', isAdmin: true });
    dana = await addPerson(db, WS, 'U0DANA', { name: 'Dana', tz: 'UTC' });
    await setManager(db, dana.id, morgan.id);
    dana = await fresh(dana);
  });

  // Tuesday 3 March 2026, 10:00 UTC weekly.
  const schedule = (spec = 'weekly tue 10:00', now = at('2026-03-01T12:00:00Z')) => {
    const parsed = parseOneOnOneSpec(spec.split(' '));
    if (!parsed.ok) throw new Error(parsed.message);
    return scheduleOneOnOne(db, morgan, dana, parsed.spec, now);
  };

  it('a rep who moves to another manager: the old manager gets no more briefs, and can still cancel', async () => {
    await schedule();
    await setManager(db, dana.id, nia.id);
    const plan = await planDeliveries(db, { now: at('2026-03-03T09:00:00Z'), workspaceId: WS });
    expect(plan.items.filter((i) => i.kind === 'brief')).toEqual([]);
    expect(await cancelOneOnOneWith(db, morgan, await fresh(dana), at('2026-03-03T09:00:00Z'))).toBeDefined();
    expect(await findOneOnOne(db, morgan.id, dana.id)).toBeUndefined();
  });

  it("an admin's /brief has no Log notes, and the notes can't be opened or saved by anyone but the manager", async () => {
    await schedule();
    const managerView = await getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    expect(managerView.meetingId).not.toBeNull();
    await saveMeetingNotes(db, morgan, managerView.meetingId!, { notes: 'private: talk about PIP', items: [] }, at('2026-03-03T11:00:00Z'));
    const adminView = await getBriefOnDemand(db, admin, dana, at('2026-03-03T10:30:00Z'));
    expect(adminView.meetingId).toBeNull();
    await expect(getMeetingNotes(db, admin, managerView.meetingId!)).rejects.toThrow(AppError);
    await expect(saveMeetingNotes(db, admin, managerView.meetingId!, { notes: '', items: [] }, at('2026-03-03T11:00:00Z'))).rejects.toThrow(AppError);
    expect((await getMeetingNotes(db, morgan, managerView.meetingId!)).notes).toBe('private: talk about PIP');
  });

  it('notes logged days later file only the topics added before the meeting; later ones stay for the next', async () => {
    await schedule();
    await addAgendaItem(db, dana, { text: 'for the 3 March meeting' }, at('2026-03-02T12:00:00Z'));
    const view = await getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    await addAgendaItem(db, dana, { text: 'for the 10 March meeting' }, at('2026-03-04T12:00:00Z'));
    await saveMeetingNotes(db, morgan, view.meetingId!, { notes: 'ok', items: [] }, at('2026-03-05T16:00:00Z'));
    expect((await getAgenda(db, dana, {}, at('2026-03-06T09:00:00Z'))).items.map((i) => i.text)).toEqual(['for the 10 March meeting']);
    expect((await getBriefOnDemand(db, morgan, dana, at('2026-03-10T09:00:00Z'))).agenda.map((a) => a.text)).toEqual(['for the 10 March meeting']);
  });

  it('a new time on the same day keeps a biweekly 1:1 on its weeks and brings back no old topics', async () => {
    await schedule('biweekly tue 10:00');
    await addAgendaItem(db, dana, { text: 'old topic' }, at('2026-03-02T12:00:00Z'));
    const view = await getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    await saveMeetingNotes(db, morgan, view.meetingId!, { notes: '', items: [] }, at('2026-03-03T11:00:00Z'));
    // Off week: moving the time must not pull the next meeting into this week.
    const moved = await schedule('biweekly tue 14:00', at('2026-03-08T12:00:00Z'));
    expect(moved.summary.nextStart.toISOString()).toBe('2026-03-17T14:00:00.000Z');
    const row = (await findOneOnOne(db, morgan.id, dana.id))!;
    expect((await listAgendaFor(db, row.id, { since: null })).map((i) => i.text)).toEqual([]);
    expect((await getAgenda(db, dana, {}, at('2026-03-09T12:00:00Z'))).items).toEqual([]);
  });

  it("a manager who is away or on a public holiday gets no brief, with the reason recorded; a pause doesn't hold it", async () => {
    await schedule();
    await setSlackStatus(db, WS, morgan.slackUserId, { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null });
    const away = (await planDeliveries(db, { now: at('2026-03-03T09:00:00Z'), workspaceId: WS })).items.find((i) => i.kind === 'brief');
    expect(away).toMatchObject({ status: 'suppressed', reason: "held back: Morgan's Slack status says they are away (:palm_tree: Vacation)" });
    await setSlackStatus(db, WS, morgan.slackUserId, { emoji: '', text: '', expiresAt: null });
    await setPreferences(db, morgan.id, { holidayCountry: 'US', pausedUntil: '2026-12-31T00:00:00Z' });
    // Tue 26 May 2026 is not a US holiday; Mon 25 May (Memorial Day) would be: move the meeting there.
    const parsed = parseOneOnOneSpec(['weekly', 'mon', '10:00']);
    if (!parsed.ok) throw new Error(parsed.message);
    await scheduleOneOnOne(db, await fresh(morgan), dana, parsed.spec, at('2026-05-20T12:00:00Z'));
    const holiday = (await planDeliveries(db, { now: at('2026-05-25T09:00:00Z'), workspaceId: WS })).items.find((i) => i.kind === 'brief');
    expect(holiday).toMatchObject({ status: 'suppressed', reason: 'held back: Mon 25 May is Memorial Day, a public holiday for Morgan' });
    const paused = (await planDeliveries(db, { now: at('2026-06-01T09:00:00Z'), workspaceId: WS })).items.find((i) => i.kind === 'brief');
    expect(paused).toMatchObject({ status: 'pending' });
  });

  it('prototype words are not cadences or days', () => {
    expect(parseOneOnOneSpec(['constructor', 'tue', '10:00']).ok).toBe(false);
    expect(parseOneOnOneSpec(['weekly', 'toString', '10:00']).ok).toBe(false);
  });
});
