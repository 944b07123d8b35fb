import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client';
import { setManager, type TPersonRow } from '../../db/repositories/people';
import { addPerson } from './db';
import { s } from './tables';

/*
 * A workspace with rows in every table of the schema, for two reps and their manager alike, each rep's text
 * carrying a marker (`dana-secret`, `eli-secret`) so a test can tell whose a row is by reading it. A second
 * workspace holds someone with the same Slack id as Dana, who must never be touched by anything done to her.
 */

export const WS = 'T0CANOPY';
export const OTHER_WS = 'T0ELSEWHERE';
export const AT = new Date('2026-11-20T15:00:00Z');

export type TEveryTable = { manager: TPersonRow; dana: TPersonRow; eli: TPersonRow; admin: TPersonRow; stranger: TPersonRow };

/** Fills every table. Dana and Eli are Morgan's reps; Ana is an admin; the stranger lives in another workspace. */
export async function seedEveryTable(db: TDb): Promise<TEveryTable> {
  const manager = await addPerson(db, WS, 'U0MGR1', { name: 'Morgan Manager' });
  await db.update(s.people).set({ role: 'manager' }).where(eq(s.people.id, manager.id));
  const dana = await addPerson(db, WS, 'U0REP1', { name: 'Dana Rep' });
  const eli = await addPerson(db, WS, 'U0REP2', { name: 'Eli Rep' });
  const admin = await addPerson(db, WS, 'U0ADM1', { name: 'Ana Admin', isAdmin: true });
  // Same Slack id as Dana, another workspace, another person (with a marker, name and address of their own).
  const stranger = await addPerson(db, OTHER_WS, 'U0REP1', { name: 'Sam Elsewhere' });
  await db.update(s.people).set({ email: 'sam@elsewhere.example' }).where(eq(s.people.id, stranger.id));
  for (const rep of [dana, eli]) await setManager(db, rep.id, manager.id);
  await db.update(s.people).set({ preferences: { digestDay: 5 } }).where(eq(s.people.id, dana.id));

  await db.insert(s.installations).values({ installKey: `:${WS}`, teamId: WS, botUserId: 'U0CANOPYBOT', secrets: 'v1.x.y.z', keyId: 'k1', installerUserId: admin.slackUserId });
  await db.insert(s.teams).values({ workspaceId: WS, managerId: manager.id, name: "Morgan's team" });
  await db.insert(s.exemplars).values([
    { workspaceId: WS, stage: 'demo', title: 'A demo worth watching', url: 'https://example.com/rec/1', addedById: manager.id },
    { workspaceId: WS, stage: 'discovery', title: 'Great discovery', url: 'https://example.com/rec/2', addedById: dana.id },
  ]);
  await db.insert(s.auditEvents).values([
    { workspaceId: WS, actorId: admin.id, via: 'cli', action: 'setup.stages', subject: 'stages', details: { before: ['a'], after: ['b'] }, createdAt: AT },
    { workspaceId: WS, actorId: dana.id, action: 'team.accepted', subject: dana.slackUserId, details: { manager: manager.slackUserId }, createdAt: AT },
    { workspaceId: WS, actorId: admin.id, action: 'setup.roles', subject: 'roles', details: { admins: [admin.slackUserId], text: `<@${dana.slackUserId}> made a manager` }, createdAt: AT },
    { workspaceId: WS, actorId: admin.id, action: 'setup.roles', subject: 'roles', details: { admins: ['U0REP10'] }, createdAt: AT },
  ]);

  for (const rep of [dana, eli]) await seedRep(db, rep, manager);
  await seedRep(db, stranger, undefined);
  return { manager, dana, eli, admin, stranger };
}

async function seedRep(db: TDb, rep: TPersonRow, manager: TPersonRow | undefined): Promise<void> {
  const marker = `${rep.name.split(' ')[0]!.toLowerCase()}-secret`;
  const ws = rep.workspaceId;
  const entry = await db.insert(s.logEntries).values({
    workspaceId: ws, personId: rep.id, source: 'dm', sourceRef: `msg:D${rep.id}:1`, rawText: `4 calls, demo with Acme ${marker}`,
    unparsed: [`${marker} left over`], confirmation: { text: marker }, createdAt: AT,
  }).returning().then((rows) => rows[0]!);
  const deal = await db.insert(s.deals).values({
    workspaceId: ws, repId: rep.id, externalId: `slack:acme-${rep.id}`, name: `Acme ${marker}`, nameKey: `acme ${marker}`,
    amountCents: 2_400_000, stage: 'demo', furthestStage: 'demo', createdAt: AT,
  }).returning().then((rows) => rows[0]!);
  await db.insert(s.dealStageHistory).values([
    { dealId: deal.id, stage: 'prospecting', enteredAt: AT, estimated: true },
    { dealId: deal.id, stage: 'demo', enteredAt: AT, logEntryId: entry.id },
  ]);
  await db.insert(s.activities).values([
    { workspaceId: ws, repId: rep.id, type: 'call', count: 4, occurredAt: AT, stage: 'prospecting', logEntryId: entry.id },
    { workspaceId: ws, repId: rep.id, type: 'demo', count: 1, occurredAt: AT, stage: 'demo', dealId: deal.id, logEntryId: entry.id },
    { workspaceId: ws, repId: rep.id, type: 'email', count: 2, occurredAt: AT, stage: 'prospecting', importRef: `imp-${rep.id}` },
  ]);
  await db.insert(s.dealNotes).values({ workspaceId: ws, repId: rep.id, dealId: deal.id, logEntryId: entry.id, text: `pushed to Q1 ${marker}`, occurredAt: AT });
  await db.insert(s.dealQuestions).values({ workspaceId: ws, personId: rep.id, logEntryId: entry.id, kind: 'which', name: `Acme ${marker}`, candidates: [{ dealId: deal.id, name: deal.name }] });
  await db.insert(s.goals).values({ workspaceId: ws, personId: rep.id, metric: 'deals_won', target: 8, periodStart: '2026-10-01', periodEnd: '2026-12-31', status: 'agreed', proposedById: rep.id, agreedById: manager?.id ?? null, agreedAt: AT });
  await db.insert(s.activityTargets).values({ workspaceId: ws, personId: rep.id, targets: [{ type: 'call', amount: 25, per: 'week' }], proposedTargets: [{ type: 'call', amount: 30, per: 'week' }], status: 'agreed', proposedById: rep.id, agreedById: manager?.id ?? null, agreedAt: AT });
  await db.insert(s.tierSnapshots).values({ workspaceId: ws, personId: rep.id, tier: 'guided', reasonCode: 'behind', reasonText: `Behind pace ${marker}`, details: { teamContext: 'percentile 40' }, computedAt: AT });
  await db.insert(s.expectations).values({ workspaceId: ws, personId: rep.id, activityType: 'call', per: 'week', amount: 25, derivation: { team: 1 }, computedAt: AT });
  await db.insert(s.focusAreas).values({ workspaceId: ws, personId: rep.id, stage: 'demo', toStage: 'proposal', expectedGain: 1.5, evidence: { team: 1 }, computedAt: AT });
  await db.insert(s.deliveries).values({ workspaceId: ws, kind: 'digest', recipientId: rep.id, periodKey: '2026-W47', status: 'sent', reason: 'weekly digest', sentAt: AT });
  if (!manager) return;

  const pair = await db.insert(s.oneOnOnes).values({ workspaceId: ws, managerId: manager.id, repId: rep.id, cadence: 'weekly', weekday: 2, localTime: '10:00', tz: 'UTC', anchorDate: '2026-11-17' }).returning().then((rows) => rows[0]!);
  const meeting = await db.insert(s.meetings).values({ oneOnOneId: pair.id, startsAt: AT, notes: `Private: worried about ${marker}`, notesLoggedAt: AT }).returning().then((rows) => rows[0]!);
  await db.insert(s.agendaItems).values([
    { oneOnOneId: pair.id, meetingId: meeting.id, authorId: rep.id, text: `My topic ${marker}` },
    { oneOnOneId: pair.id, authorId: manager.id, text: `Manager's topic for ${marker}` },
  ]);
  const items = await db.insert(s.actionItems).values([
    { meetingId: meeting.id, ownerId: rep.id, text: `Rep follow-up ${marker}`, dueDate: '2026-11-27' },
    { meetingId: meeting.id, ownerId: manager.id, text: `Manager follow-up for ${marker}`, dueDate: '2026-11-27' },
  ]).returning();
  const managerItem = items.find((i) => i.ownerId === manager.id)!;
  await db.insert(s.deliveries).values([
    { workspaceId: ws, kind: 'brief', recipientId: manager.id, periodKey: `brief:${meeting.id}`, status: 'sent', reason: 'brief before the 1:1', subjectId: meeting.id, sentAt: AT },
    { workspaceId: ws, kind: 'nudge', recipientId: manager.id, periodKey: `nudge:action_item_due:${managerItem.id}`, status: 'pending', reason: 'action item due', subjectId: managerItem.id, dueAt: AT },
  ]);
  await db.insert(s.teamRequests).values({ workspaceId: ws, managerId: manager.id, repId: rep.id, requestedById: manager.id, status: 'accepted', answeredAt: AT });

  // A review of one of the rep's calls by their manager, with a question from the rep and the manager's answer in
  // its thread and the rep's DM about it; and a request of the rep's nobody answered yet.
  const [exemplar] = await db.select().from(s.exemplars).where(eq(s.exemplars.workspaceId, ws)).limit(1);
  const review = await db.insert(s.callReviews).values({
    workspaceId: ws, repId: rep.id, reviewerId: manager.id, url: `https://rec.example/${marker}`, dealId: deal.id, callStage: 'demo', status: 'shared',
    wentWell: `Clear agenda ${marker}`, oneThing: `Confirm the next step ${marker}`, oneThingStage: 'demo', exemplarId: exemplar?.id ?? null, sharedAt: AT,
  }).returning().then((rows) => rows[0]!);
  await db.insert(s.callReviewComments).values([
    { workspaceId: ws, reviewId: review.id, authorId: rep.id, text: `Which next step? ${marker}`, sourceRef: `D${rep.id}:1.000`, relayChannel: `D${manager.id}`, relayTs: `${rep.id}.500` },
    { workspaceId: ws, reviewId: review.id, authorId: manager.id, text: `Manager's answer for ${marker}`, sourceRef: `D${manager.id}:${rep.id}.600` },
  ]);
  await db.insert(s.callReviews).values({ workspaceId: ws, repId: rep.id, url: `https://rec.example/ask-${marker}`, status: 'requested', requestNote: `Please look ${marker}`, requestedAt: AT });
  await db.insert(s.deliveries).values({ workspaceId: ws, kind: 'review', recipientId: rep.id, periodKey: `review:${review.id}`, status: 'sent', reason: 'call review', subjectId: review.id, sentAt: AT });
}
