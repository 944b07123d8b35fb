import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { findPersonBySlackId, setManager, setRole, type TPersonRow } from '../../db/repositories/people';
import { listAuditEvents } from '../../db/repositories/setup';
import { isAdmin } from '../../src/services/teams/authorize';
import { listAdmins } from '../../src/services/setup/list-admins';
import { openSetupForm } from '../../src/services/setup/open-setup-form';
import { saveSetup } from '../../src/services/setup/save-setup';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * Roles in saveSetup on a migrated SQLite: the Canopy admins are replaced as listed, in one transaction with an
 * audit line; the last admin cannot go; Slack workspace admins stay admins whatever the list says; an admin
 * no longer goes back to manager (with reps) or rep; nobody unknown, no bot, no rep on someone's team.
 */
const W = 'T0ROLES';
const NOW = new Date('2026-12-07T14:00:00Z');

let db: TDb;
let ada: TPersonRow; // made admin in Canopy
let sam: TPersonRow; // Slack workspace admin
let mia: TPersonRow; // manager of rex
let rex: TPersonRow; // rep on mia's team
let una: TPersonRow; // rep on no team

const save = (admins: string, actor: TPersonRow | null = ada) => saveSetup(db, { workspaceId: W, actor, via: actor ? 'slack' : 'cli', form: { admins } }, NOW);
const person = async (p: TPersonRow) => (await findPersonBySlackId(db, W, p.slackUserId))!;

beforeEach(async () => {
  db = await memoryDb();
  ada = await addPerson(db, W, 'U0ADA', { name: 'Ada Admin' });
  await setRole(db, ada.id, 'admin');
  ada = await person(ada);
  sam = await addPerson(db, W, 'U0SAM', { name: 'Sam Slack', isAdmin: true });
  mia = await addPerson(db, W, 'U0MIA', { name: 'Mia Manager' });
  await setRole(db, mia.id, 'manager');
  rex = await addPerson(db, W, 'U0REX', { name: 'Rex Rep' });
  await setManager(db, rex.id, mia.id);
  una = await addPerson(db, W, 'U0UNA', { name: 'Una Loner' });
});

describe('saveSetup: who is an admin', () => {
  it('replaces the Canopy admins as listed, audited with who and the lists before and after', async () => {
    const result = await save('U0ADA, <@U0MIA|mia>, U0UNA');
    expect(result).toMatchObject({ ok: true, changed: ['admins'], recompute: null });
    expect([(await person(mia)).role, (await person(una)).role, (await person(ada)).role]).toEqual(['admin', 'admin', 'admin']);
    expect(await listAdmins(db, W)).toEqual({
      canopy: [{ slackUserId: 'U0ADA', name: 'Ada Admin' }, { slackUserId: 'U0MIA', name: 'Mia Manager' }, { slackUserId: 'U0UNA', name: 'Una Loner' }],
      slack: [{ slackUserId: 'U0SAM', name: 'Sam Slack' }],
    });
    const audit = await listAuditEvents(db, W, 'setup.');
    expect(audit.map((r) => [r.action, r.subject, r.actorId, r.via, r.details])).toEqual([
      ['setup.admins', 'admins', ada.id, 'slack', { before: ['U0ADA'], after: ['U0ADA', 'U0MIA', 'U0UNA'] }],
    ]);
  });

  it('an admin no longer is a manager again when they have reps, else a rep; the same list in another order is no change', async () => {
    expect((await save('U0MIA,U0UNA,U0ADA')).ok).toBe(true);
    expect(await save('U0UNA, U0ADA, U0MIA')).toMatchObject({ ok: true, changed: [] });
    expect(await save('U0ADA')).toMatchObject({ ok: true, changed: ['admins'] });
    expect([(await person(mia)).role, (await person(una)).role]).toEqual(['manager', 'rep']);
    expect(await listAuditEvents(db, W, 'setup.admins')).toHaveLength(2);
  });

  it('refuses to remove the last admin; Slack workspace admins count and stay admins', async () => {
    // With a Slack workspace admin around, the list may be emptied: Sam stays an admin.
    expect(await save('', null)).toMatchObject({ ok: true, changed: ['admins'] });
    expect((await person(ada)).role).toBe('rep');
    expect(isAdmin(await person(sam))).toBe(true);
    expect((await openSetupForm(db, await person(sam))).admins).toEqual({ canopy: [], slack: [{ slackUserId: 'U0SAM', name: 'Sam Slack' }] });
    // Sam no longer a Slack admin (a profile refresh): the last Canopy admin cannot go.
    await addPerson(db, W, 'U0SAM', { name: 'Sam Slack', isAdmin: false });
    expect((await save('U0UNA', null)).ok).toBe(true);
    const refused = await save('', null);
    expect(refused).toEqual({ ok: false, errors: { admins: 'at least one admin must remain: keep someone on the list (Slack workspace admins always count)' } });
    expect((await person(una)).role).toBe('admin');
    expect(await listAuditEvents(db, W, 'setup.admins')).toHaveLength(2);
  });

  it('refuses an unknown person, a bot, a rep on a team and a bad id, each changing nothing', async () => {
    const bot = await addPerson(db, W, 'U0BOT', { name: 'Some Bot' });
    await db.update(s.people).set({ isBot: true }).where(eq(s.people.id, bot.id));
    const cases: [string, string][] = [
      ['U0ADA,U0NOBODY', 'U0NOBODY is not someone Canopy knows in this workspace (people appear once they use Canopy or are imported)'],
      ['U0ADA,U0BOT', 'U0BOT is a bot: only people can be admins'],
      ['U0ADA,U0REX', "Rex Rep is a rep on Mia Manager's team and an admin is not coached as a rep: remove them from the team first (/coach team remove)"],
      ['U0ADA,<@here>', "'here' is not a Slack user id (like U024BE7LH): list the admins' ids, comma-separated"],
    ];
    for (const [admins, want] of cases) expect(await save(admins), admins).toEqual({ ok: false, errors: { admins: want } });
    expect([(await person(rex)).role, (await person(una)).role]).toEqual(['rep', 'rep']);
    expect(await listAuditEvents(db, W, 'setup.')).toEqual([]);
  });

  it('an admins problem is reported beside the other fields, and nothing else is saved', async () => {
    const result = await saveSetup(db, { workspaceId: W, actor: ada, via: 'slack', form: { admins: 'U0NOBODY', leaderboard: 'on' } }, NOW);
    expect(result.ok).toBe(false);
    expect(await listAuditEvents(db, W, 'setup.')).toEqual([]);
  });

  it('refuses a non-admin in Slack', async () => {
    await expect(save('U0UNA', una)).rejects.toThrow('Only Canopy admins');
    expect((await person(una)).role).toBe('rep');
  });
});
