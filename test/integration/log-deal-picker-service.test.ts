import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { createDeal } from '../../db/repositories/deals';
import type { TPersonRow } from '../../db/repositories/people';
import { listDealChoices } from '../../src/services/logging/list-deal-choices';
import { logActivityForm, logRequestOfForm } from '../../src/services/logging/log-activity-form';
import { openLogActivityForm } from '../../src/services/logging/open-log-activity-form';
import { addPerson, memoryDb } from '../support/db';
import { countRows } from '../support/deliveries';
import { s } from '../support/tables';

/* The deal picker's services on a migrated database (in-memory SQLite, or PostgreSQL): options, the modal's opening state, the submission's checks. */

const W = 'T0PICK';
const NOW = new Date('2026-12-02T21:30:00Z');
const NO_PROFILES = { fetchProfile: async () => null };

describe('deal picker services', () => {
  let db: TDb;
  let dana: TPersonRow;
  let eli: TPersonRow;
  let other: TPersonRow;
  const ids: Record<string, number> = {};

  async function deal(owner: TPersonRow, name: string, stage: string, daysAgo: number, outcome: 'open' | 'won' | 'lost' = 'open'): Promise<number> {
    const row = await createDeal(db, { workspaceId: owner.workspaceId, repId: owner.id, externalId: `${owner.slackUserId}-${name}`, name, stage, createdAt: new Date(NOW.getTime() - 90 * 864e5) });
    await db.update(s.deals).set({ outcome, lastActivityAt: new Date(NOW.getTime() - daysAgo * 864e5) }).where(eq(s.deals.id, row.id));
    return row.id;
  }

  beforeEach(async () => {
    db = await memoryDb();
    dana = await addPerson(db, W, 'U0DANA', { name: 'Dana', tz: 'America/New_York' });
    eli = await addPerson(db, W, 'U0ELI', { name: 'Eli' });
    other = await addPerson(db, 'T0OTHER', 'U0DANA', { name: 'Dana elsewhere' });
    ids.acme = await deal(dana, 'Acme 469', 'demo', 3);
    ids.globex = await deal(dana, 'Globex', 'proposal', 1);
    ids.won = await deal(dana, 'Acme Won', 'won', 0, 'won');
    ids.eli = await deal(eli, 'Acme Eli', 'demo', 0);
    ids.elsewhere = await deal(other, 'Acme Elsewhere', 'demo', 0);
  });

  it("listDealChoices: the asker's own open deals in this workspace, filtered and limited, with stage names", async () => {
    const list = (slackUserId: string, query: string, limit = 100, workspaceId = W) => listDealChoices(db, { workspaceId, slackUserId, query, limit });
    expect(await list('U0DANA', '')).toEqual([
      { id: ids.globex, name: 'Globex', stageName: 'Proposal' },
      { id: ids.acme, name: 'Acme 469', stageName: 'Demo' },
    ]);
    expect((await list('U0DANA', 'acme')).map((c) => c.name)).toEqual(['Acme 469']);
    expect((await list('U0DANA', '', 1)).map((c) => c.name)).toEqual(['Globex']);
    expect((await list('U0DANA', 'acme', 100, 'T0OTHER')).map((c) => c.name)).toEqual(['Acme Elsewhere']);
    expect(await list('U0NOBODY', '')).toEqual([]);
  });

  it('openLogActivityForm: the open stages; a named deal picked when it is the rep\'s and open, else why not', async () => {
    const open = (slackUserId: string, dealId?: number) => openLogActivityForm(db, { workspaceId: W, slackUserId, dealId });
    const plain = await open('U0DANA');
    expect(plain.stages.map((s) => s.key)).toEqual(['prospecting', 'discovery', 'demo', 'proposal', 'negotiation']);
    expect(plain).toMatchObject({ deal: null, unpickable: null });
    expect(await open('U0DANA', ids.acme)).toMatchObject({ deal: { id: ids.acme, name: 'Acme 469', stageName: 'Demo' }, unpickable: null });
    expect(await open('U0DANA', ids.won)).toMatchObject({ deal: null, unpickable: { kind: 'closed', dealName: 'Acme Won', outcome: 'won' } });
    expect(await open('U0DANA', ids.eli)).toMatchObject({ deal: null, unpickable: { kind: 'not_yours' } });
    // The same Slack user id in another workspace is another person.
    expect(await open('U0DANA', ids.elsewhere)).toMatchObject({ deal: null, unpickable: { kind: 'not_yours' } });
    expect(await open('U0NOBODY', ids.acme)).toMatchObject({ deal: null, unpickable: { kind: 'not_yours' } });
    expect(await open('U0DANA', 987654)).toMatchObject({ deal: null, unpickable: { kind: 'gone' } });
  });

  it('the request the modal hands to logActivity carries the picked deal and stage, and nothing when none was picked', () => {
    const form = { text: 'call', viewId: 'V1', viewHash: 'h1' };
    const picked = logRequestOfForm(dana, W, { ...form, dealId: ids.acme, stage: 'discovery' }, NOW);
    expect(picked).toMatchObject({ workspaceId: W, personId: dana.id, source: 'modal', text: 'call', dealId: ids.acme, stage: 'discovery', change: { kind: 'posted' } });
    expect(picked.writtenAt.zoneName).toBe('America/New_York');
    const none = logRequestOfForm(dana, W, form, NOW);
    expect('dealId' in none || 'stage' in none).toBe(false);
  });

  it('logActivityForm refuses a picked deal or stage that is not pickable now, with each error on its field, and logs nothing', async () => {
    const submit = (form: { text: string; dealId?: number; stage?: string }, viewId: string) =>
      logActivityForm({ db, profiles: NO_PROFILES, workspaceId: W, slackUserId: 'U0DANA', form: { viewId, viewHash: 'h', ...form }, now: NOW });
    await expect(submit({ text: 'demo', dealId: ids.won }, 'V1')).resolves.toEqual({ ok: false, errors: { deal: '"Acme Won" is won now — pick another or leave it empty. Nothing was logged.' } });
    await expect(submit({ text: 'demo', dealId: ids.eli }, 'V2')).resolves.toMatchObject({ ok: false, errors: { deal: expect.stringMatching(/isn't one of yours/) } });
    await expect(submit({ text: 'demo', stage: 'lost' }, 'V3')).resolves.toMatchObject({ ok: false, errors: { stage: expect.stringMatching(/open stages/) } });
    await expect(submit({ text: 'demo', stage: 'nope' }, 'V4')).resolves.toMatchObject({ ok: false, errors: { stage: expect.stringMatching(/open stages/) } });
    await expect(submit({ text: 'lunch', dealId: ids.won }, 'V5')).resolves.toMatchObject({ ok: false, errors: { text: expect.any(String), deal: expect.any(String) } });
    expect(await countRows(db, 'logEntries')).toBe(0);

    const logged = await submit({ text: 'call', dealId: ids.acme, stage: 'demo' }, 'V6');
    expect(logged).toMatchObject({ ok: true, outcome: { status: 'logged' } });
    expect((await db.select({ rawText: s.logEntries.rawText }).from(s.logEntries)).map((e) => e.rawText)).toEqual(['call']);
  });
});
