import type { TDb } from '../../../db/client';
import type { TPersonRow } from '../../../db/repositories/people';
import { readPersonalRows } from '../../../db/repositories/personal-data';
import { FORMER_COLLEAGUE } from '../../domain/call-reviews';
import { EXPORT_ABOUT, PERSONAL_EXPORT_FORMAT, type TPersonalExport } from '../../domain/personal-export';

const iso = (at: Date) => at.toISOString();
const isoOrNull = (at: Date | null) => (at ? at.toISOString() : null);

/**
 * `/coach export` and `npm run cli -- export`: the person's own data as one document (SPEC §2 Privacy). What is in
 * and what is left out, and why, is written at the top of `src/domain/personal-export.ts`; in short, a manager's
 * private notes about a rep are the manager's, so a rep's export leaves them out while a manager's includes the
 * notes they wrote. Reviews of their calls come with their whole thread; of other people's threads, only what they wrote.
 */
export async function exportPersonalData(db: TDb, person: TPersonRow, now: Date): Promise<TPersonalExport> {
  const rows = await readPersonalRows(db, person);
  const other = new Map(rows.others.map((o) => [o.id, o]));
  const nameOf = (id: number) => (id === person.id ? person.name : other.get(id)?.name ?? '');
  const slackIdOf = (id: number) => (id === person.id ? person.slackUserId : other.get(id)?.slackUserId ?? '');
  const entries = new Map(rows.logEntries.map((e) => [e.id, e]));
  const dealById = new Map(rows.deals.map((d) => [d.id, d]));
  const meetingStart = new Map([...rows.meetings, ...rows.actionItemMeetings].map((m) => [m.id, m.startsAt]));
  const manager = person.managerId === null ? undefined : other.get(person.managerId);
  return {
    format: PERSONAL_EXPORT_FORMAT,
    exportedAt: iso(now),
    about: EXPORT_ABOUT,
    profile: {
      slackUserId: person.slackUserId,
      workspaceId: person.workspaceId,
      name: person.name,
      email: person.email,
      role: person.role,
      timeZone: person.tz,
      quota: person.quota,
      manager: manager ? { slackUserId: manager.slackUserId, name: manager.name } : null,
      preferences: person.preferences,
      firstSeenAt: iso(person.createdAt),
    },
    logEntries: rows.logEntries.map((e) => ({
      id: e.id, source: e.source, rawText: e.rawText, unparsed: e.unparsed, writtenAt: iso(e.createdAt), editedAt: isoOrNull(e.updatedAt), deletedAt: isoOrNull(e.deletedAt),
    })),
    activities: rows.activities.map((a) => {
      const entry = a.logEntryId === null ? undefined : entries.get(a.logEntryId);
      const deal = a.dealId === null ? undefined : dealById.get(a.dealId);
      return {
        occurredAt: iso(a.occurredAt), type: a.type, count: a.count, stage: a.stage,
        deal: deal ? { id: deal.externalId, name: deal.name } : null,
        source: entry?.source ?? (a.importRef ? 'import' : null),
        rawText: entry?.rawText ?? null,
      };
    }),
    deals: rows.deals.map((d) => ({
      id: d.externalId, name: d.name, amountCents: d.amountCents, stage: d.stage, furthestStage: d.furthestStage, outcome: d.outcome,
      createdAt: iso(d.createdAt), closedAt: isoOrNull(d.closedAt), lastActivityAt: isoOrNull(d.lastActivityAt),
      stageHistory: rows.stageHistory.filter((h) => h.dealId === d.id).map((h) => ({ stage: h.stage, enteredAt: iso(h.enteredAt), estimated: h.estimated })),
      notes: rows.dealNotes.filter((n) => n.dealId === d.id).map((n) => ({ text: n.text, occurredAt: iso(n.occurredAt) })),
    })),
    dealQuestions: rows.dealQuestions.map((q) => ({ name: q.name, kind: q.kind, status: q.status, askedAt: iso(q.createdAt) })),
    goals: rows.goals.map((g) => ({ metric: g.metric, target: g.target, periodStart: g.periodStart, periodEnd: g.periodEnd, status: g.status, agreedAt: isoOrNull(g.agreedAt) })),
    activityTargets: rows.activityTargets.map((t) => ({ targets: t.targets, proposedTargets: t.proposedTargets, status: t.status, proposedAt: iso(t.createdAt), agreedAt: isoOrNull(t.agreedAt) })),
    // The conclusions only: `details`, `derivation` and `evidence` are built from the team's figures (other people's data).
    coaching: {
      tiers: rows.tiers.map((t) => ({ tier: t.tier, reason: t.reasonText, computedAt: iso(t.computedAt) })),
      expectations: rows.expectations.map((e) => ({ activityType: e.activityType, per: e.per, amount: e.amount, computedAt: iso(e.computedAt) })),
      focusAreas: rows.focusAreas.map((f) => ({ stage: f.stage, toStage: f.toStage, computedAt: iso(f.computedAt) })),
    },
    oneOnOnes: rows.oneOnOnes.map((o) => {
      const asManager = o.managerId === person.id;
      const withId = asManager ? o.repId : o.managerId;
      return {
        role: asManager ? 'manager' : 'rep',
        with: { slackUserId: slackIdOf(withId), name: nameOf(withId) },
        cadence: o.cadence, weekday: o.weekday, localTime: o.localTime, timeZone: o.tz, cancelledAt: isoOrNull(o.cancelledAt),
        // Private notes are the manager's: in the manager's export, never in the rep's.
        meetings: rows.meetings
          .filter((m) => m.oneOnOneId === o.id)
          .map((m) => (asManager ? { startsAt: iso(m.startsAt), privateNotes: m.notes } : { startsAt: iso(m.startsAt) })),
      };
    }),
    agendaItems: rows.agendaItems.map((a) => {
      const pair = rows.oneOnOnes.find((o) => o.id === a.oneOnOneId);
      const withId = pair ? (pair.managerId === person.id ? pair.repId : pair.managerId) : undefined;
      return { text: a.text, writtenAt: iso(a.createdAt), oneOnOneWith: withId === undefined ? '' : nameOf(withId) };
    }),
    actionItems: rows.actionItems.map((i) => ({
      text: i.text, owner: nameOf(i.ownerId), dueDate: i.dueDate, doneAt: isoOrNull(i.doneAt),
      meetingStartsAt: isoOrNull(meetingStart.get(i.meetingId) ?? null) ?? '',
    })),
    teamRequests: rows.teamRequests.map((r) => {
      const asManager = r.managerId === person.id;
      return { role: asManager ? 'manager' : 'rep', with: nameOf(asManager ? r.repId : r.managerId), status: r.status, askedAt: iso(r.createdAt), answeredAt: isoOrNull(r.answeredAt) };
    }),
    deliveries: rows.deliveries.map((d) => ({ kind: d.kind, period: d.periodKey, status: d.status, reason: d.reason, dueAt: isoOrNull(d.dueAt), sentAt: isoOrNull(d.sentAt) })),
    callReviews: rows.callReviews.map(({ review: r, thread }) => ({
      status: r.status, link: r.url,
      // A shared review whose reviewer is gone stays the rep's, without the name.
      reviewer: r.reviewerName ?? (r.status === 'shared' ? FORMER_COLLEAGUE : null),
      deal: r.dealName, callStage: r.callStage, requestNote: r.requestNote, requestedAt: isoOrNull(r.requestedAt),
      wentWell: r.wentWell, oneThing: r.oneThing, oneThingStage: r.oneThingStage,
      exemplar: r.exemplar ? { title: r.exemplar.title, url: r.exemplar.url } : null,
      sharedAt: isoOrNull(r.sharedAt), triedAt: isoOrNull(r.triedAt),
      thread: thread.map((c) => ({ author: c.authorId === person.id ? person.name : c.authorName, text: c.text, writtenAt: iso(c.createdAt) })),
    })),
    reviewCommentsWritten: rows.reviewCommentsWritten.map((c) => ({ text: c.text, writtenAt: iso(c.createdAt) })),
    reviewsWritten: rows.reviewsWritten.map(({ review: r, repName }) => ({
      about: repName, link: r.url, wentWell: r.wentWell, oneThing: r.oneThing, oneThingStage: r.oneThingStage, sharedAt: isoOrNull(r.sharedAt),
    })),
  };
}
