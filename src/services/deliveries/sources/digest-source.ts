import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listLatestTiers } from '../../../../db/repositories/coaching-snapshots';
import type { TPersonRow } from '../../../../db/repositories/people';
import { listRecordedKeys, recordedKey } from '../../../../db/repositories/planning-facts';
import type { TDecision } from '../../../domain/delivery-rules';
import { decideUnsolicited, type TPolicyPerson } from '../../../domain/nudge-policy';
import { digestSlot, readPreferences, type TPreferences, workingHoursOf } from '../../../domain/preferences';
import { formatMeetingTime, isWithinWorkingHours, occurrencesBetween } from '../../../domain/schedule';
import { awayStatusOf, holidayAt } from '../policy-person';
import type { TPlanCandidate, TPlanSource, TPlanSourceContext } from '../types';
import { workspacePeople, workspaceSettings } from './workspace-facts';

/*
 * The weekly digests (SPEC §1, §2): each rep's own on the day and at the time they chose, in their own zone
 * (default Monday 09:00), and each manager's team digest on their own day and time. One per ISO week: the
 * period key is the week of the digest in the person's zone, so changing the day mid-week sends nothing twice.
 *
 * Built for large workspaces: the people of a workspace are read in one query, their settings parsed once
 * per distinct JSON and their schedules computed once per distinct (zone, day, time); digests recorded already
 * are left out with one more query (the planner's own check stays as the guarantee), and the tiers of those
 * left read in one more.
 */

export type TDigestKind = 'digest' | 'team_digest';

/** Past this, the digest is skipped: it would land well after the time the person chose, and "last week" is old news. */
export const DIGEST_LATEST_HOURS = 12;
/** How late a digest may go out whatever the hour: the pacing of a large fan-out, not an outage. */
const LATE_GRACE_MS = 60 * 60_000;

// Any Monday before all data: weekly series have no parity, so the anchor only has to come first.
const ANCHOR = '1970-01-05';
// The digest is exempt from the nudge budget (the policy skips that check), so no counts are needed.
const NO_COUNTS = { today: 0, thisWeek: 0 } as const;

/** A weekly digest's key: the ISO week of its due instant in the person's zone, e.g. '2026-W48'. */
export function digestPeriodKey(dueAt: DateTime, tz: string): string {
  return dueAt.setZone(tz).toFormat("kkkk-'W'WW");
}

/** The instants in (from, to] at which a digest on `day` (1 = Monday) at `time` ('HH:mm') in `tz` falls due; throws on an unknown zone. */
export function digestTimesBetween(schedule: { day: number; time: string; tz: string }, from: DateTime, to: DateTime): DateTime[] {
  const recurrence = { cadence: 'weekly' as const, weekday: schedule.day, localTime: schedule.time, tz: schedule.tz, anchorDate: ANCHOR };
  // occurrencesBetween is [from, to); the planner's window is (from, to].
  return occurrencesBetween(recurrence, from.plus({ milliseconds: 1 }), to.plus({ milliseconds: 1 }));
}

/**
 * Who gets which digest: every active rep their own; everyone with an active rep reporting to them (a manager,
 * or an admin running a team) the team digest. Bots and deactivated accounts get none.
 */
export function digestRecipients(people: readonly TPersonRow[]): { person: TPersonRow; kind: TDigestKind }[] {
  const active = (p: TPersonRow) => !p.isBot && !p.isDeleted;
  const managers = new Set<number>();
  for (const p of people) if (p.role === 'rep' && active(p) && p.managerId !== null) managers.add(p.managerId);
  return people.flatMap((person) => {
    if (!active(person)) return [];
    const kinds: TDigestKind[] = [];
    if (person.role === 'rep') kinds.push('digest');
    if (managers.has(person.id)) kinds.push('team_digest');
    return kinds.map((kind) => ({ person, kind }));
  });
}

export type TDigestFacts = {
  kind: TDigestKind;
  person: TPolicyPerson;
  dueAt: DateTime;
  now: DateTime;
  /** The person's public holiday on the local date of an instant, or null. */
  holidayAt: (at: DateTime) => string | null;
};

/**
 * Whether a digest goes out: skipped when more than 12 hours late (a planner or queue that caught up after an
 * outage); otherwise the no-nagging policy decides at the instant it would be sent (paused, away, holiday…;
 * digests are exempt from the budget and working hours, the person chose their time).
 */
export function decideDigest(facts: TDigestFacts): TDecision {
  const { person, dueAt, now } = facts;
  if (now.toMillis() - dueAt.toMillis() > DIGEST_LATEST_HOURS * 3_600_000) {
    const due = formatMeetingTime(dueAt, person.tz);
    return { status: 'skipped', reason: `too late: ${person.name}'s ${facts.kind === 'digest' ? 'weekly' : 'team'} digest was due ${due} (their time), more than ${DIGEST_LATEST_HOURS} hours earlier` };
  }
  // The chosen time excuses a digest from working hours; one held up past it (an outage, a backlog) is not.
  const lateBy = now.toMillis() - dueAt.toMillis();
  if (lateBy > LATE_GRACE_MS && !isWithinWorkingHours(now, person.tz, workingHoursOf(person.preferences))) {
    return { status: 'skipped', reason: `too late: ${person.name}'s digest was held up past its time, and it is now outside their working hours` };
  }
  // A late run sends as soon as it can, so that is the instant to judge.
  const at = DateTime.max(now, dueAt);
  const decision = decideUnsolicited({
    person,
    message: { kind: facts.kind },
    at,
    holidayName: facts.holidayAt(at),
    counts: NO_COUNTS,
    // One digest per ISO week under its unique key: the planner never asks twice for the same one.
    alreadySentForReason: false,
  });
  return decision.send ? { status: 'pending', reason: decision.reason } : { status: 'suppressed', reason: decision.reason };
}

type TDue = { person: TPersonRow; preferences: TPreferences; kind: TDigestKind; dueAt: DateTime; periodKey: string };

/** Rep digests and managers' team digests falling due in the planner's window, those recorded already left out. */
export const digestSource: TPlanSource = async (db, context) => {
  const { workspaceId, now } = context;
  const found = await findDue(db, context);
  const recorded = await listRecordedKeys(db, found.map((d) => ({ kind: d.kind, recipientId: d.person.id, periodKey: d.periodKey })));
  const due = found.filter((d) => !recorded.has(recordedKey({ kind: d.kind, recipientId: d.person.id, periodKey: d.periodKey })));
  if (due.length === 0) return [];
  const tiers = await listLatestTiers(db, [...new Set(due.map((d) => d.person.id))], now);
  return due.map(({ person, preferences, kind, dueAt, periodKey }): TPlanCandidate => {
    const policyPerson: TPolicyPerson = {
      name: person.name || person.slackUserId,
      tz: person.tz,
      tier: tiers.get(person.id) ?? null,
      preferences,
      status: awayStatusOf(person),
      isBot: person.isBot,
      isDeleted: person.isDeleted,
    };
    return {
      workspaceId,
      kind,
      recipient: person,
      periodKey,
      dueAt,
      resolve: async (_tx, at) => ({
        subjectId: null,
        // Most people set no holiday country: skip the zone arithmetic for them (thousands of digests fall due at once).
        decision: decideDigest({ kind, person: policyPerson, dueAt, now: at, holidayAt: (instant) => (preferences.holidayCountry === null ? null : holidayAt(policyPerson, instant)) }),
      }),
    };
  });
};

async function findDue(db: TDb, context: TPlanSourceContext): Promise<TDue[]> {
  const { from, to, problems, memo } = context;
  // Thousands of people share a handful of settings and schedules: parse each distinct JSON once, and compute
  // each (zone, day, time) once in the run, whichever workspace asks.
  const byJson = new Map<string, TPreferences>();
  const slots = new Map<TPreferences, { day: number; time: string }>();
  const defaults = (await workspaceSettings(db, context)).preferenceDefaults;
  const due: TDue[] = [];
  for (const { person, kind } of digestRecipients(await workspacePeople(db, context))) {
    const json = JSON.stringify(person.preferences ?? {});
    let preferences = byJson.get(json);
    if (!preferences) byJson.set(json, (preferences = readPreferences(person.preferences, defaults)));
    let slot = slots.get(preferences);
    if (!slot) slots.set(preferences, (slot = digestSlot(preferences)));
    const { day: digestDay, time: digestTime } = slot;
    const times = memo(`digest|${person.tz}|${digestDay}|${digestTime}`, (): DateTime[] | Error => {
      try {
        return digestTimesBetween({ day: digestDay, time: digestTime, tz: person.tz }, from, to);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    if (times instanceof Error) {
      problems.push({ subject: `${kind === 'digest' ? 'digest' : 'team digest'} of ${person.name || person.slackUserId}`, message: times.message });
      continue;
    }
    for (const dueAt of times) due.push({ person, preferences, kind, dueAt, periodKey: memo(`digest-week|${person.tz}|${dueAt.toMillis()}`, () => digestPeriodKey(dueAt, person.tz)) });
  }
  return due;
}
