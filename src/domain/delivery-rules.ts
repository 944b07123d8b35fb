import { DateTime } from 'luxon';
import type { TAwayStatus } from './away-status';
import type { TTier } from './coaching/tiers';
import { decideUnsolicited, TIER_BUDGETS } from './nudge-policy';
import type { TPreferences } from './preferences';
import { agendaReminderDueAt, briefDueAt, formatMeetingTime, isWithinWorkingHours, occurrencesBetween, type TRecurrence, type TWorkingHours } from './schedule';

/*
 * Whether a planned delivery goes out: pure decisions over the facts the planner gathered (SPEC §2, the
 * no-nagging contract; §5, "too late to be useful"). Every reason is a plain sentence stored in
 * `deliveries.reason`, so the audit reads as an answer to "why did (or didn't) I get this?".
 */

export type TDecision = { status: 'pending' | 'skipped' | 'suppressed'; reason: string };

/** A recipient as the rules see them. */
export type TRecipientFacts = { name: string; isBot: boolean; isDeleted: boolean };

/** How many unsolicited messages (every kind: digest, check-ins, nudges, agenda reminders) a tier allows, and per what. */
export type TUnsolicitedBudget = { max: number; per: 'day' | 'week' };

/**
 * The tier's budget (TIER_BUDGETS) as one limit, for messages that tell the rep what they count toward: the
 * week's, which counts every kind. A rep not yet tiered counts as ramping.
 */
export function unsolicitedBudget(tier: TTier | null): TUnsolicitedBudget {
  return { max: TIER_BUDGETS[tier ?? 'ramping'].perWeek, per: 'week' };
}

/** The day or ISO week (Monday 00:00 to Monday 00:00, in the person's zone) a budget counts in, around `at`. */
export function budgetWindow(at: DateTime, tz: string, per: 'day' | 'week'): { start: DateTime; end: DateTime } {
  const local = at.setZone(tz);
  const start = per === 'day' ? local.startOf('day') : local.startOf('week');
  return { start, end: start.plus(per === 'day' ? { days: 1 } : { weeks: 1 }) };
}

export type TBriefFacts = {
  now: DateTime;
  dueAt: DateTime;
  meetingStart: DateTime;
  manager: TRecipientFacts & { tz: string };
  rep: TRecipientFacts;
};

/**
 * The manager's brief before a 1:1: sent while the meeting has not started (however late the plan run is,
 * a brief before the meeting is still useful), skipped once it has, or when either side is gone or a bot.
 */
export function decideBrief(facts: TBriefFacts): TDecision {
  const gone = recipientProblem(facts.manager) ?? recipientProblem(facts.rep);
  if (gone) return { status: 'skipped', reason: gone };
  if (facts.now >= facts.meetingStart) return { status: 'skipped', reason: 'too late: the meeting had started' };
  const when = formatMeetingTime(facts.meetingStart, facts.manager.tz);
  const late = facts.now > facts.dueAt ? ' (late: the planned time had passed)' : '';
  return { status: 'pending', reason: `brief for the 1:1 with ${facts.rep.name} on ${when}${late}` };
}

/** When a reminder is still worth sending: the 1:1, its timing and who is in it. */
export type TAgendaReminderTiming = {
  now: DateTime;
  dueAt: DateTime;
  meetingStart: DateTime;
  rep: TRecipientFacts & { tz: string; hours: TWorkingHours; tier: TTier | null };
  manager: TRecipientFacts;
};

/** The timing plus what the no-nagging policy needs about the rep. */
export type TAgendaReminderFacts = Omit<TAgendaReminderTiming, 'rep'> & {
  rep: TAgendaReminderTiming['rep'] & { preferences: TPreferences; status: TAwayStatus | null };
  /** The rep's public holiday on the local date it would go out, or null. */
  holidayName: string | null;
  /** The rep's other nudges and agenda reminders (sent or still to be sent) in their local day and ISO week around the send time. */
  counts: { today: number; thisWeek: number };
};

/**
 * The rep's "anything for the agenda?" reminder, the working day before a 1:1. Skipped when the meeting has
 * started, when the working day it was due on is over (it would land in the evening or on another day), or
 * when either side is gone; otherwise the no-nagging policy decides (suppressed while paused or away, on a
 * public holiday, outside working hours, for autonomous reps, or when the tier budget is spent).
 */
export function decideAgendaReminder(facts: TAgendaReminderFacts): TDecision {
  const usable = agendaReminderStillUseful(facts);
  if (usable.status !== 'pending') return usable;
  const { rep } = facts;
  const decision = decideUnsolicited({
    person: { name: rep.name, tz: rep.tz, tier: rep.tier, preferences: rep.preferences, status: rep.status, isBot: rep.isBot, isDeleted: rep.isDeleted },
    message: { kind: 'agenda_reminder', detail: 'agenda reminder the working day before the 1:1' },
    // A late plan run sends as soon as it can, so that is the instant to judge.
    at: DateTime.max(facts.now, facts.dueAt),
    holidayName: facts.holidayName,
    counts: facts.counts,
    // The planner records a reminder once per meeting under its unique key, so it never asks twice.
    alreadySentForReason: false,
  });
  return decision.send ? { status: 'pending', reason: decision.reason } : { status: 'suppressed', reason: decision.reason };
}

/**
 * The send-time check of a planned reminder: still useful, and the person's state as it is now (deactivated,
 * paused, away, a holiday, outside hours): a pause or an away status set after it was planned holds it. The
 * budget was settled when it was planned (this reminder counts in it now), so it is not asked again.
 */
export function decideAgendaReminderAtSend(facts: Omit<TAgendaReminderFacts, 'counts'>): TDecision {
  return decideAgendaReminder({ ...facts, counts: { today: 0, thisWeek: 0 } });
}

/** The timing half of `decideAgendaReminder`: is it still worth sending at all? */
export function agendaReminderStillUseful(facts: TAgendaReminderTiming): TDecision {
  const gone = recipientProblem(facts.rep) ?? recipientProblem(facts.manager);
  if (gone) return { status: 'skipped', reason: gone };
  if (facts.now >= facts.meetingStart) return { status: 'skipped', reason: 'too late: the meeting had started' };
  if (facts.now > facts.dueAt && !sameWorkingDay(facts.now, facts.dueAt, facts.rep.tz, facts.rep.hours)) {
    return { status: 'skipped', reason: "too late: outside the rep's working hours" };
  }
  return { status: 'pending', reason: 'agenda reminder' };
}

/** A late reminder may still go out later the same local day, while the rep is at work. */
function sameWorkingDay(now: DateTime, dueAt: DateTime, tz: string, hours: TWorkingHours): boolean {
  return now.setZone(tz).hasSame(dueAt.setZone(tz), 'day') && isWithinWorkingHours(now, tz, hours);
}

function recipientProblem(person: TRecipientFacts): string | undefined {
  if (person.isDeleted) return `skipped: ${person.name} is deactivated`;
  if (person.isBot) return `skipped: ${person.name} is a bot`;
  return undefined;
}

/** One 1:1 occurrence's brief or reminder, and when it is due. */
export type TDeliveryTime = { kind: 'brief' | 'agenda_reminder'; meetingStart: DateTime; dueAt: DateTime };

export type TOneOnOneTimingInput = {
  recurrence: TRecurrence;
  /** Occurrences before this never exist for the planner (the 1:1 was scheduled, or rescheduled, after them). */
  since: DateTime;
  manager: { tz: string; hours: TWorkingHours; briefLeadMinutes: number };
  rep: { tz: string; hours: TWorkingHours };
};

/** Briefs are due at most 14 days + a day's lead before the meeting, reminders 7 days: meetings this far past the window can have nothing due in it. */
const FURTHEST_DUE_BEFORE_MEETING = { days: 16 };

/** The schedule arithmetic `deliveriesDueBetween` is made of; a caller planning thousands of 1:1s passes memoised ones. */
export type TOneOnOneTimingSteps = {
  occurrencesBetween: typeof occurrencesBetween;
  briefDueAt: typeof briefDueAt;
  agendaReminderDueAt: typeof agendaReminderDueAt;
};

const STEPS: TOneOnOneTimingSteps = { occurrencesBetween, briefDueAt, agendaReminderDueAt };

/**
 * The briefs and agenda reminders of a 1:1 that fall due in (from, to], ordered by due time. A due time is
 * never after its meeting, so only meetings starting after `from` can qualify.
 */
export function deliveriesDueBetween(input: TOneOnOneTimingInput, from: DateTime, to: DateTime, steps: TOneOnOneTimingSteps = STEPS): TDeliveryTime[] {
  const { occurrencesBetween, briefDueAt, agendaReminderDueAt } = steps;
  const starts = occurrencesBetween(input.recurrence, from, to.plus(FURTHEST_DUE_BEFORE_MEETING)).filter((start) => start >= input.since && start > from);
  const inWindow = (at: DateTime | null): at is DateTime => at !== null && at > from && at <= to;
  const times: TDeliveryTime[] = [];
  for (const meetingStart of starts) {
    const { manager, rep } = input;
    const briefAt = briefDueAt(meetingStart, manager.briefLeadMinutes, manager.tz, manager.hours);
    if (inWindow(briefAt)) times.push({ kind: 'brief', meetingStart, dueAt: briefAt });
    const reminderAt = agendaReminderDueAt(meetingStart, rep.tz, rep.hours);
    if (inWindow(reminderAt)) times.push({ kind: 'agenda_reminder', meetingStart, dueAt: reminderAt });
  }
  return times.sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis());
}
