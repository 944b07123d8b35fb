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
  const fresh = (p: TPersonRow) => findPersonById(db, p.id)!;

  beforeEach(() => {
    db = memoryDb();
    morgan = addPerson(db, WS, 'U0MORGAN', { name: 'Morgan', tz: 'UTC' });
    nia = addPerson(db, WS, 'U0NIA', { name: 'Nia', tz: 'UTC' });
    admin = addPerson(db, WS, 'U0ADMIN', { name: 'Alex', tz: 'UTC', isAdmin: true });
    dana = addPerson(db, WS, 'U0DANA', { name: 'Dana', tz: 'UTC' });
    setManager(db, dana.id, morgan.id);
    dana = fresh(dana);
  });

  // Tuesday 3 March 2026, 10:00 UTC weekly.
  const schedule = (spec = 'weekly tue 10:00', now = at('2026-03-01T12:00:00Z')) => {
    const parsed = parseOneOnOneSpec(spec.split(' '));
    if (!parsed.ok) throw new Error(parsed.message);
    return scheduleOneOnOne(db, morgan, dana, parsed.spec, now);
  };

  it('a rep who moves to another manager: the old manager gets no more briefs, and can still cancel', () => {
    schedule();
    setManager(db, dana.id, nia.id);
    const plan = planDeliveries(db, { now: at('2026-03-03T09:00:00Z'), workspaceId: WS });
    expect(plan.items.filter((i) => i.kind === 'brief')).toEqual([]);
    expect(cancelOneOnOneWith(db, morgan, fresh(dana), at('2026-03-03T09:00:00Z'))).toBeDefined();
    expect(findOneOnOne(db, morgan.id, dana.id)).toBeUndefined();
  });

  it("an admin's /brief has no Log notes, and the notes can't be opened or saved by anyone but the manager", () => {
    schedule();
    const managerView = getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    expect(managerView.meetingId).not.toBeNull();
    saveMeetingNotes(db, morgan, managerView.meetingId!, { notes: 'private: talk about PIP', items: [] }, at('2026-03-03T11:00:00Z'));
    const adminView = getBriefOnDemand(db, admin, dana, at('2026-03-03T10:30:00Z'));
    expect(adminView.meetingId).toBeNull();
    expect(() => getMeetingNotes(db, admin, managerView.meetingId!)).toThrow(AppError);
    expect(() => saveMeetingNotes(db, admin, managerView.meetingId!, { notes: '', items: [] }, at('2026-03-03T11:00:00Z'))).toThrow(AppError);
    expect(getMeetingNotes(db, morgan, managerView.meetingId!).notes).toBe('private: talk about PIP');
  });

  it('notes logged days later file only the topics added before the meeting; later ones stay for the next', () => {
    schedule();
    addAgendaItem(db, dana, { text: 'for the 3 March meeting' }, at('2026-03-02T12:00:00Z'));
    const view = getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    addAgendaItem(db, dana, { text: 'for the 10 March meeting' }, at('2026-03-04T12:00:00Z'));
    saveMeetingNotes(db, morgan, view.meetingId!, { notes: 'ok', items: [] }, at('2026-03-05T16:00:00Z'));
    expect(getAgenda(db, dana, {}, at('2026-03-06T09:00:00Z')).items.map((i) => i.text)).toEqual(['for the 10 March meeting']);
    expect(getBriefOnDemand(db, morgan, dana, at('2026-03-10T09:00:00Z')).agenda.map((a) => a.text)).toEqual(['for the 10 March meeting']);
  });

  it('a new time on the same day keeps a biweekly 1:1 on its weeks and brings back no old topics', () => {
    schedule('biweekly tue 10:00');
    addAgendaItem(db, dana, { text: 'old topic' }, at('2026-03-02T12:00:00Z'));
    const view = getBriefOnDemand(db, morgan, dana, at('2026-03-03T10:30:00Z'));
    saveMeetingNotes(db, morgan, view.meetingId!, { notes: '', items: [] }, at('2026-03-03T11:00:00Z'));
    // Off week: moving the time must not pull the next meeting into this week.
    const moved = schedule('biweekly tue 14:00', at('2026-03-08T12:00:00Z'));
    expect(moved.summary.nextStart.toISOString()).toBe('2026-03-17T14:00:00.000Z');
    const row = findOneOnOne(db, morgan.id, dana.id)!;
    expect(listAgendaFor(db, row.id, { since: null }).map((i) => i.text)).toEqual([]);
    expect(getAgenda(db, dana, {}, at('2026-03-09T12:00:00Z')).items).toEqual([]);
  });

  it("a manager who is away or on a public holiday gets no brief, with the reason recorded; a pause doesn't hold it", () => {
    schedule();
    setSlackStatus(db, WS, morgan.slackUserId, { emoji: ':palm_tree:', text: 'Vacation', expiresAt: null });
    const away = planDeliveries(db, { now: at('2026-03-03T09:00:00Z'), workspaceId: WS }).items.find((i) => i.kind === 'brief');
    expect(away).toMatchObject({ status: 'suppressed', reason: "held back: Morgan's Slack status says they are away (:palm_tree: Vacation)" });
    setSlackStatus(db, WS, morgan.slackUserId, { emoji: '', text: '', expiresAt: null });
    setPreferences(db, morgan.id, { holidayCountry: 'US', pausedUntil: '2026-12-31T00:00:00Z' });
    // Tue 26 May 2026 is not a US holiday; Mon 25 May (Memorial Day) would be: move the meeting there.
    const parsed = parseOneOnOneSpec(['weekly', 'mon', '10:00']);
    if (!parsed.ok) throw new Error(parsed.message);
    scheduleOneOnOne(db, fresh(morgan), dana, parsed.spec, at('2026-05-20T12:00:00Z'));
    const holiday = planDeliveries(db, { now: at('2026-05-25T09:00:00Z'), workspaceId: WS }).items.find((i) => i.kind === 'brief');
    expect(holiday).toMatchObject({ status: 'suppressed', reason: 'held back: Mon 25 May is Memorial Day, a public holiday for Morgan' });
    const paused = planDeliveries(db, { now: at('2026-06-01T09:00:00Z'), workspaceId: WS }).items.find((i) => i.kind === 'brief');
    expect(paused).toMatchObject({ status: 'pending' });
  });

  it('prototype words are not cadences or days', () => {
    expect(parseOneOnOneSpec(['constructor', 'tue', '10:00']).ok).toBe(false);
    expect(parseOneOnOneSpec(['weekly', 'toString', '10:00']).ok).toBe(false);
  });
});
