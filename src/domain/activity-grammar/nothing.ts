import { emit, type TClause, type TReading, typeAt } from './reading';
import type { TNoActivityItem } from './types';

/**
 * "nothing today, was sick", "no activity today", "out sick", "off today", "pto", "on vacation", "nothing to
 * log", "no calls today": no activity, said on purpose. Every word of the piece has to be one of these, so
 * that "called in sick" is not a call and "no calls, 3 emails" logs the emails.
 */

const SICK: ReadonlySet<string> = new Set([
  'sick', 'ill', 'unwell', 'flu', 'covid', 'doctor', 'doctors', "doctor's", 'dentist', 'sickday', 'sick-day', 'weather',
  'migraine', 'hospital',
]);
const AWAY: ReadonlySet<string> = new Set([
  'off', 'out', 'pto', 'ooo', 'oof', 'vacation', 'vacay', 'holiday', 'holidays', 'leave', 'away', 'travelling',
  'traveling', 'out-of-office', 'dayoff', 'day-off', 'bank',
]);
const NONE: ReadonlySet<string> = new Set(['nothing', 'nada', 'zilch', 'nil']);
/** "no activity", "zero activity": none, but "no" alone says nothing. */
const NONE_PAIRS: ReadonlySet<string> = new Set(['no', 'zero']);
const ACTIVITY_WORDS: ReadonlySet<string> = new Set(['activity', 'activities', 'activty', 'work']);
const GLUE: ReadonlySet<string> = new Set([
  'i', 'im', "i'm", 'i’m', 'am', 'was', 'been', 'is', 'be', 'feeling', 'felt', 'today', 'to', 'log', 'report',
  'on', 'the', 'a', 'day', 'days', 'of', 'office', 'under', 'in', 'called', 'took', 'taking', 'whole', 'all',
  'at', 'home', 'with', 'so', 'sadly', 'unfortunately', 'just', 'still', 'this', 'week', 'for', 'me', 'here',
  'from', 'stayed', 'staying', 'much', 'sorry', 'personal', 'family', 'emergency', 'half',
]);

/** Every word such a piece may start with: a cheap first filter. */
export const NOTHING_LEADS: ReadonlySet<string> = new Set([
  ...SICK, ...AWAY, ...NONE, ...NONE_PAIRS, 'i', 'im', "i'm", 'i’m', 'am', 'was', 'been', 'feeling', 'on', 'called',
  'took', 'taking', 'stayed', 'sadly', 'unfortunately', 'just', 'still', 'sorry', 'half', 'personal', 'family',
]);

function isActivityNoun(keys: readonly string[], i: number): boolean {
  const word = typeAt(keys, i);
  return word !== undefined && !word.verb;
}

const RANK: Readonly<Record<TNoActivityItem['reason'], number>> = { none: 0, away: 1, sick: 2 };

/** Reads the clause as "no activity"; false when any word is not one of its words. */
export function readNothing(clause: TClause, reading: TReading): boolean {
  const { keys, source } = clause;
  let reason: TNoActivityItem['reason'] | undefined;
  let pair = false;
  let activity = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? '';
    if (SICK.has(key)) reason = 'sick';
    else if (AWAY.has(key)) reason = reason === 'sick' ? reason : 'away';
    else if (NONE.has(key)) reason ??= 'none';
    else if (NONE_PAIRS.has(key)) pair = true;
    else if (ACTIVITY_WORDS.has(key)) activity = true;
    // "no calls today", "no demos": a rep saying there was nothing (but "zero emails" stays a count of 0).
    else if (keys[i - 1] === 'no' && isActivityNoun(keys, i)) {
      activity = true;
      i += (typeAt(keys, i)?.length ?? 1) - 1;
    } else if (!GLUE.has(key)) return false;
  }
  if (pair && activity) reason ??= 'none';
  if (reason === undefined) return false;
  const last = reading.last;
  // "nothing today, was sick": one item, with the better reason.
  if (last?.kind === 'nothing' && reading.items.at(-1) === last) {
    if (RANK[reason] > RANK[last.reason]) last.reason = reason;
    last.source += `, ${source}`;
    return true;
  }
  const item: TNoActivityItem = { kind: 'nothing', reason, source };
  emit(reading, item);
  return true;
}
