import { readCount } from './counts';
import { trimName } from './lexer';
import { emit, type TClause, type TReading } from './reading';
import type { TNoteItem } from './types';

/**
 * Notes: what is worth keeping but is neither activity nor a stage. Detail of calls counted elsewhere
 * ("15 dials 2 convos 1 booked": the conversations and the meeting booked happened on those dials, so
 * logging them as activity would count the same work twice), and a deal's close date moving ("Initech
 * pushed to Q1"), which is not a stage.
 */

/** Detail words after a count, by how the note says them: [one, several]. */
const DETAILS: ReadonlyMap<string, readonly [string, string]> = new Map<string, readonly [string, string]>([
  ...['convo', 'convos', 'conversation', 'conversations', 'convs', 'conv'].map(
    (w): [string, readonly [string, string]] => [w, ['conversation', 'conversations']],
  ),
  ...['connect', 'connects', 'connected', 'connection', 'connections'].map(
    (w): [string, readonly [string, string]] => [w, ['connect', 'connects']],
  ),
  ...['pickup', 'pickups', 'pick-ups', 'pick-up'].map((w): [string, readonly [string, string]] => [w, ['pickup', 'pickups']]),
  ...['booked', 'set'].map((w): [string, readonly [string, string]] => [w, ['meeting booked', 'meetings booked']]),
]);
const BOOKED: readonly [string, string] = ['meeting booked', 'meetings booked'];
const MEETING_NOUNS: ReadonlySet<string> = new Set(['meeting', 'meetings', 'mtg', 'mtgs', 'appt', 'appts', 'appointment', 'appointments']);
const BOOKED_WORDS: ReadonlySet<string> = new Set(['booked', 'set', 'scheduled']);

/** Words that may follow a count in a detail: a cheap first filter. */
export const DETAIL_HINTS: ReadonlySet<string> = new Set([...DETAILS.keys(), ...MEETING_NOUNS]);

/** How many tokens of detail start at keys[i] ("convos" 1, "meetings booked" 2), or 0. */
export function detailLength(keys: readonly string[], i: number): number {
  const key = keys[i] ?? '';
  if (DETAILS.has(key)) return 1;
  return MEETING_NOUNS.has(key) && BOOKED_WORDS.has(keys[i + 1] ?? '') ? 2 : 0;
}

/** "2 convos 1 booked": counts of detail words and nothing else, as one note; false otherwise. */
export function readDetail(clause: TClause, reading: TReading): boolean {
  const { keys, source } = clause;
  const n = keys.length;
  let text = '';
  let i = 0;
  while (i < n) {
    const read = readCount(keys, i);
    if (!read || read.vague || !Number.isInteger(read.value) || read.value < 0 || read.value > 500) return false;
    const length = detailLength(keys, read.next);
    if (length === 0) return false;
    const names = length === 2 ? BOOKED : (DETAILS.get(keys[read.next] ?? '') ?? BOOKED);
    text += `${text ? ', ' : ''}${read.value} ${read.value === 1 ? names[0] : names[1]}`;
    i = read.next + length;
  }
  const last = reading.last;
  // "15 dials, 2 convos, 1 booked": one note, as if said together.
  if (last?.kind === 'note' && last.deal === undefined && last.when === reading.when && reading.items.at(-1) === last) {
    last.text += `, ${text}`;
    last.source += `, ${source}`;
    return true;
  }
  const note: TNoteItem = { kind: 'note', text, source };
  emit(reading, note);
  return true;
}

const MONTHS: ReadonlySet<string> = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const PERIODS: ReadonlySet<string> = new Set([
  'week', 'month', 'quarter', 'qtr', 'year', 'yr', 'fy', 'half', 'eom', 'eoq', 'eoy', 'eow', 'q', 'spring', 'summer',
  'fall', 'autumn', 'winter', 'later', 'tbd',
]);
const TIME_FILLERS: ReadonlySet<string> = new Set([
  'the', 'end', 'of', 'early', 'mid', 'late', 'start', 'beginning', 'middle', 'next', 'this', 'to', 'into', 'in',
  'until', 'till', 'til', 'for', 'at', 'least', 'close', 'date', 'now',
]);
// "q1", "Q3'27", "q1-2027", "h2", "fy27", "2027", "15th", "3/15": a rare path (a stage that was not found).
const TIME_KEY_RE = /^(?:q[1-4](?:['’-]?\d{2,4})?|h[12](?:['’-]?\d{2,4})?|fy['’-]?\d{2,4}|(?:19|20)\d\d|\d{1,2}(?:st|nd|rd|th)|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)$/;

/**
 * The time a close date moves to, as written ("Q1", "next quarter", "January", "2027"), when keys[from..to)
 * say one and nothing else; undefined otherwise.
 */
export function closeDatePhrase(clause: TClause, from: number, to: number): string | undefined {
  const { words, keys } = clause;
  let timed = false;
  let start = -1;
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    const isTime = MONTHS.has(key) || PERIODS.has(key) || TIME_KEY_RE.test(key);
    if (!isTime && !TIME_FILLERS.has(key)) return undefined;
    timed ||= isTime;
    if (start < 0 && key !== 'to' && key !== 'into' && key !== 'until' && key !== 'till' && key !== 'til') start = i;
  }
  if (!timed || start < 0) return undefined;
  return trimName(words.slice(start, to).join(' '));
}

/** Words after a deal that say it is its close date that moves: "Globex close date moved to 2027". */
export const CLOSE_DATE_WORDS: ReadonlySet<string> = new Set(['close', 'closing', 'date', 'close-date', 'closedate', "date's"]);

/** Verbs of a close date moving later; any other verb ("moved", "changed") is said as "moved". */
const PUSH_VERBS: ReadonlySet<string> = new Set(['pushed', 'push', 'bumped', 'bump', 'slipped', 'slid', 'delayed', 'shifted']);

/** What a deal going quiet is noted as: "Acme went dark", "Acme ghosted", "ghosted by Acme". */
export const WENT_DARK = 'went dark';

/** "Initech pushed to Q1" as a note on the deal. */
export function emitCloseDate(reading: TReading, source: string, deal: string, verb: string, when: string): void {
  const moved = PUSH_VERBS.has(verb) ? 'pushed' : 'moved';
  const note: TNoteItem = { kind: 'note', deal, dealNaming: 'clearly', text: `close date ${moved} to ${when}`, source };
  emit(reading, note);
}
