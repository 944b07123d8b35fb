import type { DateTime } from 'luxon';
import type { TTier } from './coaching/tiers';
import { agendaReminderDueAt, briefDueAt, formatMeetingTime, isWithinWorkingHours, occurrencesBetween, type TRecurrence, type TWorkingHours } from './schedule';

/*
 * Whether a planned delivery goes out: pure decisions over the facts the planner gathered (SPEC §2, the
 * no-nagging contract; §5, "too late to be useful"). Every reason is a plain sentence stored in
 * `deliveries.reason`, so the audit reads as an answer to "why did (or didn't) I get this?".
 */

export type TDecision = { status: 'pending' | 'skipped' | 'suppressed'; reason: string };

/** A recipient as the rules see them. */
export type TRecipientFacts = { name: string; isBot: boolean; isDeleted: boolean };

/** How many unsolicited messages (nudges, agenda reminders) a tier allows, and per what. Autonomous reps get none but the digest. */
export type TUnsolicitedBudget = { max: number; per: 'day' | 'week' };

const BUDGETS: Readonly<Record<TTier, TUnsolicitedBudget>> = {
  autonomous: { max: 0, per: 'week' },
  guided: { max: 2, per: 'week' },
  ramping: { max: 2, per: 'week' },
  focused: { max: 1, per: 'day' },
};

/** The unsolicited-message budget of a tier; a rep not yet tiered (no recompute yet) is treated as ramping. */
export function unsolicitedBudget(tier: TTier | null): TUnsolicitedBudget {
  return BUDGETS[tier ?? 'ramping'];
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

export type TAgendaReminderFacts = {
  now: DateTime;
  dueAt: DateTime;
  meetingStart: DateTime;
  rep: TRecipientFacts & { tz: string; hours: TWorkingHours; tier: TTier | null };
  manager: TRecipientFacts;
  /** The rep's other unsolicited messages (sent or still to be sent) in the budget window around `dueAt`. */
  unsolicitedSoFar: number;
};

/**
 * The rep's "anything for the agenda?" reminder, the working day before a 1:1. Skipped when the meeting has
 * started, when the working day it was due on is over (it would land in the evening or on another day), or
 * when either side is gone; suppressed when the rep's tier budget of unsolicited messages is spent.
 */
export function decideAgendaReminder(facts: TAgendaReminderFacts): TDecision {
  const usable = agendaReminderStillUseful(facts);
  if (usable.status !== 'pending') return usable;
  const { rep } = facts;
  const budget = unsolicitedBudget(rep.tier);
  const tier = rep.tier ?? 'ramping';
  if (budget.max === 0) {
    return { status: 'suppressed', reason: `suppressed: ${rep.name} is autonomous: no unsolicited messages but the digest` };
  }
  const period = budget.per === 'day' ? 'today' : 'this week';
  const rule = `${tier} budget ${budget.max}/${budget.per}`;
  if (facts.unsolicitedSoFar >= budget.max) {
    const count = `${facts.unsolicitedSoFar} unsolicited message${facts.unsolicitedSoFar === 1 ? '' : 's'}`;
    return { status: 'suppressed', reason: `suppressed: ${rep.name} already had ${count} ${period} (${rule})` };
  }
  return { status: 'pending', reason: `agenda reminder the working day before the 1:1 (${facts.unsolicitedSoFar + 1} of ${budget.max} unsolicited ${period}, ${rule})` };
}

/** The send-time half of `decideAgendaReminder`: is it still worth sending (the budget was settled when planned)? */
export function agendaReminderStillUseful(facts: Omit<TAgendaReminderFacts, 'unsolicitedSoFar'>): TDecision {
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

/**
 * The briefs and agenda reminders of a 1:1 that fall due in (from, to], ordered by due time. A due time is
 * never after its meeting, so only meetings starting after `from` can qualify.
 */
export function deliveriesDueBetween(input: TOneOnOneTimingInput, from: DateTime, to: DateTime): TDeliveryTime[] {
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
