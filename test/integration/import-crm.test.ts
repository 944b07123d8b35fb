import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import { listDealFacts } from '../../db/repositories/coaching';
import { ensureWorkspace, listStages } from '../../db/repositories/workspaces';
import { stageDays } from '../../src/domain/coaching/deal-stage-facts';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { importCsv, type TImportOptions, type TImportResult } from '../../src/services/imports/import-csv';
import { memoryDb } from '../support/db';
import { queryRows } from '../support/raw-rows';
import { s } from '../support/tables';

const T = 'T0CRM';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const NOW = new Date('2024-06-01T12:00:00Z');
const LATER = new Date('2024-06-20T12:00:00Z');

/** The CRM names a setup would give the default stages (Salesforce, HubSpot and Pipedrive defaults). */
const ALIASES: Record<string, string[]> = {
  prospecting: ['Appointment scheduled', 'Lead In'],
  discovery: ['Qualification', 'Needs Analysis', 'Qualified to buy', 'Qualified'],
  demo: ['Value Proposition', 'Presentation scheduled', 'Demo Scheduled'],
  proposal: ['Proposal/Price Quote', 'Decision maker bought-in', 'Proposal Made'],
  negotiation: ['Negotiation/Review', 'Contract sent', 'Negotiations Started'],
};

let db: TDb;
const rows = (query: string, ...params: unknown[]) => queryRows(db, query, ...params);
const iso = (ms: unknown) => new Date(ms as number).toISOString();
const run = (csv: string | Buffer, options: TImportOptions, now = NOW) => importCsv(db, { workspaceId: T, kind: 'deals', csv, now, options });
const deal = async (externalId: string) => (await rows('select * from deals where external_id = ?', externalId))[0]!;
const history = async (externalId: string) =>
  (
    await rows(
      `select h.stage, h.entered_at, h.estimated from deal_stage_history h join deals d on d.id = h.deal_id
       where d.external_id = ? order by h.entered_at, h.id`,
      externalId,
    )
  ).map((h) => [h.stage, iso(h.entered_at), h.estimated === 1]);

function errorsOf(result: TImportResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`);
}

beforeEach(async () => {
  db = await memoryDb();
  await ensureWorkspace(db, T);
  expect(await importCsv(db, { workspaceId: T, kind: 'people', csv: fixture('people.csv'), now: NOW })).toMatchObject({ ok: true });
  for (const [key, aliases] of Object.entries(ALIASES)) await db.update(s.stages).set({ aliases }).where(and(eq(s.stages.workspaceId, T), eq(s.stages.key, key)));
});

describe('import --from salesforce', () => {
  it('imports an opportunity report as exported: owners by name, US dates, amounts with codes, Closed Won/Lost', async () => {
    const result = await run(fixture('salesforce-opportunities.csv'), { from: 'salesforce', dateFormat: 'MM/DD/YYYY' });
    expect(result).toEqual({
      ok: true, kind: 'deals', rows: 12, inserted: 12, updated: 0, unchanged: 0,
      notes: ['1 amount is in EUR, not USD: kept as written, not converted'],
    });
    // Ana is in New York: a date alone is midnight there.
    expect(await deal('0065g00000AcMeAAA')).toMatchObject({
      name: 'Acme Corp - Platform', amount_cents: 2_400_000, stage: 'won', furthest_stage: 'negotiation', outcome: 'won',
      created_at: Date.parse('2024-01-08T05:00:00Z'), closed_at: Date.parse('2024-02-20T05:00:00Z'),
    });
    // No history columns: the stage since creation is recorded as estimated, the close on its day.
    expect(await history('0065g00000AcMeAAA')).toEqual([
      ['negotiation', '2024-01-08T05:00:00.000Z', true],
      ['won', '2024-02-20T05:00:00.000Z', false],
    ]);
    // A loss without history is lost from the first stage (nothing later is known).
    expect(await deal('0065g00000GlObAAA')).toMatchObject({ stage: 'lost', furthest_stage: 'prospecting', outcome: 'lost' });
    // An open deal's Close Date is a forecast, not a close.
    expect(await deal('0065g00000InItAAA')).toMatchObject({ stage: 'demo', outcome: 'open', closed_at: null });
    expect(await deal('0065g00000VaNdAAA')).toMatchObject({ amount_cents: 780_000, outcome: 'won' });
    // No name: the id. No created date but a stage: an open deal, created on the import day.
    expect(await deal('0065g00000MaSsAAA')).toMatchObject({ name: '0065g00000MaSsAAA', stage: 'discovery', outcome: 'open' });
    expect(await deal('0065g00000CyBeAAA')).toMatchObject({ stage: 'proposal', outcome: 'open', amount_cents: null, created_at: NOW.getTime() });
    expect(await deal('0065g00000HoO2AAA')).toMatchObject({ amount_cents: 600_000, stage: 'discovery' });
  });

  it('without --date-format, says which flag an ambiguous date needs; nothing is imported', async () => {
    const errors = errorsOf(await run(fixture('salesforce-opportunities.csv'), { from: 'salesforce' }));
    expect(errors[0]).toBe(
      "2: created_at '1/8/2024' could be August 1 or January 8: pass --date-format MM/DD/YYYY (month first, as US exports write dates) or --date-format DD/MM/YYYY",
    );
    expect(await rows('select cast(count(*) as integer) as n from deals')).toEqual([{ n: 0 }]);
  });

  it('a deal created in the future is a line error, not a deal', async () => {
    const csv = 'deal_id,rep,name,created_at,furthest_stage,outcome\nD1,U01REP0001,Acme,2030-03-01,demo,open\nD2,U01REP0001,Globex,2024-05-31,demo,open\n';
    expect(errorsOf(await run(csv, {}))).toEqual(['2: created_at 2030-03-01 is in the future']);
    expect(await rows('select cast(count(*) as integer) as n from deals')).toEqual([{ n: 0 }]);
  });

  it('updates what a later export changed and records the move on the import day; the same export again changes nothing', async () => {
    const options: TImportOptions = { from: 'salesforce', dateFormat: 'MM/DD/YYYY' };
    await run(fixture('salesforce-opportunities.csv'), options);
    expect(await run(fixture('salesforce-opportunities.csv'), options)).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 12 });
    const later = fixture('salesforce-opportunities.csv')
      .toString()
      .replace('"Value Proposition","Q2-2024","USD 12,000.00"', '"Negotiation/Review","Q2-2024","USD 14,000.00"');
    expect(await run(later, options, LATER)).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 11 });
    expect(await deal('0065g00000InItAAA')).toMatchObject({ stage: 'negotiation', furthest_stage: 'negotiation', amount_cents: 1_400_000 });
    expect(await history('0065g00000InItAAA')).toEqual([
      ['demo', '2024-02-02T05:00:00.000Z', true],
      ['negotiation', LATER.toISOString(), false],
    ]);
    expect(await run(later, options, LATER)).toMatchObject({ ok: true, updated: 0, unchanged: 12 });
  });
});

describe('import --from hubspot', () => {
  it('takes the stage history from the "Date entered" columns; a deal without them is estimated', async () => {
    expect(await run(fixture('hubspot-deals.csv'), { from: 'hubspot' })).toMatchObject({ ok: true, rows: 12, inserted: 12, notes: [] });
    expect(await deal('18234567001')).toMatchObject({ name: 'Acme Corp - Platform', stage: 'won', furthest_stage: 'negotiation', amount_cents: 2_400_000 });
    expect(await history('18234567001')).toEqual([
      ['prospecting', '2024-01-08T14:30:00.000Z', false],
      ['discovery', '2024-01-12T16:00:00.000Z', false],
      ['demo', '2024-01-22T19:00:00.000Z', false],
      ['proposal', '2024-02-01T15:00:00.000Z', false],
      ['negotiation', '2024-02-09T20:45:00.000Z', false],
      ['won', '2024-02-20T21:30:00.000Z', false],
    ]);
    // A loss with history is lost where it got to.
    expect(await deal('18234567002')).toMatchObject({ stage: 'lost', furthest_stage: 'proposal', amount_cents: 1_850_000 });
    expect(await history('18234567010')).toEqual([['discovery', '2024-02-27T00:00:00.000Z', true]]); // Grace is in Los Angeles
    expect(await deal('18234567008')).toMatchObject({ name: '18234567008' });
    // "Name (e-mail)" owner; no Create Date: the first day the file knows of (Hugo is in Dublin).
    expect(await deal('18234567011')).toMatchObject({ stage: 'proposal', created_at: Date.parse('2024-03-12T09:00:00Z') });
    expect(await run(fixture('hubspot-deals.csv'), { from: 'hubspot' })).toMatchObject({ ok: true, updated: 0, unchanged: 12 });
  });

  it('gives time in stage from imported dates, and none from an estimated row', async () => {
    await run(fixture('hubspot-deals.csv'), { from: 'hubspot' });
    const ids = await rows("select id, external_id from deals where external_id in ('18234567001', '18234567010') order by external_id");
    const facts = await listDealFacts(db, [...new Set((await rows('select rep_id from deals')).map((r) => r.rep_id as number))], 0, NOW.getTime());
    const acme = facts.find((f) => f.id === ids[0]!.id)!;
    const massive = facts.find((f) => f.id === ids[1]!.id)!;
    expect(Object.keys(acme.stageEnteredAt)).toEqual(['demo', 'discovery', 'negotiation', 'proposal', 'prospecting', 'won']);
    expect(massive.stageEnteredAt).toEqual({});
    const stages = await listStages(db, T);
    const days = stageDays([acme, massive], stages, 0, NOW.getTime());
    expect(days.discovery).toEqual([10 + 3 / 24]); // 12 Jan 11:00 → 22 Jan 14:00 in New York
    expect(Object.values(days).flat()).toHaveLength(5);
  });
});

describe('import --from pipedrive', () => {
  it('reads the status as the outcome and the stage as how far the deal got', async () => {
    const result = await run(fixture('pipedrive-deals.csv'), { from: 'pipedrive' });
    expect(result).toMatchObject({
      ok: true, rows: 12, inserted: 12,
      notes: ['1 amount is in EUR, not USD: kept as written, not converted', '1 amount is in GBP, not USD: kept as written, not converted'],
    });
    expect(await deal('101')).toMatchObject({ stage: 'won', furthest_stage: 'negotiation', outcome: 'won', closed_at: Date.parse('2024-02-20T21:30:00Z') });
    expect(await deal('102')).toMatchObject({ stage: 'lost', furthest_stage: 'proposal', closed_at: Date.parse('2024-03-01T17:00:00Z') });
    expect(await deal('110')).toMatchObject({ name: '110', stage: 'discovery', outcome: 'open' });
    expect(await deal('111')).toMatchObject({ stage: 'prospecting', amount_cents: 0, created_at: NOW.getTime() });
  });
});

describe('import with --map and CRM values', () => {
  it('maps any export, finds people by full name, and names both people when a name fits two', async () => {
    await db.update(s.people).set({ name: 'Ana Ortiz' }).where(eq(s.people.slackUserId, 'U01REP0002'));
    const csv = `opportunity_id,sales_agent,deal_stage,value,opened
X1,Grace Kim,discovery,"24.000,00 €",14.03.2024
X2,Ana Ortiz,demo,100,14.03.2024
X3,Nobody Here,demo,100,14.03.2024
X4,Grace Kim,Haggling,100,14.03.2024
`;
    const map = new Map([['deal_id', 'opportunity_id'], ['rep', 'sales_agent'], ['furthest_stage', 'deal_stage'], ['amount', 'value'], ['created_at', 'opened']]);
    expect(errorsOf(await run(csv, { map }))).toEqual([
      "3: rep 'Ana Ortiz' is the name of 2 people (U01REP0001, U01REP0002): write their e-mail or Slack user id instead",
      "4: rep 'Nobody Here' is not a person of this workspace: no Slack user id, e-mail or full name matches (import people first)",
      `5: furthest_stage 'Haggling' is not a stage of this workspace (prospecting, discovery, demo, proposal, negotiation, won, lost): add it as a CRM name of one of them with /coach setup or "npm run cli -- setup set --stages …"`,
    ]);
    const good = csv.split('\n').slice(0, 2).join('\n');
    expect(await run(good, { map })).toMatchObject({ ok: true, inserted: 1, notes: ['1 amount is in EUR, not USD: kept as written, not converted'] });
    expect(await deal('X1')).toMatchObject({ amount_cents: 2_400_000, created_at: Date.parse('2024-03-14T07:00:00Z') });
  });

  it('names a --map column the file lacks, and a missing Opportunity ID says how to add it', async () => {
    expect(errorsOf(await run('a,b\n1,2\n', { map: new Map([['rep', 'Sales Agent']]) }))[0]).toContain("--map rep=Sales Agent: the file has no column 'Sales Agent' (its columns: a, b)");
    const noId = fixture('salesforce-opportunities.csv').toString().replace('"Opportunity ID"', '"Record Type"');
    expect(errorsOf(await run(noId, { from: 'salesforce', dateFormat: 'MM/DD/YYYY' }))).toEqual([
      "1: missing column deal_id (with --from salesforce: add the 'Opportunity ID' column to the report before exporting it, or name the column with --map deal_id=<Column>)",
    ]);
  });
});

describe('imported deals count as history', () => {
  it('a rep whose imported deals span 14 months is not ramping, with no activity at all', async () => {
    const lines = ['deal_id,rep,name,amount,created_at,furthest_stage,outcome,closed_at'];
    for (let m = 0; m < 14; m++) {
      const created = new Date(Date.UTC(2023, 3 + m, 3)).toISOString().slice(0, 10);
      const closed = new Date(Date.UTC(2023, 3 + m, 20)).toISOString().slice(0, 10);
      lines.push(`H${m},U01REP0001,Deal ${m},1000,${created},proposal,${m % 2 ? 'won' : 'lost'},${closed}`);
    }
    expect(await importCsv(db, { workspaceId: T, kind: 'deals', csv: lines.join('\n'), now: NOW })).toMatchObject({ ok: true, inserted: 14 });
    await recomputeWorkspace(db, { workspaceId: T, now: NOW });
    const [tier] = await rows(
      `select t.tier from tier_snapshots t join people p on p.id = t.person_id where p.slack_user_id = 'U01REP0001' order by t.computed_at desc limit 1`,
    );
    expect(tier).toBeDefined();
    expect(tier!.tier).not.toBe('ramping');
  });
});
