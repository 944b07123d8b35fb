import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { s } from '../support/tables';
import { logActivity, type TLogOutcome } from '../../src/services/logging/log-activity';
import { addPerson, memoryDb } from '../support/db';

const { activities, dealNotes, deals } = s;

const T = 'T0REPLAY';
// A Thursday, so "yesterday", "mon" and "mon-wed" are all this week.
const writtenAt = DateTime.fromISO('2026-03-12T16:00', { zone: 'America/New_York' });

/**
 * The log lines of SPEC §4 and issue 12's report, replayed against a rep who holds the deals the report
 * names ("Acme 469", "Globex", "Hooli", "Initech"): each lands on the right deal and stage with the right
 * count and amount, and none creates a phantom deal.
 */
describe('the examples of SPEC §4, replayed (service over a migrated SQLite)', () => {
  let db: TDb;
  let repId: number;
  let seq = 0;
  const ids: Record<string, number> = {};

  const log = async (text: string) => {
    const outcome = await logActivity(db, { workspaceId: T, personId: repId, source: 'dm', sourceRef: `msg:D1:${++seq}.1`, text, writtenAt, change: { kind: 'posted' } });
    if (outcome.status === 'duplicate') throw new Error('duplicate');
    return outcome as Exclude<TLogOutcome, { status: 'duplicate' }>;
  };
  const rows = async () => await db.select().from(activities).orderBy(activities.id);
  const dealNames = async () => (await db.select({ name: deals.name }).from(deals)).map((d) => d.name).sort();
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: 'America/New_York' }).toFormat('ccc');

  beforeEach(async () => {
    db = await memoryDb();
    repId = (await addPerson(db, T, 'U0REP1', { tz: 'America/New_York' })).id;
    for (const [name, stage] of [['Acme 469', 'discovery'], ['Globex', 'demo'], ['Hooli', 'proposal'], ['Initech', 'negotiation']] as const) {
      const deal = await createDeal(db, { workspaceId: T, repId, externalId: `crm-${name}`, name, stage, createdAt: new Date('2026-02-01T15:00:00Z') });
      await addStageHistory(db, { dealId: deal.id, stage, enteredAt: new Date('2026-02-01T15:00:00Z'), logEntryId: null });
      ids[name] = deal.id;
    }
  });

  const noPhantom = async () => expect(await dealNames()).toEqual(['Acme 469', 'Globex', 'Hooli', 'Initech']);

  it.each([
    ['demo with Acme', [['demo', 1, 'Acme 469', 'demo']]],
    ['2 demos w/ Acme Corp', [['demo', 2, 'Acme 469', 'demo']]],
    ['disco w/ Acme', [['call', 1, 'Acme 469', 'discovery']]],
    ['disco call w/ Acme', [['call', 1, 'Acme 469', 'discovery']]],
    ['QBR with Hooli', [['meeting', 1, 'Hooli', 'proposal']]],
    ['lunch with the Acme CFO', [['meeting', 1, 'Acme 469', 'discovery']]],
    ['onsite at Initech', [['meeting', 1, 'Initech', 'negotiation']]],
    ['called Acme twice', [['call', 2, 'Acme 469', 'discovery']]],
    ['texted 3 prospects', [['social', 3, null, 'prospecting']]],
    ['5 LI messages', [['social', 5, null, 'prospecting']]],
    ['15 dials 2 convos 1 booked', [['call', 15, null, 'prospecting']]],
    ['4 calls, 2 emails', [['call', 4, null, 'prospecting'], ['email', 2, null, 'prospecting']]],
    ['3 dials + 1 mtg', [['call', 3, null, 'prospecting'], ['meeting', 1, null, 'discovery']]],
    ['demo for Acme tomorrow went great', [['demo', 1, 'Acme 469', 'demo']]],
    ['2 demos (Acme, Globex)', [['demo', 1, 'Acme 469', 'demo'], ['demo', 1, 'Globex', 'demo']]],
  ] as const)('%s', async (text, want) => {
    await log(text);
    const names = new Map((await db.select({ id: deals.id, name: deals.name }).from(deals)).map((d) => [d.id, d.name]));
    const got = (await rows()).map((r) => [r.type, r.count, r.dealId === null ? null : names.get(r.dealId)!, r.stage]);
    expect(got).toEqual(want);
    await noPhantom();
  });

  it('sent proposal to Globex $24k · proposal out to Globex for 24k: the proposal and the amount on Globex', async () => {
    for (const text of ['sent proposal to Globex $24k', 'proposal out to Globex for 24k']) {
      await log(text);
      expect((await db.select().from(deals).where(eq(deals.id, ids.Globex!)))[0]).toMatchObject({ amountCents: 2_400_000, stage: 'proposal' });
    }
    expect((await rows()).map((r) => [r.type, r.dealId])).toEqual([['proposal', ids.Globex], ['proposal', ids.Globex]]);
    await noPhantom();
  });

  it('moved Initech to negotiation · won Acme $12,500 · lost Hooli', async () => {
    await log('moved Globex to negotiation');
    await log('won Acme $12,500');
    await log('lost Hooli');
    const byName = async (name: string) => (await db.select().from(deals).where(eq(deals.name, name)))[0]!;
    expect(await byName('Globex')).toMatchObject({ stage: 'negotiation', outcome: 'open' });
    expect(await byName('Acme 469')).toMatchObject({ outcome: 'won', amountCents: 1_250_000 });
    expect(await byName('Hooli')).toMatchObject({ outcome: 'lost' });
    await noPhantom();
  });

  it('yesterday: 5 calls · mon 3 calls · 4 calls yesterday and 2 today · mon-wed 30 calls', async () => {
    await log('yesterday: 5 calls');
    await log('mon 3 calls');
    await log('4 calls yesterday and 2 today');
    const out = await log('mon-wed 30 calls');
    expect((await rows()).map((r) => [day(r.occurredAt), r.count])).toEqual([
      ['Wed', 5],
      ['Mon', 3],
      ['Wed', 4],
      ['Thu', 2],
      ['Mon', 10],
      ['Tue', 10],
      ['Wed', 10],
    ]);
    expect(out.view.activities).toEqual([expect.objectContaining({ type: 'call', count: 30, spread: 'spread over Mon 9 Mar – Wed 11 Mar, 10 a day' })]);
  });

  it('Initech pushed to Q1: a note on Initech, not an error; its stage stays', async () => {
    const out = await log('Initech pushed to Q1');
    expect(out.view.problems).toEqual([]);
    expect(await db.select().from(dealNotes)).toMatchObject([{ dealId: ids.Initech, text: 'close date pushed to Q1' }]);
    expect((await db.select().from(deals).where(eq(deals.id, ids.Initech!)))[0]?.stage).toBe('negotiation');
  });

  it('oops, that was 3 calls not 4: the previous entry now says 3, and no calls were added', async () => {
    await log('4 calls, 2 emails');
    const out = await log('oops, that was 3 calls not 4');
    expect((await rows()).map((r) => [r.type, r.count])).toEqual([['call', 3], ['email', 2]]);
    expect(out.view.corrections).toEqual([{ type: 'call', before: 4, after: 3 }]);
  });

  it('nothing today, was sick: nothing logged, a kind answer', async () => {
    const out = await log('nothing today, was sick');
    expect(await rows()).toEqual([]);
    expect(out.view).toMatchObject({ nothing: 'sick', unknown: [], problems: [] });
  });
});
