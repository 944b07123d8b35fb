import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { setManager, type TPersonRow } from '../../db/repositories/people';
import { listAuditEvents } from '../../db/repositories/setup';
import { asc, count, desc, eq } from 'drizzle-orm';
import { DEFAULT_SETUP } from '../../src/domain/setup';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { getCoachingSettings } from '../../src/services/setup/coaching-settings';
import { getSetup } from '../../src/services/setup/get-setup';
import { saveSetup } from '../../src/services/setup/save-setup';
import { getRepDeals } from '../../src/services/stats/get-rep-deals';
import { getSettings } from '../../src/services/settings/get-settings';
import { setPreferences } from '../../db/repositories/people';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * saveSetup on a migrated SQLite: audit lines per changed key, stages that deals use refused or moved, and the
 * recompute (and every reader of thresholds) using what was saved rather than the code's defaults.
 */
const W = 'T0SETUP';
const NOW = new Date('2026-12-07T14:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

let db: TDb;
let admin: TPersonRow;
let manager: TPersonRow;
let rep: TPersonRow;

async function deal(name: string, history: [string, number][], lastActivityDaysAgo: number): Promise<number> {
  const [last] = history[history.length - 1]!;
  const [{ id }] = (await db
    .insert(s.deals)
    .values({ workspaceId: W, repId: rep.id, externalId: name, name, nameKey: name.toLowerCase(), stage: last, furthestStage: last, outcome: 'open', createdAt: ago(history[0]![1]), lastActivityAt: ago(lastActivityDaysAgo) })
    .returning({ id: s.deals.id })) as [{ id: number }];
  await db.insert(s.dealStageHistory).values(history.map(([stage, daysAgo]) => ({ dealId: id, stage, enteredAt: ago(daysAgo) })));
  return id;
}
const dealRow = async (id: number) => (await db.select({ stage: s.deals.stage, furthest: s.deals.furthestStage }).from(s.deals).where(eq(s.deals.id, id)))[0]!;
const tierOf = async (personId: number) =>
  (await db.select({ tier: s.tierSnapshots.tier }).from(s.tierSnapshots).where(eq(s.tierSnapshots.personId, personId)).orderBy(desc(s.tierSnapshots.computedAt)).limit(1))[0]?.tier;

beforeEach(async () => {
  db = await memoryDb();
  admin = await addPerson(db, W, 'U0ADMIN');
  await db.update(s.people).set({ role: 'admin' }).where(eq(s.people.id, admin.id));
  admin = { ...admin, role: 'admin' };
  manager = await addPerson(db, W, 'U0MGR');
  await db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, manager.id));
  rep = await addPerson(db, W, 'U0REP');
  await setManager(db, rep.id, manager.id);
});

describe('saveSetup', () => {
  it("starts from today's behaviour: the default stages, map, tier policy and thresholds", async () => {
    expect(await getSetup(db, W)).toEqual(DEFAULT_SETUP);
    expect((await getCoachingSettings(db, W)).staleDays).toEqual({ '*': 14, prospecting: 14, discovery: 14, demo: 10, proposal: 10, negotiation: 7 });
  });

  it('records one audit line per changed key, with before and after, and who (or the CLI) changed it', async () => {
    const saved = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { timezone: 'Europe/Berlin', dormantDays: '120', leaderboard: 'off' } }, NOW);
    expect(saved.ok && saved.changed).toEqual(['dormantDays', 'timezone']);
    await saveSetup(db, { workspaceId: W, actor: null, via: 'cli', form: { quotaKind: 'revenue' } }, NOW);
    const rows = (await listAuditEvents(db, W, 'setup.')).map((r) => ({ action: r.action, subject: r.subject, actorId: r.actorId, via: r.via, details: r.details }));
    expect(rows).toEqual([
      { action: 'setup.dormantDays', subject: 'dormantDays', actorId: admin.id, via: 'slack', details: { before: 90, after: 120 } },
      { action: 'setup.timezone', subject: 'timezone', actorId: admin.id, via: 'slack', details: { before: 'UTC', after: 'Europe/Berlin' } },
      { action: 'setup.quotaKind', subject: 'quotaKind', actorId: null, via: 'cli', details: { before: 'deals', after: 'revenue' } },
    ]);
    expect((await db.select({ timezone: s.workspaces.timezone }).from(s.workspaces).where(eq(s.workspaces.id, W)))[0]!.timezone).toBe('Europe/Berlin');
    expect(await getSetup(db, W)).toMatchObject({ timezone: 'Europe/Berlin', dormantDays: 120, quotaKind: 'revenue' });
  });

  it('refuses anyone but an admin in Slack, and changes nothing', async () => {
    await expect(saveSetup(db, { workspaceId: W, actor: manager, via: 'slack', form: { dormantDays: '120' } }, NOW)).rejects.toThrow(/Only Canopy admins/);
    expect(await listAuditEvents(db, W, 'setup.')).toEqual([]);
    expect((await getSetup(db, W)).dormantDays).toBe(90);
  });

  it('puts every problem on its field and saves nothing', async () => {
    const result = await saveSetup(
      db,
      { workspaceId: W, actor: admin, via: 'slack', form: { timezone: 'Mars/Base', autonomousAttainment: '50', focusedAttainment: '80', dormantDays: '5', workingDays: 'mon-xyz', holidayCountry: 'Atlantis', staleDays: 'demo=400' } },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        timezone: "'Mars/Base' is not a region time zone (like Europe/Berlin or America/New_York; UTC for none)",
        focusedAttainment: 'focused must start below where autonomous starts',
        dormantDays: 'dormant is 7 to 730 days',
        workingDays: "'mon-xyz' is not a day: use mon … sun (or 1 … 7), like mon-fri",
        holidayCountry: "Unknown country code 'Atlantis' — use a two-letter code like US, GB, DE.",
        staleDays: 'stalled thresholds are 1 to 365 days',
      },
    });
    expect(await getSetup(db, W)).toEqual(DEFAULT_SETUP);
  });

  it('renames a stage and adds CRM names, keeping its key, so deals keep pointing at it', async () => {
    const id = await deal('Acme', [['prospecting', 20], ['demo', 5]], 2);
    const result = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { stages: 'prospecting: Prospecting | Lead\ndiscovery: Discovery | Qualification\ndemo: Live demo | Demo Scheduled\nproposal: Proposal\nnegotiation: Negotiation', won: 'Won | Closed Won' } }, NOW);
    expect(result.ok && result.changed).toEqual(['stages']);
    expect(await dealRow(id)).toEqual({ stage: 'demo', furthest: 'demo' });
    const stages = await db.select({ key: s.stages.key, name: s.stages.name, aliases: s.stages.aliases }).from(s.stages).where(eq(s.stages.workspaceId, W)).orderBy(asc(s.stages.position));
    expect(stages).toEqual([
      { key: 'prospecting', name: 'Prospecting', aliases: ['Lead'] },
      { key: 'discovery', name: 'Discovery', aliases: ['Qualification'] },
      { key: 'demo', name: 'Live demo', aliases: ['Demo Scheduled'] },
      { key: 'proposal', name: 'Proposal', aliases: [] },
      { key: 'negotiation', name: 'Negotiation', aliases: [] },
      { key: 'won', name: 'Won', aliases: ['Closed Won'] },
      { key: 'lost', name: 'Lost', aliases: [] },
    ]);
  });

  it('refuses to remove a stage deals use, with the count; moves them when the save names the target', async () => {
    const a = await deal('Acme', [['prospecting', 20], ['demo', 5]], 2);
    const b = await deal('Globex', [['demo', 9]], 1);
    const c = await deal('Initech', [['prospecting', 30], ['demo', 20], ['proposal', 10]], 3);
    const without = 'prospecting: Prospecting\ndiscovery: Discovery\nproposal: Proposal\nnegotiation: Negotiation';
    const refused = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { stages: without } }, NOW);
    expect(refused).toEqual({ ok: false, errors: { stages: '2 open deals are in Demo; pick the stage they move to: add `demo -> <stage>` to the stages' } });
    expect((await getSetup(db, W)).stages.map((s) => s.key)).toContain('demo');

    const wrongKind = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { stages: `${without}\ndemo -> won` } }, NOW);
    expect(wrongKind).toEqual({ ok: false, errors: { stages: "Demo can only move to an open stage that stays, not 'won'" } });

    const moved = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { stages: `${without}\ndemo -> discovery` } }, NOW);
    expect(moved.ok && moved.moved).toEqual([{ from: 'demo', to: 'discovery', deals: 3 }]);
    expect([await dealRow(a), await dealRow(b), await dealRow(c)]).toEqual([
      { stage: 'discovery', furthest: 'discovery' },
      { stage: 'discovery', furthest: 'discovery' },
      { stage: 'proposal', furthest: 'proposal' },
    ]);
    expect((await db.select({ n: count() }).from(s.dealStageHistory).where(eq(s.dealStageHistory.stage, 'demo')))[0]!.n).toBe(0);
    // The demo type fed the removed stage: it follows its deals.
    expect((await getSetup(db, W)).activityStages.demo).toBe('discovery');
    const audit = (await listAuditEvents(db, W, 'setup.stages'))[0]!;
    expect(audit.details).toMatchObject({ moved: [{ from: 'demo', to: 'discovery', deals: 3 }] });
  });

  it('removes an unused stage without asking, and re-derives furthest stages after a reorder', async () => {
    const id = await deal('Acme', [['demo', 20], ['proposal', 5]], 2);
    const reordered = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { stages: 'prospecting: Prospecting\nproposal: Proposal\ndemo: Demo\nnegotiation: Negotiation' } }, NOW);
    expect(reordered.ok && reordered.changed).toContain('stages');
    expect((await getSetup(db, W)).stages.map((s) => s.key)).toEqual(['prospecting', 'proposal', 'demo', 'negotiation', 'won', 'lost']);
    // Demo now comes after proposal: the deal's furthest stage is demo.
    expect(await dealRow(id)).toEqual({ stage: 'proposal', furthest: 'demo' });
  });

  it('hands back a recompute for a coaching change, which uses the saved tier policy', async () => {
    await insertActivities(db, [{ workspaceId: W, repId: rep.id, type: 'call', count: 5, occurredAt: ago(30), dealId: null, stage: null, logEntryId: null }]);
    await recomputeWorkspace(db, { workspaceId: W, now: NOW });
    expect(await tierOf(rep.id)).toBe('ramping');

    const timezoneOnly = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { timezone: 'Europe/Berlin' } }, NOW);
    expect(timezoneOnly.ok && timezoneOnly.recompute).toBeNull();

    const saved = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { rampingDays: '20' } }, NOW);
    if (!saved.ok || !saved.recompute) throw new Error('expected a recompute');
    const summary = await saved.recompute();
    expect(summary.reps).toBe(1);
    // 30 days of data is past a 20-day ramp: the rep is judged now (without goal or quota, by the team).
    expect(await tierOf(rep.id)).not.toBe('ramping');
  });

  it('the stalled and dormant thresholds saved are the ones /stats deals uses', async () => {
    const id = await deal('Acme', [['demo', 40]], 12);
    const before = (await getRepDeals(db, rep, NOW, { viewerIsRep: true })).deals.find((d) => d.id === id);
    expect(before?.idle).toEqual({ kind: 'stalled', idleDays: 12 });
    await saveSetup(db, { workspaceId: W, actor: admin, via: 'cli', form: { staleDays: 'demo=15' } }, NOW);
    expect((await getRepDeals(db, rep, NOW, { viewerIsRep: true })).deals.find((d) => d.id === id)?.idle).toBeNull();
    const tooShort = await saveSetup(db, { workspaceId: W, actor: admin, via: 'cli', form: { staleDays: 'demo=5', dormantDays: '10' } }, NOW);
    expect(tooShort).toEqual({ ok: false, errors: { dormantDays: 'dormant must be longer than the longest stalled threshold (14 days)' } });
    const saved = await saveSetup(db, { workspaceId: W, actor: admin, via: 'cli', form: { staleDays: 'prospecting=5, discovery=5, demo=5, proposal=5, negotiation=5', dormantDays: '10' } }, NOW);
    expect(saved.ok).toBe(true);
    const after = await getRepDeals(db, rep, NOW, { viewerIsRep: true });
    expect(after.deals.find((d) => d.id === id)?.idle).toEqual({ kind: 'dormant', idleDays: 12 });
    expect(after.dormantDays).toBe(10);
  });

  it("the default working week and holidays apply to people who set none, never over a person's own", async () => {
    const saved = await saveSetup(db, { workspaceId: W, actor: admin, via: 'slack', form: { workingDays: 'sun-thu', workStart: '08:00', workEnd: '16:00', holidayCountry: 'Germany', holidayRegion: 'BY' } }, NOW);
    expect(saved.ok && saved.setup).toMatchObject({ workingDays: [1, 2, 3, 4, 7], holidayCountry: 'DE', holidayRegion: 'BY' });
    expect(saved.ok && saved.recompute).toBeNull();
    expect(await getSettings(db, rep, NOW)).toMatchObject({ workingDays: [1, 2, 3, 4, 7], workStart: '08:00', workEnd: '16:00', holidayCountry: 'DE', holidayRegion: 'BY' });
    await setPreferences(db, manager.id, { workingDays: [1, 2, 3], holidayCountry: 'US' });
    expect(await getSettings(db, { ...manager, preferences: { workingDays: [1, 2, 3], holidayCountry: 'US' } }, NOW)).toMatchObject({ workingDays: [1, 2, 3], workStart: '08:00', holidayCountry: 'US' });
  });
});
