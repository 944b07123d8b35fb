import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import { attributeStagelessActivities, insertActivities } from '../../db/repositories/activities';
import { addStageHistory, createDeal } from '../../db/repositories/deals';
import { getSellingSystem } from '../../db/repositories/workspaces';
import { s } from '../support/tables';
import { answerDealQuestion } from '../../src/services/logging/answer-deal-question';
import { logActivity, type TLogOutcome } from '../../src/services/logging/log-activity';
import { removeLoggedMessage } from '../../src/services/logging/remove-logged-message';
import { undoNewDeal } from '../../src/services/logging/undo-new-deal';
import { addPerson, memoryDb } from '../support/db';

const { activities, dealQuestions, deals } = s;

const T = 'T0TEST';
const writtenAt = DateTime.fromISO('2026-03-11T10:00', { zone: 'America/Los_Angeles' });
let seq = 0;

/** Issue 12: every log line lands on the right deal and stage, with no phantom deal. */
describe('logging in the context of deals and stages (service over a migrated SQLite)', () => {
  let db: TDb;
  let repId: number;
  let otherRepId: number;

  const log = async (text: string, extra: { dealId?: number; stage?: string; at?: DateTime } = {}) => {
    const outcome = await logActivity(db, {
      workspaceId: T,
      personId: repId,
      source: 'dm',
      sourceRef: `msg:D1:${++seq}.1`,
      text,
      writtenAt: extra.at ?? writtenAt,
      change: { kind: 'posted' },
      ...(extra.dealId !== undefined ? { dealId: extra.dealId } : {}),
      ...(extra.stage !== undefined ? { stage: extra.stage } : {}),
    });
    if (outcome.status === 'duplicate') throw new Error('unexpected duplicate');
    return outcome as Exclude<TLogOutcome, { status: 'duplicate' }>;
  };
  const deal = async (name: string, stage = 'discovery', rep = repId, outcome: 'open' | 'won' | 'lost' = 'open') => {
    const created = await createDeal(db, { workspaceId: T, repId: rep, externalId: `crm-${name}-${rep}`, name, stage, createdAt: writtenAt.minus({ days: 30 }).toJSDate() });
    await addStageHistory(db, { dealId: created.id, stage, enteredAt: writtenAt.minus({ days: 30 }).toJSDate(), logEntryId: null });
    if (outcome !== 'open') {
      await addStageHistory(db, { dealId: created.id, stage: outcome, enteredAt: writtenAt.minus({ days: 2 }).toJSDate(), logEntryId: null });
      await db.update(deals).set({ outcome, stage: outcome, closedAt: writtenAt.minus({ days: 2 }).toJSDate() }).where(eq(deals.id, created.id));
    }
    return created;
  };
  const rows = async () => await db.select().from(activities).orderBy(activities.id);

  beforeEach(async () => {
    db = await memoryDb();
    repId = (await addPerson(db, T, 'U0REP1', { tz: 'America/Los_Angeles' })).id;
    otherRepId = (await addPerson(db, T, 'U0REP2', { tz: 'America/Los_Angeles' })).id;
  });

  it('"demo with Acme" lands on the rep\'s "Acme 469", on its stage, and creates nothing', async () => {
    const acme = await deal('Acme 469', 'discovery');
    const out = await log('demo with Acme');
    expect(await db.select().from(deals)).toHaveLength(1);
    const [row] = await rows();
    // The demo moved the deal on to Demo, and is filed there.
    expect(row).toMatchObject({ dealId: acme.id, stage: 'demo' });
    expect(out.view.activities).toEqual([{ type: 'demo', count: 1, deal: 'Acme 469' }]);
    expect((await db.select().from(deals))[0]?.stage).toBe('demo');
  });

  it('never matches another rep\'s deal', async () => {
    await deal('Globex', 'demo', otherRepId);
    const out = await log('2 calls, proposal to Globex');
    const mine = (await db.select().from(deals).where(eq(deals.repId, repId)));
    expect(mine.map((d) => d.name)).toEqual(['Globex']);
    expect(out.view.newDeals?.map((d) => d.name)).toEqual(['Globex']);
  });

  it('asks which deal when several fit, logs without a deal meanwhile, and completes the log once answered', async () => {
    const corp = await deal('Acme Rockets', 'discovery');
    await deal('Acme Labs', 'proposal');
    const out = await log('2 calls with Acme');
    expect((await rows())[0]).toMatchObject({ dealId: null, stage: 'prospecting', count: 2 });
    const [question] = out.view.questions ?? [];
    expect(question).toMatchObject({ kind: 'which', name: 'Acme', what: '2 calls' });
    expect(question!.candidates.map((c) => c.name).sort()).toEqual(['Acme Labs', 'Acme Rockets']);
    const view = await answerDealQuestion(db, { workspaceId: T, personId: repId, questionId: question!.id, answer: { dealId: corp.id }, now: new Date() });
    expect((await rows())[0]).toMatchObject({ dealId: corp.id, stage: 'discovery' });
    expect(view.questions).toEqual([]);
    expect(view.activities[0]).toMatchObject({ deal: 'Acme Rockets' });
    // A second click (an old message) changes nothing and says so.
    await expect(
      answerDealQuestion(db, { workspaceId: T, personId: repId, questionId: question!.id, answer: 'none', now: new Date() }),
    ).rejects.toThrow(/earlier version|already answered/);
  });

  it('only the rep who wrote the line may answer its question', async () => {
    await deal('Acme Rockets');
    await deal('Acme Labs');
    const [question] = (await log('call with Acme')).view.questions ?? [];
    await expect(
      answerDealQuestion(db, { workspaceId: T, personId: otherRepId, questionId: question!.id, answer: 'none', now: new Date() }),
    ).rejects.toThrow(/Only the rep/);
  });

  it('a new deal only when the text clearly names one, with an Undo that keeps the activity', async () => {
    const out = await log('demo with Initech');
    const [made] = out.view.newDeals ?? [];
    expect(made?.name).toBe('Initech');
    expect((await rows())[0]?.dealId).toBe(made?.dealId);
    const view = await undoNewDeal(db, { workspaceId: T, personId: repId, dealId: made!.dealId, logEntryId: made!.logEntryId });
    expect(await db.select().from(deals)).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ dealId: null, stage: 'demo', type: 'demo' });
    expect(view.newDeals).toEqual([]);
    expect(view.undoneDeals).toEqual(['Initech']);
  });

  it('a capitalised word that may be a person is not made a deal ("called Bob twice"): the reply offers to', async () => {
    const out = await log('called Bob twice');
    expect(await db.select().from(deals)).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ type: 'call', count: 2, dealId: null, stage: 'prospecting' });
    const [question] = out.view.questions ?? [];
    expect(question).toMatchObject({ kind: 'create', name: 'Bob', what: '2 calls' });
    const view = await answerDealQuestion(db, { workspaceId: T, personId: repId, questionId: question!.id, answer: 'none', now: new Date() });
    expect(view.dismissedDeals).toEqual(['Bob']);
    expect(await db.select().from(deals)).toHaveLength(0);
  });

  it('a typo or a longer name is asked about, with the close deals and a new one offered; nothing is created', async () => {
    const dunder = await deal('Dunder Mifflin 231');
    await deal('Cyberdyne 316');
    await deal('Cyberdyne 699');
    const typo = await log('demo with Dunder Miflin');
    expect(typo.view.questions?.[0]).toMatchObject({ kind: 'which', offerNew: true, near: true, candidates: [expect.objectContaining({ dealId: dunder.id })] });
    const longer = await log('meeting with Cyberdyne Systems');
    expect(longer.view.questions?.[0]?.candidates.map((c) => c.name).sort()).toEqual(['Cyberdyne 316', 'Cyberdyne 699']);
    expect(await db.select().from(deals)).toHaveLength(3);
  });

  it('a move on a deal it does not know asks first (a typo must not fill the late stages)', async () => {
    const out = await log('moved Initch to negotiation');
    expect(await db.select().from(deals)).toHaveLength(0);
    expect(out.view.questions?.[0]).toMatchObject({ kind: 'create', name: 'Initch', what: 'the move to Negotiation' });
  });

  it('what an activity did to its deal is said: the stage it moved to, the amount it set', async () => {
    await deal('Gringotts 828', 'prospecting');
    await db.update(deals).set({ amountCents: 2_006_000 });
    const out = await log('proposal out to Gringotts for 24k');
    expect(out.view.dealUpdates).toEqual([
      { deal: 'Gringotts 828', stage: 'Proposal' },
      { deal: 'Gringotts 828', amountCents: 2_400_000, amountWasCents: 2_006_000 },
    ]);
  });

  it('a stage word on an activity moves its deal on, and the activity feeds the deal\'s stage', async () => {
    const soylent = await deal('Soylent 674', 'prospecting');
    const out = await log('disco call w/ Soylent');
    expect((await rows())[0]).toMatchObject({ dealId: soylent.id, stage: 'discovery' });
    expect((await db.select().from(deals))[0]?.stage).toBe('discovery');
    expect(out.view.dealUpdates).toEqual([{ deal: 'Soylent 674', stage: 'Discovery' }]);
    await log('negotiation call with Soylent');
    expect((await db.select().from(deals))[0]?.stage).toBe('negotiation');
  });

  it('the same line said many times reads as one', async () => {
    const out = await log(Array.from({ length: 20 }, () => '3 calls').join(', '));
    expect(out.view.activities).toEqual([{ type: 'call', count: 60 }]);
  });

  it('activity on a closed deal is logged on it without reopening it, and says so', async () => {
    const won = await deal('Hooli', 'negotiation', repId, 'won');
    const out = await log('call with Hooli');
    expect((await db.select().from(deals))[0]).toMatchObject({ id: won.id, outcome: 'won' });
    // After the close, its activity feeds the type's stage, not "Won".
    expect((await rows())[0]).toMatchObject({ dealId: won.id, stage: 'prospecting' });
    expect(out.view.activities[0]).toMatchObject({ deal: 'Hooli', dealClosed: 'won' });
  });

  it('a stage move reopens a closed deal only saying so', async () => {
    await deal('Hooli', 'negotiation', repId, 'lost');
    const out = await log('moved Hooli to negotiation');
    expect((await db.select().from(deals))[0]).toMatchObject({ outcome: 'open', stage: 'negotiation' });
    expect(out.view.dealUpdates[0]).toMatchObject({ deal: 'Hooli', reopened: true });
  });

  it('activity without a deal feeds its type\'s stage (SPEC §2 defaults)', async () => {
    await log('4 calls, 2 emails, 1 meeting, 1 demo, 1 proposal, 3 linkedin messages, 1 other activity');
    expect((await rows()).map((r) => [r.type, r.stage])).toEqual([
      ['call', 'prospecting'],
      ['email', 'prospecting'],
      ['meeting', 'discovery'],
      ['demo', 'demo'],
      ['proposal', 'proposal'],
      ['social', 'prospecting'],
      ['other', null],
    ]);
  });

  it('a backdated activity takes the stage its deal was in that day', async () => {
    const acme = await deal('Acme', 'discovery');
    await addStageHistory(db, { dealId: acme.id, stage: 'proposal', enteredAt: writtenAt.minus({ hours: 1 }).toJSDate(), logEntryId: null });
    await log('yesterday: 3 calls with Acme');
    expect((await rows())[0]).toMatchObject({ dealId: acme.id, stage: 'discovery' });
  });

  it('the Log modal\'s picked deal and stage are honoured; a deal named in the text wins', async () => {
    const picked = await deal('Umbrella', 'proposal');
    const other = await deal('Stark', 'demo');
    await log('2 calls', { dealId: picked.id });
    await log('email to Stark', { dealId: picked.id });
    await log('3 emails', { stage: 'negotiation' });
    expect((await rows()).map((r) => [r.dealId, r.stage])).toEqual([
      [picked.id, 'proposal'],
      [other.id, 'demo'],
      [null, 'negotiation'],
    ]);
  });

  it('rows without a stage (imported, seeded, logged before stages) get one: their deal\'s open stage then, else their type\'s', async () => {
    const acme = await deal('Acme', 'discovery');
    await addStageHistory(db, { dealId: acme.id, stage: 'won', enteredAt: writtenAt.minus({ days: 1 }).toJSDate(), logEntryId: null });
    const base = { workspaceId: T, repId, count: 1, logEntryId: null, stage: null };
    await insertActivities(db, [
      { ...base, type: 'call', occurredAt: writtenAt.minus({ days: 5 }).toJSDate(), dealId: acme.id },
      { ...base, type: 'call', occurredAt: writtenAt.toJSDate(), dealId: acme.id },
      { ...base, type: 'meeting', occurredAt: writtenAt.toJSDate(), dealId: null },
      { ...base, type: 'other', occurredAt: writtenAt.toJSDate(), dealId: null },
    ]);
    const system = await getSellingSystem(db, T);
    await attributeStagelessActivities(db, T, system.stages, system.activityStages);
    // Before the win: the deal's stage; after it: the type's; no deal: the type's; "other" feeds none.
    expect((await rows()).map((r) => r.stage)).toEqual(['discovery', 'prospecting', 'discovery', null]);
  });

  it('a picked deal of another rep (an old or forged form) is ignored', async () => {
    const theirs = await deal('Wayne', 'demo', otherRepId);
    await log('2 calls', { dealId: theirs.id });
    expect((await rows())[0]?.dealId).toBeNull();
  });

  it('corrects the previous entry ("that was 3 calls not 4") and takes it back when the correction is deleted', async () => {
    await log('4 calls, 2 emails');
    const fix = await log('that was 3 calls not 4');
    expect(fix.view.corrections).toEqual([{ type: 'call', before: 4, after: 3 }]);
    expect((await rows()).map((r) => [r.type, r.count])).toEqual([
      ['call', 3],
      ['email', 2],
    ]);
    await removeLoggedMessage(db, T, `msg:D1:${seq}.1`, new Date());
    expect((await rows()).find((r) => r.type === 'call')?.count).toBe(4);
  });

  it('a correction that does not fit the last entry changes nothing and says why', async () => {
    await log('5 calls');
    const fix = await log('that was 3 calls not 4');
    expect(fix.view.corrections ?? []).toEqual([]);
    expect(fix.view.problems[0]?.message).toMatch(/has 5, not 4/);
    expect((await rows()).map((r) => r.count)).toEqual([5]);
  });

  it('"nothing today, was sick" logs nothing and answers kindly', async () => {
    const out = await log('nothing today, was sick');
    expect(await rows()).toHaveLength(0);
    expect(out.view.nothing).toBe('sick');
    expect(out.view.problems).toEqual([]);
  });

  it('an edit asks afresh: the earlier question goes, its buttons become stale', async () => {
    await deal('Acme Rockets');
    await deal('Acme Labs');
    const ref = `msg:D1:${++seq}.1`;
    const first = await logActivity(db, { workspaceId: T, personId: repId, source: 'dm', sourceRef: ref, text: 'call with Acme', writtenAt, change: { kind: 'posted' } });
    if (first.status === 'duplicate') throw new Error('duplicate');
    const [old] = first.view.questions ?? [];
    await logActivity(db, { workspaceId: T, personId: repId, source: 'dm', sourceRef: ref, text: '2 calls with Acme', writtenAt, change: { kind: 'edited', editedTs: '2.2' } });
    expect(await db.select().from(dealQuestions)).toHaveLength(1);
    await expect(
      answerDealQuestion(db, { workspaceId: T, personId: repId, questionId: old!.id, answer: 'none', now: new Date() }),
    ).rejects.toThrow(/earlier version/);
  });
});
