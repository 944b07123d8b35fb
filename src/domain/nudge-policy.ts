import { DateTime } from 'luxon';
import { type TAwayStatus, describeStatus, isAway } from './away-status';
import type { TTier } from './coaching/tiers';
import { DEFAULT_PREFERENCES, workingHoursOf, type TPreferences } from './preferences';
import { formatMeetingTime, isWithinWorkingHours, type TWorkingHours, weekdayName } from './schedule';

/*
 * The no-nagging contract (SPEC §2): the one place that says whether an unsolicited message may go to a
 * person, and why, in a sentence stored with the delivery. Pure: the planner gathers the facts (holiday,
 * counts, whether this reason was already used) and passes the instant it would send at.
 *
 * Checks run in this order, and the first that holds back names the rule. The order puts the person's own
 * state first (gone, paused, away), then what the tier and their settings allow, then whether this message
 * is redundant, then the calendar, and the budget last, so a reason never blames the budget for a message
 * that would not have gone out anyway:
 *   inactive → paused → away → opted_out / tier → duplicate → met → muted → snoozed → holiday → hours → budget
 * Digests skip the tier, hours and budget checks (the person chose their time) but not the others. A call review's
 * DM skips the tier check (an autonomous rep's budget is the digest alone, so the budget holds it back and the review
 * comes with their next check-in or digest instead) and meets every other; one that answers the rep's own request
 * (`requested`) is solicited, so it skips the budget too, but still waits for working hours and is held by a pause,
 * an away status or a holiday. The duplicate check never holds a review: there is one DM per review, by its key.
 */

export { isAway, type TAwayStatus } from './away-status';

export type TNudgeKind = 'behind_pace' | 'stalled_deal' | 'action_item_due';
export const NUDGE_KINDS: readonly TNudgeKind[] = ['behind_pace', 'stalled_deal', 'action_item_due'];

export type TPolicyPerson = {
  name: string;
  tz: string;
  /** null before the first recompute: treated as ramping. */
  tier: TTier | null;
  preferences: TPreferences;
  status: TAwayStatus | null;
  isBot: boolean;
  isDeleted: boolean;
};

/** `detail` (optional): the caller's own why, e.g. 'Dana is behind on calls this week (3 of 12)', put in front of the budget note. */
export type TUnsolicited =
  | { kind: 'digest' | 'team_digest'; detail?: string }
  | { kind: 'checkin'; detail?: string }
  | { kind: 'agenda_reminder'; detail?: string }
  /** The rep's DM about a call review shared with them (`src/domain/call-reviews.ts`). */
  | { kind: 'review'; detail?: string; /** It answers the rep's own request: solicited, outside the budget. */ requested?: boolean }
  | { kind: 'nudge'; nudge: TNudgeKind; expectationMet?: boolean; detail?: string };

export type TPolicyInput = {
  person: TPolicyPerson;
  message: TUnsolicited;
  /** When it would be sent. */
  at: DateTime;
  /** The person's public holiday on at's local date, or null. */
  holidayName: string | null;
  /**
   * The budget used around `at`, this one excluded: every unsolicited message (digest, check-ins, nudges, agenda
   * reminders, call-review DMs) sent, pending or still scheduled for the person in their ISO week containing `at`, and in their
   * local day (the digest aside). See `TIER_BUDGETS`.
   */
  counts: { today: number; thisWeek: number; /** The part of the counts scheduled ahead (`scheduledAhead`), for the wording. */ ahead?: TAhead };
  /** A delivery with the same reason key exists already. */
  alreadySentForReason: boolean;
};

/** Check-ins and digest still to come in the person's day and week (`scheduledAhead`): `digest` is 1 when this week's is ahead. */
export type TAhead = { today: number; thisWeek: number; digest: number };

export type TPolicyRule = 'inactive' | 'tier' | 'budget' | 'hours' | 'holiday' | 'paused' | 'away' | 'duplicate' | 'met' | 'snoozed' | 'muted' | 'opted_out';
export type TPolicyDecision = { send: true; reason: string } | { send: false; rule: TPolicyRule; reason: string };

/**
 * Unsolicited messages a tier allows per person (SPEC §2), counting every kind: the digest, check-ins, nudges,
 * agenda reminders and call-review DMs. `perWeek` counts them all in the person's ISO week; `perDay` all but the digest in their
 * local day. Autonomous: the digest only; guided and ramping: 3 a week (digest, weekly check-in, one more);
 * focused: 6 a week, one a working day (the check-in, which carries the pace note) plus the digest.
 * The digest and check-ins keep their places (they are counted ahead, as scheduled); nudges, agenda
 * reminders and call-review DMs get what is left (a held-back review comes with the rep's next check-in or digest).
 */
export const TIER_BUDGETS: Readonly<Record<TTier, { perDay: number; perWeek: number }>> = {
  autonomous: { perDay: 0, perWeek: 1 },
  guided: { perDay: 2, perWeek: 3 },
  focused: { perDay: 1, perWeek: 6 },
  ramping: { perDay: 2, perWeek: 3 },
};

/** Whether the tier gets any nudges or agenda reminders at all (autonomous: the digest only). */
export function tierAllowsNudges(tier: TTier | null): boolean {
  return TIER_BUDGETS[tier ?? 'ramping'].perDay > 0;
}

const NUDGE_LABEL: Readonly<Record<TNudgeKind, string>> = {
  behind_pace: 'behind-pace nudges',
  stalled_deal: 'stalled-deal nudges',
  action_item_due: 'action-item reminders',
};
const KIND_LABEL = { digest: 'weekly digest', team_digest: 'team digest', checkin: 'check-in', agenda_reminder: 'agenda reminder', review: 'call review' } as const;

/** Whether an unsolicited message may go to the person at `at`, with the rule that held it back and a sentence saying why. */
export function decideUnsolicited(input: TPolicyInput): TPolicyDecision {
  const { person, message, at } = input;
  const prefs = person.preferences;
  const name = person.name;
  const hold = (rule: TPolicyRule, why: string): TPolicyDecision => ({ send: false, rule, reason: `held back: ${why}` });

  if (person.isDeleted) return hold('inactive', `${name} is deactivated`);
  if (person.isBot) return hold('inactive', `${name} is a bot`);
  if (prefs.pausedUntil !== null && Date.parse(prefs.pausedUntil) > at.toMillis()) {
    return hold('paused', `${name} paused Canopy's messages until ${when(prefs.pausedUntil, person.tz)} (their time)`);
  }
  if (person.status && isAway(person.status, at)) {
    return hold('away', `${name}'s Slack status says they are away (${describeStatus(person.status)})`);
  }
  const digest = message.kind === 'digest' || message.kind === 'team_digest';
  const tier = person.tier ?? 'ramping';
  if (message.kind === 'checkin') {
    const cadence = checkinCadence(person.tier, prefs);
    if (prefs.checkins === 'off') return hold('opted_out', `${name} turned check-ins off`);
    if (cadence === 'off') return hold('tier', `${name} is autonomous: no check-ins unless they turn them on in /coach settings`);
  } else if (!digest && message.kind !== 'review' && !tierAllowsNudges(tier)) {
    // A review DM has no tier gate: the budget decides (an autonomous rep's is the digest alone, so it merges there).
    return hold('tier', `${name} is ${tier}: no nudges or reminders, only the digest`);
  }
  const what = message.kind === 'nudge' ? NUDGE_LABEL[message.nudge].replace(/s$/, '') : KIND_LABEL[message.kind];
  if (input.alreadySentForReason) return hold('duplicate', `${name} already had this ${what} for the same reason`);
  if (message.kind === 'nudge') {
    const label = NUDGE_LABEL[message.nudge];
    if (message.expectationMet) return hold('met', `${name} has already met the expectation this ${what} is about`);
    if (prefs.nudgesOff.includes(message.nudge)) return hold('muted', `${name} turned off ${label}`);
    const snoozedUntil = prefs.nudgeSnoozes[message.nudge];
    if (snoozedUntil !== undefined && Date.parse(snoozedUntil) > at.toMillis()) {
      return hold('snoozed', `${name} snoozed ${label} until ${when(snoozedUntil, person.tz)} (their time)`);
    }
  }
  if (input.holidayName !== null) {
    // Formatted only here: the planner asks this for tens of thousands of people, and few are on a holiday.
    const localDate = at.setZone(person.tz).toFormat('ccc d LLL', { locale: 'en-US' });
    const where = [prefs.holidayCountry, prefs.holidayRegion].filter((p) => p !== null).join('-');
    return hold('holiday', `${localDate} is ${input.holidayName}, a public holiday for ${name}${where ? ` (${where})` : ''}`);
  }
  // A digest time the person picked themselves is theirs to choose, even outside working hours.
  if (digest && prefs.digestChosen) {
    const chosen = `${weekdayName(prefs.digestDay)} ${prefs.digestTime}`;
    return sent(message, `${name}'s ${what}, at the time they chose (${chosen})`);
  }
  const hours = workingHoursOf(prefs);
  const inHours = withinHours(at, person.tz, hours);
  if (inHours !== true) {
    const why = inHours === null ? `${name}'s time zone '${person.tz}' is unknown, so their working hours cannot be checked` : `${when(at, person.tz)} is outside ${name}'s working hours (${describeHours(hours)}, ${person.tz})`;
    return hold('hours', why);
  }
  if (digest) return sent(message, `${name}'s ${what}, at their weekly digest time within their working hours`);
  if (message.kind === 'review' && message.requested) return sent(message, `${name} asked for this review, so it is not counted in their messages`);
  if (message.kind === 'checkin') {
    const cadence = checkinCadence(person.tier, prefs);
    const basis = prefs.checkins === 'auto' ? (person.tier ? `${tier} tier` : 'not tiered yet, so as ramping') : 'their setting';
    return sent(message, `${name}'s ${cadence} check-in (${basis})`);
  }
  return budgetDecision(input, what, tier);
}

function budgetDecision(input: TPolicyInput, what: string, tier: TTier): TPolicyDecision {
  const { name } = input.person;
  const budget = TIER_BUDGETS[tier];
  const { today, thisWeek } = input.counts;
  const rule = `${tier} budget${input.person.tier ? '' : ' (not tiered yet)'}: ${describeBudget(budget)}`;
  // An autonomous rep's whole budget is the digest: no count to quote.
  if (budget.perDay === 0) {
    return { send: false, rule: 'budget', reason: `held back: ${name} gets no messages besides the weekly digest (${rule})` };
  }
  const ahead = input.counts.ahead;
  // The week first: when both are spent, the week is the limit that explains it.
  if (thisWeek >= budget.perWeek) {
    const still = ahead ? stillToCome(ahead.thisWeek - ahead.digest, ahead.digest) : '';
    return { send: false, rule: 'budget', reason: `held back: ${name} ${still ? 'has' : 'already has'} ${thisWeek} of ${budget.perWeek} messages this week${still} (${rule})` };
  }
  if (today >= budget.perDay) {
    const still = ahead ? stillToCome(ahead.today, 0) : '';
    return { send: false, rule: 'budget', reason: `held back: ${name} ${still ? 'has' : 'already has'} ${today} of ${budget.perDay} messages today${still} (${rule})` };
  }
  // Report the limit closer to being spent.
  const byWeek = budget.perWeek - thisWeek <= budget.perDay - today;
  const count = byWeek ? `${thisWeek} of ${budget.perWeek} messages this week` : `${today} of ${budget.perDay} messages today`;
  const { detail } = input.message;
  return { send: true, reason: detail ? `sent: ${detail}; ${name} has ${count} besides this one (${rule})` : `sent: ${what} for ${name}, who has ${count} besides this one (${rule})` };
}

/** ', counting the check-ins and digest still to come' when some of the count is scheduled ahead; '' when none is. */
function stillToCome(checkins: number, digest: number): string {
  const parts = [checkins > 0 ? (checkins === 1 ? 'check-in' : 'check-ins') : null, digest > 0 ? 'digest' : null].filter((p) => p !== null);
  return parts.length === 0 ? '' : `, counting the ${parts.join(' and ')} still to come`;
}

function sent(message: TUnsolicited, why: string): TPolicyDecision {
  return { send: true, reason: message.detail ? `sent: ${message.detail}; ${why}` : `sent: ${why}` };
}

/**
 * How often the person gets check-ins: an explicit daily / weekly / off wins (that is how an autonomous rep
 * opts in); `auto` follows the tier: focused daily, guided / ramping / not yet tiered weekly, autonomous none.
 */
export function checkinCadence(tier: TTier | null, preferences: TPreferences): 'daily' | 'weekly' | 'off' {
  if (preferences.checkins !== 'auto') return preferences.checkins;
  if (tier === 'focused') return 'daily';
  return tier === 'autonomous' ? 'off' : 'weekly';
}

/** What `checkins: 'auto'` means for this person today. */
export function autoCheckins(view: { tier: TTier | null }): 'daily' | 'weekly' | 'off' {
  return checkinCadence(view.tier, { ...DEFAULT_PREFERENCES, checkins: 'auto' });
}

/**
 * The reason key of an unsolicited message, for a delivery's period key and the duplicate check:
 * `<kind>[:<nudge kind>]:<subject>`, where subject is the caller's period and what it is about, itself
 * colon-separated, e.g. 'nudge:behind_pace:2026-W48:call', 'nudge:stalled_deal:2026-11-30:deal-42', 'digest:2026-W48'.
 */
export function policyReasonKey(message: TUnsolicited, subject: string): string {
  return message.kind === 'nudge' ? `nudge:${message.nudge}:${subject}` : `${message.kind}:${subject}`;
}

/** 'Mon–Fri 09:00–18:00' or 'Mon, Wed, Fri 08:00–12:00'. */
function describeHours(hours: TWorkingHours): string {
  const names = hours.days.map((d) => weekdayName(d).slice(0, 3));
  const contiguous = hours.days.length > 2 && hours.days.every((d, i) => i === 0 || d === (hours.days[i - 1] ?? 0) + 1);
  const days = contiguous ? `${names[0]}–${names[names.length - 1]}` : names.join(', ');
  return `${days} ${hours.start}–${hours.end}`;
}

function describeBudget(budget: { perDay: number; perWeek: number }): string {
  return `${budget.perWeek} a week counting the digest and check-ins, ${budget.perDay} a day besides the digest`;
}

/** null: the zone is unknown (the person's profile has a zone luxon cannot load). */
function withinHours(at: DateTime, tz: string, hours: TWorkingHours): boolean | null {
  try {
    return isWithinWorkingHours(at, tz, hours);
  } catch {
    return null;
  }
}

/** An instant as the person reads it, e.g. 'Mon 2 Nov, 09:00'; the raw value when the zone is unknown. */
function when(instant: DateTime | string, tz: string): string {
  const at = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : instant;
  try {
    return formatMeetingTime(at, tz);
  } catch {
    return at.toISO() ?? String(instant);
  }
}
