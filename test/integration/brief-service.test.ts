import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { type TDb, writeTransaction } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { saveTeamSnapshots } from '../../db/repositories/coaching';
import { ensureMeeting, insertActionItems, insertAgendaItem, setActionItemDone, upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { findPersonById, promoteToManager, setManager, type TPersonRow } from '../../db/repositories/people';
import { NO_FOCUS_QUESTIONS, STAGE_COACHING, TIER_TONE } from '../../src/domain/coaching/library';
import type { TTier } from '../../src/domain/coaching/tiers';
import { AppError } from '../../src/domain/errors';
import type { TActivityType } from '../../src/domain/types';
import { buildManagerBrief } from '../../src/services/briefs/build-manager-brief';
import { getRepCoaching } from '../../src/services/coaching/get-rep-coaching';
import { getBriefOnDemand } from '../../src/services/briefs/get-brief-on-demand';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { findLimitViolations } from '../../src/slack/blocks/limits';
import { briefToPlainText, renderBrief } from '../../src/slack/blocks/brief';
import { addPerson, memoryDb } from '../support/db';
import { s } from '../support/tables';

const W = 'T0BRIEF';
// Tuesday 10 March 2026, 14:00 UTC: 14:00 in London (the manager), 10:00 EDT in New York (the rep, DST since Sunday).
const NOW = DateTime.fromISO('2026-03-10T14:00:00Z', { zone: 'utc' });
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

type TTeam = { manager: TPersonRow; rep: TPersonRow; peer: TPersonRow; otherManager: TPersonRow; admin: TPersonRow; oneOnOneId: number };

async function person(db: TDb, slackUserId: string, name: string, tz: string, managerId: number | null = null, isAdmin = false): Promise<TPersonRow> {
  const row = await addPerson(db, W, slackUserId, { name, tz, isAdmin });
  if (managerId !== null) await setManager(db, row.id, managerId);
  await db.update(s.people).set({ quota: 4 }).where(eq(s.people.id, row.id));
  return (await findPersonById(db, row.id))!;
}

/** A deal with its stage history (stage → ISO instant); closed when the last stage is won or lost. */
async function deal(db: TDb, repId: number, name: string, history: [string, string][], lastActivity: string | null = null): Promise<number> {
  const [last] = history[history.length - 1]!;
  const outcome = last === 'won' || last === 'lost' ? last : 'open';
  const open = history.filter(([stage]) => stage !== 'won' && stage !== 'lost');
  const times = history.map(([, iso]) => new Date(iso));
  const [{ id }] = (await db
    .insert(s.deals)
    .values({
      workspaceId: W, repId, externalId: `${repId}-${name}`, name, nameKey: name.toLowerCase(), amountCents: 1_000_000, stage: last, furthestStage: open[open.length - 1]![0],
      outcome, createdAt: times[0]!, closedAt: outcome === 'open' ? null : times[times.length - 1]!, lastActivityAt: lastActivity ? new Date(lastActivity) : times[times.length - 1]!,
    })
    .returning({ id: s.deals.id })) as [{ id: number }];
  await db.insert(s.dealStageHistory).values(history.map(([stage, iso]) => ({ dealId: id, stage, enteredAt: new Date(iso) })));
  return id;
}

async function activity(db: TDb, repId: number, type: TActivityType, count: number, iso: string, extra: { dealId?: number; stage?: string } = {}) {
  await insertActivities(db, [{ workspaceId: W, repId, type, count, occurredAt: at(iso), dealId: extra.dealId ?? null, stage: extra.stage ?? null, logEntryId: null }]);
}

const FULL = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation', 'won'];
const through = (stages: string[], startIso: string): [string, string][] => stages.map((stage, i) => [stage, new Date(Date.parse(startIso) + i * 3 * DAY).toISOString()]);

async function seed(db: TDb): Promise<TTeam> {
  const manager = await person(db, 'U0MORGAN', 'Morgan', 'Europe/London');
  await promoteToManager(db, manager);
  const rep = await person(db, 'U0DANA', 'Dana', 'America/New_York', manager.id);
  const peer = await person(db, 'U0PEER', 'Pat', 'America/New_York', manager.id);
  const otherManager = await person(db, 'U0OTHER', 'Olive', 'UTC');
  await promoteToManager(db, otherManager);
  const admin = await person(db, 'U0ADMIN', 'Ada', 'UTC', null, true);

  // Weekly on Tuesdays at 15:00 London: last one 3 March, next one today in an hour.
  const { row } = await upsertOneOnOne(db, { workspaceId: W, managerId: manager.id, repId: rep.id, cadence: 'weekly', weekday: 2, localTime: '15:00', tz: 'Europe/London', anchorDate: '2026-02-03' }, at('2026-02-01T00:00:00Z'));

  // Selling history over the window, for the rep and the team.
  for (let i = 0; i < 4; i++) await deal(db, rep.id, `Won ${i}`, through(FULL, `2026-01-0${i + 2}T15:00:00Z`));
  for (let i = 0; i < 4; i++) await deal(db, peer.id, `Peer ${i}`, through(FULL, `2026-01-0${i + 2}T15:00:00Z`));
  await deal(db, rep.id, 'Lost early', through(['prospecting', 'discovery', 'lost'], '2026-01-10T15:00:00Z'));
  // In the period: one won, one moved on to proposal yesterday (its demo activity fed the demo stage).
  await deal(db, rep.id, 'Wonka', [['prospecting', '2026-02-01T15:00:00Z'], ['negotiation', '2026-03-02T15:00:00Z'], ['won', '2026-03-05T15:00:00Z']]);
  const globex = await deal(db, rep.id, 'Globex', [['prospecting', '2026-02-10T15:00:00Z'], ['discovery', '2026-02-20T15:00:00Z'], ['demo', '2026-03-01T15:00:00Z'], ['proposal', '2026-03-09T15:00:00Z']], '2026-03-09T15:00:00Z');
  // Stalled: seven idle deals, the oldest idle for most of a year (outside the funnel's 90-day window).
  await deal(db, rep.id, 'Ancient', [['prospecting', '2025-06-01T15:00:00Z']]);
  for (let i = 0; i < 6; i++) await deal(db, rep.id, `Stale ${i}`, [['prospecting', `2026-01-1${i}T15:00:00Z`], ['demo', `2026-01-2${i}T15:00:00Z`]]);

  await activity(db, rep.id, 'call', 5, '2025-11-20T15:00:00Z'); // months of data: not ramping
  await activity(db, rep.id, 'call', 7, '2026-03-01T15:00:00Z'); // before the period
  await activity(db, rep.id, 'call', 10, '2026-03-05T15:00:00Z');
  await activity(db, rep.id, 'email', 4, '2026-03-06T15:00:00Z');
  await activity(db, rep.id, 'meeting', 3, '2026-03-06T16:00:00Z', { stage: 'discovery' });
  await activity(db, rep.id, 'demo', 2, '2026-03-04T15:00:00Z', { dealId: globex });
  await activity(db, rep.id, 'call', 1, NOW.toISO()!); // at this very instant: counts

  // Agenda: one from before the last meeting (already discussed), one from each side since.
  await insertAgendaItem(db, { oneOnOneId: row.id, authorId: rep.id, text: 'Old topic' }, at('2026-03-01T10:00:00Z'));
  await insertAgendaItem(db, { oneOnOneId: row.id, authorId: rep.id, text: 'Pricing for Initech' }, at('2026-03-05T10:00:00Z'));
  await insertAgendaItem(db, { oneOnOneId: row.id, authorId: manager.id, text: 'Demo script' }, at('2026-03-08T10:00:00Z'));

  // Action items: an open one carried from 17 Feb, a done one from 24 Feb (not shown), and last meeting's two.
  const feb17 = await ensureMeeting(db, row.id, at('2026-02-17T15:00:00Z'));
  const feb24 = await ensureMeeting(db, row.id, at('2026-02-24T15:00:00Z'));
  const mar3 = await ensureMeeting(db, row.id, at('2026-03-03T15:00:00Z'));
  await insertActionItems(db, feb17.id, [{ ownerId: rep.id, text: 'Carried item', dueDate: '2026-02-20' }], at('2026-02-17T16:00:00Z'));
  const [old] = await insertActionItems(db, feb24.id, [{ ownerId: manager.id, text: 'Done long ago', dueDate: null }], at('2026-02-24T16:00:00Z'));
  await setActionItemDone(db, old!.id, at('2026-02-25T10:00:00Z'));
  const [done] = await insertActionItems(
    db,
    mar3.id,
    [
      { ownerId: rep.id, text: 'Send ROI one-pager', dueDate: '2026-03-06' },
      { ownerId: manager.id, text: 'Book a ride-along', dueDate: '2026-03-12' },
    ],
    at('2026-03-03T16:00:00Z'),
  );
  await setActionItemDone(db, done!.id, at('2026-03-05T10:00:00Z'));
  return { manager, rep, peer, otherManager, admin, oneOnOneId: row.id };
}

/** A controlled snapshot for the rep, an hour before NOW: the tier, two expectations and a focus on demos. */
async function snapshot(db: TDb, rep: TPersonRow, tier: TTier) {
  await writeTransaction(db, (tx) =>
    saveTeamSnapshots(tx, {
      workspaceId: W,
      computedAt: NOW.minus({ hours: 1 }).toJSDate(),
      personIds: [rep.id],
      tiers: [{ personId: rep.id, tier, reasonCode: 'test', reasonText: `${tier}: the test says so.`, details: { changed: false } }],
      expectations: [
        { personId: rep.id, activityType: 'call', per: 'week', amount: 21, derivation: { text: 'x', weeklyAmount: 21 } },
        { personId: rep.id, activityType: 'email', per: 'day', amount: 4, derivation: { text: 'x', weeklyAmount: 20 } },
      ],
      focus: [{ personId: rep.id, stage: 'demo', toStage: 'proposal', reasonCode: 'new', expectedGain: 1, evidence: { text: 'Demo → Proposal: 1 of 5 vs 60% for the team.' } }],
      pruneBefore: new Date(0),
    }),
  );
}

describe('buildManagerBrief', () => {
  let db: TDb;
  let team: TTeam;
  beforeEach(async () => {
    db = await memoryDb();
    team = await seed(db);
  });

  const brief = (now = NOW) => getBriefOnDemand(db, team.manager, team.rep, now.toJSDate());

  it('covers the period since the last 1:1: activity by type vs. expectation and the stages it fed', async () => {
    await snapshot(db, team.rep, 'guided');
    const view = await brief();
    expect(view.meeting).toEqual({ label: 'Tue 10 Mar, 15:00', relative: 'in 60 min', recurrence: 'every Tuesday at 15:00' });
    expect(view.meetingId).toBeGreaterThan(0);
    expect(view.period).toEqual({ basis: 'since_meeting', fromLabel: 'Tue 3 Mar, 15:00', days: 7 });
    expect(view.tier).toMatchObject({ tier: 'guided', reason: 'guided: the test says so.' });
    // Calls: 21 a week × 6.96 days / 7; emails: 4 a day × 5 working days in New York (Tue 10:00 EST → Tue 10:00 EDT).
    expect(view.activity).toEqual({
      kind: 'activity',
      rows: [
        { type: 'call', done: 11, expected: 21, per: 'week', amount: 21 },
        { type: 'email', done: 4, expected: 20, per: 'day', amount: 4 },
        { type: 'meeting', done: 3, expected: null, per: null, amount: null },
        { type: 'demo', done: 2, expected: null, per: null, amount: null },
      ],
      total: 20,
      // Calls and emails logged without a deal or stage count in the stage their type feeds (the workspace map).
      byStage: {
        stages: [
          { stage: 'prospecting', name: 'Prospecting', count: 15 },
          { stage: 'discovery', name: 'Discovery', count: 3 },
          { stage: 'demo', name: 'Demo', count: 2 },
        ],
        noStage: 0,
      },
    });
  });

  it('shows conversion vs. the team with the focus, stalled deals, questions for the focus stage and the tone', async () => {
    await snapshot(db, team.rep, 'focused');
    const view = await brief();
    expect(view.conversion.rows.map((r) => `${r.fromName}>${r.toName}`)).toEqual(['Prospecting>Discovery', 'Discovery>Demo', 'Demo>Proposal', 'Proposal>Negotiation', 'Negotiation>Won']);
    expect(view.conversion.rows.filter((r) => r.isFocus).map((r) => r.fromName)).toEqual(['Demo']);
    // Discovery: 13 of the rep's deals got there, one was lost there; the rest of the team (the peer's four) all moved on.
    expect(view.conversion.rows[1]).toMatchObject({ reached: 13, advanced: 12, repRate: 12 / 13, teamRate: 4 / 4 });
    expect(view.conversion.focus).toEqual({ stageName: 'Demo', toStageName: 'Proposal', evidenceText: 'Demo → Proposal: 1 of 5 vs 60% for the team.' });
    // 'Ancient' (idle since June 2025) is dormant, never a stalled deal; without amounts the freshest come first.
    expect(view.stalled.deals.map((d) => d.name)).toEqual(['Stale 5', 'Stale 4', 'Stale 3']);
    expect(view.stalled.more).toBe(3);
    expect(view.dormant.deals.map((d) => d.name)).toEqual(['Ancient']);
    expect(view.dormant.overDays).toBe(90);
    expect(view.questions).toEqual({ stageName: 'Demo', items: STAGE_COACHING.demo!.questions.slice(0, 3) });
    expect(view.tone).toBe(TIER_TONE.focused);
  });

  it('lists the agenda since the last meeting and action items with done flags and carry-over', async () => {
    const view = await brief();
    expect(view.agenda).toEqual([
      { text: 'Pricing for Initech', authorName: 'Dana', fromYou: false },
      { text: 'Demo script', authorName: 'Morgan', fromYou: true },
    ]);
    expect(view.actionItems).toEqual([
      { text: 'Carried item', ownerName: 'Dana', ownerIsYou: false, dueLabel: 'Fri 20 Feb', overdue: true, done: false, carriedFrom: 'Tue 17 Feb' },
      { text: 'Send ROI one-pager', ownerName: 'Dana', ownerIsYou: false, dueLabel: 'Fri 6 Mar', overdue: false, done: true, carriedFrom: null },
      { text: 'Book a ride-along', ownerName: 'Morgan', ownerIsYou: true, dueLabel: 'Thu 12 Mar', overdue: false, done: false, carriedFrom: null },
    ]);
  });

  it('for an autonomous rep: outcomes in the period, never activity counts', async () => {
    await snapshot(db, team.rep, 'autonomous');
    const view = await brief();
    expect(view.activity).toEqual({
      kind: 'outcomes',
      goal: { label: 'Q1 2026', metric: 'deals_won', target: 4, achieved: 5, source: 'quota' },
      won: [{ name: 'Wonka', amountCents: 1_000_000 }],
      advanced: [{ name: 'Globex', stageName: 'Proposal' }],
    });
    expect(view.tone).toBe(TIER_TONE.autonomous);
  });

  it('shows no tier judgement for a ramping rep', async () => {
    await snapshot(db, team.rep, 'ramping');
    expect((await brief()).tier).toMatchObject({ tier: 'ramping', reason: null, changedFrom: null });
  });

  it('before any recompute: no tier, generic questions; after one: the recompute tier, three questions', async () => {
    const before = await brief();
    expect(before.tier).toBeNull();
    expect(before.questions).toEqual({ stageName: null, items: [...NO_FOCUS_QUESTIONS] });
    await recomputeWorkspace(db, { workspaceId: W, now: NOW.minus({ hours: 2 }).toJSDate() });
    const after = await brief();
    expect(after.tier?.tier).toBe((await getRepCoaching(db, team.rep.id, NOW.toJSDate()))!.tier.tier);
    expect(after.questions.items).toHaveLength(3);
    expect(findLimitViolations(renderBrief(after).blocks)).toEqual([]);
  });

  it.each([
    { what: 'an hour before: the coming meeting', now: NOW, startsAt: '2026-03-10T15:00:00.000Z', relative: 'in 60 min' },
    { what: 'half an hour in: the meeting under way, so notes can be logged', now: NOW.plus({ minutes: 90 }), startsAt: '2026-03-10T15:00:00.000Z', relative: 'started 30 min ago' },
    { what: 'four hours after, notes not logged: still that one', now: NOW.plus({ hours: 5 }), startsAt: '2026-03-10T15:00:00.000Z', relative: 'started 4 h ago' },
    { what: 'four hours after, notes logged: next week', now: NOW.plus({ hours: 5 }), startsAt: '2026-03-17T15:00:00.000Z', relative: 'in 7 days', notesLogged: true },
    { what: 'two days after: next week', now: NOW.plus({ days: 2 }), startsAt: '2026-03-17T15:00:00.000Z', relative: 'in 5 days' },
  ])('picks the meeting $what', async ({ now, startsAt, relative, notesLogged }) => {
    if (notesLogged) {
      const first = await brief(now);
      await db.update(s.meetings).set({ notesLoggedAt: now.toJSDate() }).where(eq(s.meetings.id, first.meetingId!));
    }
    const view = await brief(now);
    expect(view.meeting?.relative).toBe(relative);
    const [row] = await db.select({ startsAt: s.meetings.startsAt }).from(s.meetings).where(eq(s.meetings.id, view.meetingId!));
    expect(row!.startsAt.toISOString()).toBe(startsAt);
  });

  it('without a 1:1: no meeting, agenda or action items, and a week of activity', async () => {
    const view = await buildManagerBrief(db, { rep: team.peer, manager: team.manager, now: NOW.toJSDate(), meeting: null });
    expect(view).toMatchObject({ meeting: null, meetingId: null, agenda: [], actionItems: [], period: { basis: 'default', days: 7 } });
  });

  it('names a pattern across the rep’s deals only when one holds: most of their lost deals lost after one stage', async () => {
    expect((await brief()).pattern).toBeNull();
    expect(briefToPlainText(await brief())).not.toContain('Pattern:');
    // The rest of the team loses a dozen deals early; the rep loses six in a row after Proposal.
    for (let i = 0; i < 12; i++) await deal(db, team.peer.id, `Peer lost ${i}`, through(i % 3 === 0 ? ['prospecting', 'discovery', 'lost'] : ['prospecting', 'lost'], `2026-01-${String(10 + i).padStart(2, '0')}T15:00:00Z`));
    for (let i = 0; i < 6; i++) await deal(db, team.rep.id, `Lost late ${i}`, through(['prospecting', 'discovery', 'demo', 'proposal', 'lost'], `2026-01-${String(20 + i).padStart(2, '0')}T15:00:00Z`));
    const view = await brief();
    expect(view.pattern).toEqual({ kind: 'lost-after', stageName: 'Proposal', lost: 6, of: 7, teamLost: 0, teamOf: 12, windowDays: 180 });
    expect(briefToPlainText(view)).toContain("Pattern: 6 of Dana's last 7 lost deals were lost after Proposal (team: none of 12).");
    // The peer's own brief names none: the rest of their team (Dana) has too few lost deals to compare with.
    expect((await buildManagerBrief(db, { rep: team.peer, manager: team.manager, now: NOW.toJSDate(), meeting: null })).pattern).toBeNull();
  });

  it.each([
    { who: 'the rep\'s manager', viewer: (t: TTeam) => t.manager, allowed: true },
    { who: 'an admin', viewer: (t: TTeam) => t.admin, allowed: true },
    { who: 'the rep themself', viewer: (t: TTeam) => t.rep, allowed: false },
    { who: 'another rep', viewer: (t: TTeam) => t.peer, allowed: false },
    { who: 'another manager', viewer: (t: TTeam) => t.otherManager, allowed: false },
  ])('on demand for $who: allowed $allowed', async ({ viewer, allowed }) => {
    const run = () => getBriefOnDemand(db, viewer(team), team.rep, NOW.toJSDate());
    if (allowed) {
      const view = await run();
      // An admin without a 1:1 of their own gets the manager's meeting, but no "Log notes": the notes are the manager's own.
      expect(view.meeting).not.toBeNull();
      expect(view.meetingId === null).toBe(viewer(team) !== team.manager);
      return;
    }
    await expect(run()).rejects.toThrow(AppError);
    await expect(run()).rejects.toThrow('Briefs are for the rep’s manager and admins.');
  });
});
