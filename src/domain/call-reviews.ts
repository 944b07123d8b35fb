import { DateTime } from 'luxon';
import type { TDecision } from './delivery-rules';
import type { TPolicyDecision } from './nudge-policy';
import { isWithinWorkingHours, type TWorkingHours } from './schedule';

/*
 * Call reviews (SPEC §1, `/coach review`): feedback on a rep's own call recording — what went well and one thing to
 * work on in a stage. Pure rules: which links are accepted, who may review or ask whom, and what happens to the
 * rep's DM when their message budget is spent (it comes with their next check-in or digest instead).
 */

/** The longest texts a review keeps; the modal sets the same `max_length`. */
export const REVIEW_TEXT_MAX = { wentWell: 1_500, oneThing: 500, requestNote: 300, comment: 1_500, url: 1_000 } as const;

/** How many reviews the rep's Home tab lists, and how many open "one things". */
export const HOME_REVIEWS_SHOWN = 3;

export type TLinkCheck = { ok: true; url: string } | { ok: false; message: string };

/** Slack wraps a link as `<https://…>` or `<https://…|label>`; a pasted one may come bare. */
const SLACK_WRAPPED = /^<([^|>\s]+)(?:\|[^>]*)?>$/;

/**
 * A recording link as typed or pasted: accepted only as an absolute http(s) URL with a host, no credentials and
 * at most `REVIEW_TEXT_MAX.url` characters; returned normalised (`URL.href`), so what is stored is what is shown.
 */
export function checkRecordingLink(raw: string): TLinkCheck {
  const text = raw.trim();
  const wrapped = SLACK_WRAPPED.exec(text)?.[1] ?? text;
  // `www.gong.io/call/1` is how people often paste a link: read it as https.
  const unwrapped = /^www\.[^\s/]+\.[^\s]/i.test(wrapped) ? `https://${wrapped}` : wrapped;
  const hint = 'Paste the recording’s web address, starting with https:// (a Gong, Chorus or Zoom link, a shared drive file…).';
  if (unwrapped === '') return { ok: false, message: `Which call? ${hint}` };
  if (/\s/.test(unwrapped)) return { ok: false, message: `A link has no spaces in it. ${hint}` };
  let url: URL;
  try {
    url = new URL(unwrapped);
  } catch {
    return { ok: false, message: `That doesn't look like a web address. ${hint}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `Only http and https links can be shared. ${hint}` };
  if (url.hostname === '') return { ok: false, message: `That link has no site in it. ${hint}` };
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'That link carries a user name or password; share a link without them.' };
  if (url.href.length > REVIEW_TEXT_MAX.url) return { ok: false, message: `That link is longer than ${REVIEW_TEXT_MAX.url} characters; share a shorter one.` };
  return { ok: true, url: url.href };
}

/**
 * Whether a word typed right after a link looks like the rest of it (a space broke the link): it has a slash, or a
 * dot between letters (`mple.com/a`, `/rec/2`, `example.com`) — not a sentence's full stop.
 */
export function continuesLink(word: string): boolean {
  if (word === '' || word.startsWith('<')) return false;
  return word.includes('/') || /\w\.\w/.test(word);
}

/** The answer to a link broken by a space. */
export function brokenLinkMessage(link: string): string {
  const shown = link.replace(/^<|>$/g, '').slice(0, 60).replace(/[`<>&|]/g, '');
  return `That link looks broken: a link has no spaces in it, so \`${shown}\` seems to be only its start. Paste the whole link again, in one piece.`;
}

/** Every http(s) link in a Slack message's text (as `<url>`, `<url|label>` or bare), in order, without repeats. */
export function linksInMessage(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>|(?<![<|\w])(https?:\/\/[^\s<>]+)/gi)) {
    const checked = checkRecordingLink(match[1] ?? match[2]!.replace(/[.,;:!?)\]]+$/, ''));
    if (checked.ok && !found.includes(checked.url)) found.push(checked.url);
  }
  return found;
}

/** A short, readable name for a link: its site and the start of its path, e.g. `app.gong.io/call?id=12…`. */
export function linkLabel(url: string, max = 40): string {
  let label: string;
  try {
    const parsed = new URL(url);
    label = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname === '/' ? '' : parsed.pathname}${parsed.search}`;
  } catch {
    label = url;
  }
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** A reviewer forgotten since (SPEC §2 forget-me): the review stays with the rep, without the name. */
export const FORMER_COLLEAGUE = 'a former colleague';

/** Multi-part public suffixes common enough to matter for a recording's site (`bbc.co.uk`, not `co.uk`). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu']);

/**
 * The site a recording is on, by its registered name: `app.gong.io` → `gong.io`, `us02web.zoom.us` → `zoom.us`,
 * `drive.google.com` → `google.com`; what it is when it is not a URL with a host name.
 */
export function recordingSite(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'recorded';
  }
  if (host === '' || /^[\d.]+$/.test(host) || host.includes(':')) return host || 'recorded';
  const parts = host.split('.');
  const keep = parts.length >= 3 && parts.at(-1)!.length === 2 && SECOND_LEVEL.has(parts.at(-2)!) ? 3 : 2;
  return parts.slice(-keep).join('.');
}

/**
 * A review's (or a request's) name, the text its recording link is shown on: the deal and the day when it has a deal
 * (`Dunder Mifflin 231 call, Fri 4 Dec`), else the site and the day (`gong.io call, Fri 4 Dec`) — several calls on
 * one site no longer look alike. The day is the review's (or the request's), in the reader's zone. Raw text: the
 * renderer escapes it (`recordingLink`).
 */
export function reviewLabel(review: { url: string; dealName: string | null; at: Date }, zone: string, dealMax = 60): string {
  const deal = review.dealName?.replace(/\s+/g, ' ').trim() ?? '';
  const what = deal !== '' ? (deal.length > dealMax ? `${deal.slice(0, dealMax - 1)}…` : deal) : recordingSite(review.url);
  const day = DateTime.fromJSDate(review.at, { zone }).setLocale('en-US').toFormat('ccc d LLL');
  return `${what} call, ${day}`;
}

/** Whether the rep tried a review's one thing, in the same words on every surface; `who` null is the rep reading. */
export function triedText(tried: boolean, who: string | null): string {
  return tried ? `${who ?? 'You'} tried it` : 'not tried yet';
}

/** A person as the review rules see them. */
export type TReviewParty = { id: number; name: string; role: 'rep' | 'manager' | 'admin'; isAdmin: boolean; managerId: number | null; isBot: boolean; isDeleted: boolean };

/**
 * What `/coach review @rep <link>` (or the shortcut) does for this actor and rep:
 * - `review`: the rep's manager or an admin writes a review;
 * - `request`: a person naming themselves asks their manager for one (it reaches the manager's next brief);
 * - `refuse`: anyone else, with a sentence saying why (a peer's calls are not theirs to review: SPEC privacy).
 */
export type TReviewAccess = { kind: 'review' } | { kind: 'request'; managerId: number } | { kind: 'refuse'; message: string };

export function reviewAccess(actor: TReviewParty, rep: TReviewParty): TReviewAccess {
  const name = mrkdwnText(rep.name);
  if (rep.isBot) return { kind: 'refuse', message: `${name} is a bot, so there is no call of theirs to review.` };
  if (rep.isDeleted) return { kind: 'refuse', message: `${name} is no longer active in this workspace.` };
  if (actor.id === rep.id) return requestAccess(actor);
  if (rep.managerId === actor.id) return { kind: 'review' };
  if (actor.isAdmin) return { kind: 'review' };
  if (actor.role === 'rep') {
    return { kind: 'refuse', message: `Only ${name}'s manager (or an admin) can review their calls. To get feedback on a call of your own, use \`/coach review request &lt;link&gt;\`.` };
  }
  return { kind: 'refuse', message: `${name} isn't on your team, so their calls are for their own manager to review. Add them first with \`/coach team add @${name}\`.` };
}

/** Whether a person can ask for a review: someone has to receive it. */
export function requestAccess(rep: TReviewParty): TReviewAccess {
  if (rep.managerId === null) {
    return { kind: 'refuse', message: 'You have no manager in Canopy yet, so there is nobody to ask. Once a manager adds you to their team (`/coach team add`), ask again.' };
  }
  return { kind: 'request', managerId: rep.managerId };
}

/** User text (a profile name) made safe inside a mrkdwn message: `&`, `<`, `>` escaped, so it cannot ping or link. */
export function mrkdwnText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/**
 * A mrkdwn message made fit for plain text (a modal field's error, which Slack shows as typed): no backticks, and
 * the escaped `&lt;`, `&gt;`, `&amp;` read back as characters.
 */
export function plainMessage(mrkdwn: string): string {
  return mrkdwn.replace(/`/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A request for a review no longer shows, counts or can be answered this many days after it was made. */
export const REQUEST_EXPIRES_DAYS = 30;

/** Requests made before this instant have expired (`REQUEST_EXPIRES_DAYS` before `now`). */
export function requestsExpireBefore(now: Date): Date {
  return new Date(now.getTime() - REQUEST_EXPIRES_DAYS * 24 * 60 * 60 * 1000);
}

/** Whether a person may read a review (and its thread): the rep, their manager, admins (SPEC §2 privacy). */
export function canReadReview(viewer: { id: number; isAdmin: boolean }, review: { repId: number; repManagerId: number | null }): boolean {
  return viewer.id === review.repId || viewer.isAdmin || (review.repManagerId !== null && review.repManagerId === viewer.id);
}

/** The carrier a held-back review rides: the rep's next check-in or weekly digest, its time as they read it ('Mon 7 Dec, 09:00'). */
export type TCarrierNote = { kind: 'checkin' | 'digest'; whenText: string };

/**
 * The rep's review DM is an unsolicited message and counts in their weekly budget (unless they asked for the review:
 * then it is theirs, `requested`). When the budget holds it back, the review is not lost: it comes with the next
 * message the rep gets anyway, their next check-in or weekly digest (`carrier`, named when known; `reviewsToCarry`),
 * and is on their Home tab at once; the reason says so. (A pause, an away status or a holiday passes: the planner
 * does not propose the DM meanwhile, it goes when they are back.)
 */
export function reviewDmDecision(policy: TPolicyDecision, carrier: TCarrierNote | null = null): TDecision {
  if (policy.send) return { status: 'pending', reason: policy.reason };
  return { status: 'suppressed', reason: `${policy.reason}; it comes with ${carrierPhrase(carrier)} instead` };
}

/**
 * A review DM due within the hour before the rep's next carrier is not sent on its own (two messages in the same
 * minute): held, and the carrier brings it.
 */
export function reviewDmForCarrier(name: string, carrier: TCarrierNote): TDecision {
  return { status: 'suppressed', reason: `held back: due within the hour before ${name}'s ${carrierLabel(carrier.kind)}; it comes with ${carrierPhrase(carrier)} instead` };
}

export function carrierLabel(kind: TCarrierNote['kind']): string {
  return kind === 'digest' ? 'weekly digest' : 'check-in';
}

function carrierPhrase(carrier: TCarrierNote | null): string {
  return carrier ? `their ${carrierLabel(carrier.kind)} at ${carrier.whenText} (their time)` : 'their next check-in or weekly digest';
}

/**
 * When the rep's review DM is due: at once when it is shared in their working hours, else when their next working
 * day starts (a review written on Friday evening waits for Monday morning, not for the next digest). Looks two weeks
 * ahead; with no working day at all (an empty schedule) it is due at once and the policy decides.
 */
export function reviewDmDueAt(sharedAt: DateTime, tz: string, hours: TWorkingHours): DateTime {
  if (hours.days.length === 0 || isWithinWorkingHours(sharedAt, tz, hours)) return sharedAt;
  const [startHour = 9, startMinute = 0] = hours.start.split(':').map(Number);
  const local = sharedAt.setZone(tz);
  // Weekdays by arithmetic, one date built at the end: the planner asks this for every review still awaiting its DM.
  const todayStillAhead = local.hour * 60 + local.minute < startHour * 60 + startMinute;
  for (let day = todayStillAhead ? 0 : 1; day <= 7; day++) {
    if (hours.days.includes(((local.weekday - 1 + day) % 7) + 1)) {
      return local.plus({ days: day }).set({ hour: startHour, minute: startMinute, second: 0, millisecond: 0 });
    }
  }
  return sharedAt;
}

/** A rep's working time as [start, end) spans in epoch ms, sorted: `reviewDmDueAt` answered without luxon per review. */
export type TWorkingSpans = readonly (readonly [number, number])[];

/**
 * The working spans of the local dates from `from` to `to` (both included) in `tz`: each working day's start to its
 * end, as `isWithinWorkingHours` reads them. Throws for an unknown zone. The planner computes these once per
 * (zone, hours) in a run and answers every review's due time from them (`dueInSpans`).
 */
export function workingSpans(tz: string, hours: TWorkingHours, from: DateTime, to: DateTime): TWorkingSpans {
  const first = from.setZone(tz);
  if (!first.isValid) throw new RangeError(`Unknown time zone: ${tz}`);
  const [startHour = 9, startMinute = 0] = hours.start.split(':').map(Number);
  const [endHour = 18, endMinute = 0] = hours.end.split(':').map(Number);
  const spans: [number, number][] = [];
  const last = to.setZone(tz).startOf('day');
  for (let day = first.startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    if (!hours.days.includes(day.weekday)) continue;
    const wall = (hour: number, minute: number) => DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: tz }).toMillis();
    spans.push([wall(startHour, startMinute), wall(endHour, endMinute)]);
  }
  return spans;
}

/**
 * `reviewDmDueAt` over working spans: `at` itself when inside a span, else the next span's start; null when `at`
 * is not covered (before the first span's day or after the last span): the caller asks `reviewDmDueAt` then.
 */
export function dueInSpans(spans: TWorkingSpans, at: number, coveredFrom: number, coveredTo: number): number | null {
  if (at < coveredFrom || at > coveredTo) return null;
  let lo = 0;
  let hi = spans.length;
  // The first span whose end is after `at`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] <= at) lo = mid + 1;
    else hi = mid;
  }
  const span = spans[lo];
  if (!span) return null;
  return span[0] <= at ? at : span[0];
}

/** How far back a carrier (check-in or digest) looks for held-back reviews when the rep had no carrier before. */
export const CARRIER_LOOKBACK_DAYS = 30;

/**
 * A review as a carrier sees it: when it was shared, what became of its DM (`none`: not planned yet) and when that DM
 * was due (null: none recorded).
 */
export type TReviewToCarry = { id: number; sharedAt: number; dm: 'sent' | 'pending' | 'held' | 'none'; dmDueAt: number | null };

/**
 * Where a carrier's window starts: just after the rep's previous carrier that was sent (a check-in or a digest,
 * null: none), but at most `CARRIER_LOOKBACK_DAYS` back from `until` (the carrier being sent now).
 */
export function carrierSince(previousSentAt: number | null, until: number): number {
  const floor = until - CARRIER_LOOKBACK_DAYS * 86_400_000;
  return previousSentAt === null ? floor : Math.max(previousSentAt, floor);
}

/**
 * The reviews a carrier — the rep's next check-in or weekly digest, whichever goes out first — brings along: those
 * whose DM was held back (the budget, the carrier due within the hour, a pause that began after it was planned) at an instant in `(since, until]`, the instant
 * being when the DM was due (or shared, if later). Each held review thus rides in exactly one carrier: the first one
 * sent after it was held. A review the rep got as a DM is not repeated, and one whose DM is still on its way (waiting
 * for their working hours, or not planned yet) is left to that DM, so nothing arrives twice. No rows are marked.
 */
export function reviewsToCarry(reviews: readonly TReviewToCarry[], since: number, until: number): number[] {
  return reviews
    .filter((r) => {
      if (r.dm !== 'held') return false;
      const heldAt = Math.max(r.sharedAt, r.dmDueAt ?? r.sharedAt);
      // (since, until]: a DM held for the carrier due at the same instant rides that carrier.
      return heldAt > since && heldAt <= until;
    })
    .map((r) => r.id);
}

/**
 * What became of a review's DM, for the carriers, from its delivery's status (null: none recorded yet). Sent: not
 * repeated. Still on its way: left to the DM. Held back by the policy, or dropped at send time (a pause or an away
 * status that began after it was planned, a failed post): not delivered, so a carrier brings it.
 */
export function reviewDmState(status: string | null): TReviewToCarry['dm'] {
  if (status === null) return 'none';
  if (status === 'sent') return 'sent';
  if (status === 'pending' || status === 'sending') return 'pending';
  return 'held';
}
