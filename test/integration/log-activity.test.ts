import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { s } from '../support/tables';
import { logActivity } from '../../src/services/logging/log-activity';
import { removeLoggedMessage } from '../../src/services/logging/remove-logged-message';
import { answerDealQuestion } from '../../src/services/logging/answer-deal-question';
import { addPerson, memoryDb } from '../support/db';

const { activities, dealStageHistory, deals, logEntries } = s;

const T = 'T0TEST';
const writtenAt = DateTime.fromISO('2026-03-11T10:00', { zone: 'America/Los_Angeles' });

describe('logActivity (service over a migrated SQLite)', () => {
  let db: TDb;
  let repId: number;
  const log = (text: string, sourceRef = 'msg:D1:1.1', edit?: string) =>
    logActivity(db, { workspaceId: T, personId: repId, source: 'dm', sourceRef, text, writtenAt, change: edit ? { kind: 'edited', editedTs: edit } : { kind: 'posted' } });

  beforeEach(async () => {
    db = await memoryDb();
    repId = (await addPerson(db, T, 'U0REP1', { tz: 'America/Los_Angeles' })).id;
  });

  it('stores the raw text and each activity, with deal and time', async () => {
    const outcome = await log('4 calls, 2 emails, demo with Acme');
    expect(outcome.status).toBe('logged');
    const rows = (await db.select().from(activities));
    expect(rows.map((r) => [r.type, r.count])).toEqual([
      ['call', 4],
      ['email', 2],
      ['demo', 1],
    ]);
    expect(rows.every((r) => r.occurredAt.getTime() === writtenAt.toMillis())).toBe(true);
    const [deal] = (await db.select().from(deals));
    expect(deal).toMatchObject({ name: 'Acme', stage: 'demo', outcome: 'open' });
    expect((await db.select().from(logEntries))[0]?.rawText).toBe('4 calls, 2 emails, demo with Acme');
  });

  it('is idempotent: the same message again logs nothing more, even if Slack resends a different text', async () => {
    await log('4 calls');
    expect((await log('4 calls')).status).toBe('duplicate');
    expect((await log('5 calls')).status).toBe('duplicate');
    expect(await db.select().from(activities)).toHaveLength(1);
  });

  it('an edit replaces what the earlier version logged', async () => {
    await log('4 calls, demo with Acme');
    const outcome = await log('5 calls', 'msg:D1:1.1', '1700000100.000000');
    expect(outcome.status).toBe('updated');
    expect((await db.select().from(activities)).map((r) => [r.type, r.count])).toEqual([['call', 5]]);
    // The deal existed only because of the first version, so it goes with it.
    expect(await db.select().from(deals)).toHaveLength(0);
  });

  it('a deletion removes the activities and undoes deal moves, keeping deals that predate the message', async () => {
    await log('demo with Initech', 'msg:D1:1.1');
    await log('moved Initech to negotiation', 'msg:D1:2.2');
    expect((await db.select().from(deals))[0]).toMatchObject({ stage: 'negotiation', furthestStage: 'negotiation' });
    expect(await removeLoggedMessage(db, T, 'msg:D1:2.2', new Date())).toBeDefined();
    expect((await db.select().from(deals))[0]).toMatchObject({ stage: 'demo', furthestStage: 'demo' });
    expect(await removeLoggedMessage(db, T, 'msg:D1:2.2', new Date())).toBeUndefined();
  });

  it('undoing a message restores the deal amount and last activity it set, unless a later message changed them', async () => {
    await log('demo with Acme $10k', 'msg:D1:1.1');
    const before = (await db.select().from(deals))[0]!;
    await log('won Acme $12,500', 'msg:D1:2.2');
    await log('called Acme', 'msg:D1:3.3');
    expect((await db.select().from(deals))[0]).toMatchObject({ amountCents: 1_250_000, outcome: 'won' });
    await removeLoggedMessage(db, T, 'msg:D1:2.2', new Date());
    await removeLoggedMessage(db, T, 'msg:D1:3.3', new Date());
    expect((await db.select().from(deals))[0]).toMatchObject({ amountCents: before.amountCents, outcome: 'open', lastActivityAt: before.lastActivityAt });

    await log('won Acme $12,500', 'msg:D1:4.4');
    await log('sent proposal to Acme $15k', 'msg:D1:5.5');
    await removeLoggedMessage(db, T, 'msg:D1:4.4', new Date());
    // The later message set its own amount: undoing the earlier one leaves it.
    expect((await db.select().from(deals))[0]?.amountCents).toBe(1_500_000);
  });

  it('records outcomes with amounts, asking before it creates a deal it does not know', async () => {
    const asked = await log('won Acme $12,500');
    if (asked.status === 'duplicate') throw new Error('unexpected duplicate');
    expect(await db.select().from(deals)).toHaveLength(0);
    const [question] = asked.view.questions ?? [];
    expect(question).toMatchObject({ kind: 'create', name: 'Acme' });
    await answerDealQuestion(db, { workspaceId: T, personId: repId, questionId: question!.id, answer: 'new', now: writtenAt.toJSDate() });
    expect((await db.select().from(deals))[0]).toMatchObject({ outcome: 'won', amountCents: 1_250_000, stage: 'won' });
    expect((await db.select().from(deals))[0]?.closedAt?.getTime()).toBe(writtenAt.toMillis());
  });

  it('"yesterday" is the day before the message, in the rep\'s zone, and the confirmation says so', async () => {
    const outcome = await log('yesterday: 5 calls');
    if (outcome.status === 'duplicate') throw new Error('unexpected duplicate');
    expect(outcome.view.whenLabel).toBe('yesterday (Tue 10 Mar)');
    const row = (await db.select().from(activities))[0]!;
    expect(DateTime.fromJSDate(row.occurredAt, { zone: 'America/Los_Angeles' }).toISODate()).toBe('2026-03-10');
  });

  it('keeps text it could not understand, logging nothing and losing nothing', async () => {
    const outcome = await log('lunch was great <!channel>');
    expect(outcome.status).toBe('logged');
    if (outcome.status === 'duplicate') return;
    expect(outcome.view.activities).toHaveLength(0);
    expect(outcome.view.unknown.length).toBeGreaterThan(0);
    expect((await db.select().from(logEntries))[0]?.rawText).toBe('lunch was great <!channel>');
    expect(await db.select().from(activities)).toHaveLength(0);
  });

  it('reports absurd counts as problems instead of logging them', async () => {
    const outcome = await log('600 calls, 2 emails');
    if (outcome.status === 'duplicate') throw new Error('unexpected duplicate');
    expect(outcome.view.problems).toHaveLength(1);
    expect((await db.select().from(activities)).map((r) => r.type)).toEqual(['email']);
  });

  it('survives a 5,000-character message', async () => {
    const text = `3 calls ${'blah '.repeat(1000)}`;
    await expect(log(text)).resolves.toBeDefined();
    expect((await db.select().from(logEntries))[0]?.rawText).toBe(text);
  });

  it('stage history is kept per message', async () => {
    await log('demo with Acme', 'msg:D1:1.1');
    await log('sent proposal to Acme $24k', 'msg:D1:2.2');
    const history = (await db.select().from(dealStageHistory)).map((h) => h.stage);
    expect(history).toEqual(['prospecting', 'demo', 'proposal']);
    expect((await db.select().from(deals))[0]).toMatchObject({ amountCents: 2_400_000, stage: 'proposal' });
  });
});
