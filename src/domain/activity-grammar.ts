import type { DateTime } from 'luxon';
import { readActivity, readAddedDeal, readBareCount, readCompanySuffix } from './activity-grammar/activities';
import { CORRECTION_LEADS, readCorrection } from './activity-grammar/corrections';
import { DATE_STARTS, occurredAt, plannedProblem, takeDate } from './activity-grammar/dates';
import { DARK_ENDS, DARK_LEADS, readOutcome, readStageMove, readTrailingOutcome, readWentDark } from './activity-grammar/deal-moves';
import { takeAmount } from './activity-grammar/amounts';
import { startsExplicitCount } from './activity-grammar/counts';
import { lexPieces, type TPiece } from './activity-grammar/lexer';
import { FILLERS, MOVE_VERBS, OUTCOME_LEADS, OUTCOME_WORDS, PREPOSITIONS } from './activity-grammar/lexicon';
import { MAX_INPUT_CHARS, MAX_ITEMS } from './activity-grammar/limits';
import { detailLength, readDetail } from './activity-grammar/notes';
import { NOTHING_LEADS, readNothing } from './activity-grammar/nothing';
import { OPENS_ACTIVITY, reject, startsWithLetter, type TClause, type TReading, typeAt } from './activity-grammar/reading';
import { decodeSlackText } from './activity-grammar/slack-markup';
import { stageTableFor } from './activity-grammar/stages';
import type { TParseOptions, TParseResult, TWhen } from './activity-grammar/types';

export type {
  TActivityItem,
  TCorrectionItem,
  TDealNaming,
  TGrammarItem,
  TGrammarProblem,
  TNoActivityItem,
  TNoteItem,
  TOutcomeItem,
  TParseOptions,
  TParseResult,
  TStageMoveItem,
  TWhen,
} from './activity-grammar/types';
export { MAX_AMOUNT_CENTS } from './activity-grammar/amounts';
export { MAX_DAYS_AGO } from './activity-grammar/dates';
export { MAX_INPUT_CHARS, MAX_ITEMS } from './activity-grammar/limits';

/**
 * SPEC §4. A message is decoded (Slack markup), cut into pieces at separators, and each piece is read as
 * a correction ("oops, that was 3 calls"), no activity ("out sick"), detail of calls ("2 convos"), a
 * won/lost deal, a stage move or close-date move, an activity, or a bare count of the previous activity
 * ("and 2 today"), in that order; whatever is left is `unknown`. A date word or day range applies to its
 * piece and the pieces after it. The first two are tried only when the piece's first word can start them
 * (one map lookup), so the common "4 calls" pays nothing for them.
 */

// What the first word of a clause may start, so that each reader is tried only where it could match:
// one map lookup instead of one per reader (the common "4 calls" is in none of them).
const CORRECTION = 1;
const NOTHING = 2;
const OUTCOME = 4;
const MOVE = 8;
const DATE = 32;
const DARK = 64;
const FIRST_WORDS: ReadonlyMap<string, number> = (() => {
  const leads = new Map<string, number>();
  const mark = (words: Iterable<string>, flag: number) => {
    for (const word of words) leads.set(word, (leads.get(word) ?? 0) | flag);
  };
  mark(CORRECTION_LEADS, CORRECTION);
  mark(NOTHING_LEADS, NOTHING);
  // "we won Acme", "we moved Acme to demo": both readers skip these leads first.
  mark([...OUTCOME_LEADS, ...OUTCOME_WORDS.keys(), 'closed'], OUTCOME);
  mark([...OUTCOME_LEADS, ...MOVE_VERBS], MOVE);
  mark(FILLERS, OPENS_ACTIVITY);
  mark(DATE_STARTS, DATE);
  mark(DARK_LEADS, DARK);
  return leads;
})();

function leadOf(first: string): number {
  return startsWithLetter(first) ? (FIRST_WORDS.get(first) ?? 0) : 0;
}

/** Parses free text into activity items, deal stage moves and outcomes. Never throws. */
export function parseActivityText(text: string, options?: TParseOptions): TParseResult {
  const reading: TReading = {
    items: [],
    unknown: [],
    problems: [],
    overflow: undefined,
    when: undefined,
    range: undefined,
    table: stageTableFor(undefined),
    last: undefined,
    lastActivity: undefined,
    correcting: false,
    clause: 0,
    emittedAt: -1,
    verbObject: undefined,
    defaultDeal: undefined,
  };
  try {
    reading.table = stageTableFor(options?.stages);
    const picked = options?.defaultDeal;
    if (typeof picked === 'string' && picked.trim()) reading.defaultDeal = picked.trim();
    readMessage(typeof text === 'string' ? text : '', reading);
  } catch {
    // A bug here must not lose a rep's message: the raw text is stored, so say we could not read it.
    const source = typeof text === 'string' ? text.trim().slice(0, 80) : '';
    reading.problems.push({ source, message: "I couldn't read this message" });
  }
  return { items: reading.items, unknown: reading.unknown, problems: reading.problems };
}

/** The instant an item happened: `now` (already in the person's zone) when `when` is undefined; noon local of the past day otherwise ("mon" = the most recent Monday on or before today; today if today is Monday; with `daysBefore`, so many days before that). Never later than `now`. */
export function resolveOccurredAt(when: TWhen | undefined, now: DateTime): DateTime {
  return occurredAt(when, now);
}

function readMessage(text: string, reading: TReading): void {
  const cut = truncationPoint(text);
  const rest = cut < text.length ? text.slice(cut).replace(/^[\s,;]+/, '').trim() : '';
  // Mentions go to `unknown` first: they are never activities, and never deal names.
  const plain = decodeSlackText(cut < text.length ? text.slice(0, cut) : text, reading.unknown);
  const pieces = lexPieces(plain);
  for (let i = 0; i < pieces.length; i++) readPiece(pieces[i] as TPiece, reading);
  const overflow = reading.overflow;
  if (overflow !== undefined) {
    const listed = overflow.slice(0, 3).join(', ');
    reject(
      reading,
      overflow.length > 3 ? `${listed}, …` : listed,
      `I log up to ${MAX_ITEMS} items per message, so ${overflow.length} more weren't logged; ` +
        'send them in another message',
    );
  }
  if (rest) {
    const shown = rest.length > 80 ? `${rest.slice(0, 80)}…` : rest;
    const limit = MAX_INPUT_CHARS.toLocaleString('en-US');
    reject(reading, shown, `I read the first ${limit} characters and skipped the rest`);
  }
}

/** Where to stop reading a long message: at MAX_INPUT_CHARS, moved back to a piece boundary when one is near. */
function truncationPoint(text: string): number {
  if (text.length <= MAX_INPUT_CHARS) return text.length;
  let cut = MAX_INPUT_CHARS;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  // Half a piece ("4 ca") would be misread; a boundary in the last quarter is close enough to lose little.
  const boundary = Math.max(text.lastIndexOf('\n', cut), text.lastIndexOf(',', cut), text.lastIndexOf(';', cut));
  return boundary > MAX_INPUT_CHARS * 0.75 ? boundary : cut;
}

function readPiece(piece: TPiece, reading: TReading): void {
  const { words, keys } = piece;
  if (keys.length === 0) return;
  // "4 calls 2 emails" (no separator): a number after an activity, before another one, starts a new item.
  // That takes at least three words.
  if (keys.length < 3) {
    readClause(piece, reading);
    return;
  }
  let from = 0;
  let seenType = false;
  // Where a count would be the object of the part's verb: "DM'd 4 people on linkedin" is one item.
  let verbObject = -1;
  for (let i = 0; i < keys.length; i++) {
    // "15 dials 2 convos": a count of detail starts a new part too; "2 calls w Aperture 1 w Dunder" a count
    // and a preposition after a deal.
    if (
      seenType &&
      i > from &&
      i !== verbObject &&
      startsExplicitCount(keys, i) &&
      (typeSoonAfter(keys, i) || detailLength(keys, i + 1) > 0 || startsDealAgain(keys, from, i))
    ) {
      const partWords = words.slice(from, i);
      readClause({ words: partWords, keys: keys.slice(from, i), source: partWords.join(' ') }, reading);
      from = i;
      seenType = false;
      verbObject = -1;
    }
    if (!seenType) {
      const found = typeAt(keys, i);
      if (found) {
        seenType = true;
        if (found.verb) verbObject = i + found.length;
      }
    }
  }
  if (from === 0) readClause(piece, reading);
  else {
    const partWords = words.slice(from);
    readClause({ words: partWords, keys: keys.slice(from), source: partWords.join(' ') }, reading);
  }
}

/** "… w Aperture 1 w Dunder": a count followed by a preposition and more, after a preposition in the part. */
function startsDealAgain(keys: readonly string[], from: number, i: number): boolean {
  if (i + 2 >= keys.length || !PREPOSITIONS.has(keys[i + 1] ?? '')) return false;
  for (let j = from; j < i; j++) if (PREPOSITIONS.has(keys[j] ?? '')) return true;
  return false;
}

function typeSoonAfter(keys: readonly string[], i: number): boolean {
  const last = Math.min(keys.length, i + 4);
  for (let j = i + 1; j < last; j++) {
    const found = typeAt(keys, j);
    if (found && !found.verb) return true;
  }
  return false;
}

function readClause(clause: TClause, reading: TReading): void {
  const { words, keys, source } = clause;
  reading.clause++;
  const pending = reading.correcting;
  reading.correcting = false;
  // "booked a demo w/ Soylent for thu", "demo with Soylent next tuesday": not done yet, so not logged.
  const planned = plannedProblem(words, keys);
  if (planned !== undefined) {
    reject(reading, source, planned);
    return;
  }
  let lead = leadOf(keys[0] as string);
  const date = takeDate(words, keys, (lead & DATE) !== 0);
  if (date) {
    if (date.problem) {
      reject(reading, source, date.problem);
      return;
    }
    reading.when = date.when;
    reading.range = date.range;
    lead = leadOf(keys[0] ?? '');
  }
  if (keys.length === 0) {
    reading.correcting = pending;
    return;
  }
  const amount = takeAmount(words, keys, false);
  if (amount?.problem) {
    reject(reading, source, amount.problem);
    return;
  }
  const cents = amount?.cents;
  if (keys.length > 0) {
    if ((pending || (lead & CORRECTION) !== 0) && readCorrection(clause, reading, pending, cents)) return;
    if ((lead & NOTHING) !== 0 && readNothing(clause, reading)) return;
    if ((lead & OUTCOME) !== 0 && readOutcome(clause, reading, cents)) return;
    if (((lead & DARK) !== 0 || DARK_ENDS.has(keys[keys.length - 1] as string)) && readWentDark(clause, reading)) return;
    if (readStageMove(clause, reading, cents, (lead & MOVE) !== 0, (lead & OPENS_ACTIVITY) !== 0)) return;
    if (readActivity(clause, reading, cents)) return;
    if (readDetail(clause, reading)) return;
    if (readTrailingOutcome(clause, reading, cents)) return;
    if (readBareCount(clause, reading)) return;
    if (readCompanySuffix(clause, reading)) return;
    if (readAddedDeal(clause, reading)) return;
  }
  reading.unknown.push(source);
}

const QUESTION_START = /^(what|why|how|when|where|who|whom|which|should|shall|could|can|would|will|do|does|did|is|are|am|was|were|have|has)\b/i;

/**
 * A message written as a question ("What did you mean by the next meeting?"): it starts with a question word and ends
 * with a question mark. Such a message in the bot's DM or a check-in thread is not logged: the grammar would find
 * activity words in it ("meeting", "call") and count work nobody did.
 */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('?') && QUESTION_START.test(trimmed);
}
