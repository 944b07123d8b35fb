import type { TActivityType } from '../types';
import { groupedAmount } from './amounts';
import { ACTIVITY_PARTICLES, ADJECTIVES, COMPANY_SUFFIXES, DEAL_HEADS, FILLERS, NEGATORS, NON_DEALS, PERSONAL, PREPOSITIONS } from './lexicon';
import { looksNumeric, readCount, readTrailingCount, startsCount, startsExplicitCount, type TCountRead } from './counts';
import {
  dealName,
  emit,
  hasTypeWord,
  isUpperStart,
  reject,
  startsWithLetter,
  type TClause,
  type TDealMark,
  type TReading,
  timeLength,
  typeAt,
} from './reading';
import { trimName } from './lexer';
import { MAX_DEAL_CHARS, MAX_ITEMS } from './limits';
import type { TActivityItem, TCorrectionItem, TDealNaming, TGrammarItem } from './types';

/**
 * Activities: "4 calls", "2 demos w/ Acme Corp", "sent proposal to Globex", "called Acme twice", "Acme: 3 dials",
 * "2 demos (Acme, Globex)"; and corrections of a count ("3 calls not 4").
 */

const PLURAL_NAMES: Readonly<Record<TActivityType, string>> = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
  demo: 'demos',
  proposal: 'proposals',
  social: 'social touches',
  other: 'others',
};

const SINGULAR_NAMES: Readonly<Record<TActivityType, string>> = {
  call: 'call',
  email: 'email',
  meeting: 'meeting',
  demo: 'demo',
  proposal: 'proposal',
  social: 'social touch',
  other: 'other',
};

/** "3 calls" / "1 call". */
export function countedName(type: TActivityType, count: number): string {
  return `${count} ${count === 1 ? SINGULAR_NAMES[type] : PLURAL_NAMES[type]}`;
}

/** Words that only describe the activity: adjectives, and stage names ("discovery call"). */
function isModifier(key: string, reading: TReading): boolean {
  if (ADJECTIVES.has(key)) return true;
  const stage = reading.table.byName.get(key);
  return stage !== undefined && !stage.outcome;
}

/** The first open stage named among keys[from..to), for "2 discovery calls". */
function stageNamedIn(keys: readonly string[], from: number, to: number, reading: TReading): string | undefined {
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? '';
    const found = reading.table.byName.get(key);
    if (found && !found.outcome && !ADJECTIVES.has(key)) return found.key;
  }
  return undefined;
}

/**
 * A deal written before the activity: "Acme: 2 calls", "Acme Corp demo", ignoring modifiers at both ends.
 * It has to look like a name (capitalised, or followed by a colon) so that "knocked out 20 calls" or
 * "crushed 40 dials" is not a deal. A colon names it clearly.
 */
function leadingDeal(clause: TClause, from: number, to: number, reading: TReading, mark: TDealMark): string | undefined {
  const { words, keys } = clause;
  let a = from;
  let b = to;
  while (b > a && isModifier(keys[b - 1] ?? '', reading)) b--;
  while (a < b && isModifier(keys[a] ?? '', reading)) a++;
  if (b <= a) return undefined;
  const colon = (words[b - 1] ?? '').endsWith(':');
  if (!colon && !isUpperStart(words[a])) return undefined;
  if (!colon && b - a === 1 && /(?:ed|ing)$/.test(keys[a] ?? '')) return undefined;
  const name = dealName(clause, a, b, mark);
  mark.anchored ||= colon;
  return name;
}

function hasNegation(keys: readonly string[], to: number): boolean {
  for (let i = 0; i < to; i++) {
    const key = keys[i] ?? '';
    if (startsWithLetter(key) && NEGATORS.has(key)) return true;
  }
  return false;
}

function closesList(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  if (last === 41) return true;
  return word.length > 1 && (last === 44 || last === 46) && word.charCodeAt(word.length - 2) === 41;
}

/**
 * Deals listed in parentheses: "(Acme, Globex)", "(Acme and Globex)". Each has to look like a name
 * (capitalised, no count, no activity word), or the parentheses are only a remark ("4 calls (2 connected)").
 */
function dealList(clause: TClause, from: number, to: number): string[] | undefined {
  const { words, keys } = clause;
  const names: string[] = [];
  let a = from;
  for (let j = from; j < to; j++) {
    const key = keys[j] ?? '';
    const word = words[j] ?? '';
    const closes = closesList(word);
    const separator = key === 'and' || key === '&';
    if (!separator && !closes && word.charCodeAt(word.length - 1) !== 44) continue;
    const b = separator ? j : j + 1;
    if (b > a) {
      const first = words[a] ?? '';
      const opened = first.charCodeAt(0) === 40 ? first.slice(1) : first;
      if (!isUpperStart(opened) || startsExplicitCount(keys, a)) return undefined;
      for (let k = a; k < b; k++) if (typeAt(keys, k)) return undefined;
      const name = dealName(clause, a, b);
      if (name === undefined) return undefined;
      names.push(name);
    }
    a = j + 1;
    if (closes) return names.length > 0 ? names : undefined;
  }
  return undefined;
}

/** Emits an activity, spread over the days of a range when one applies ("mon-wed 30 calls"). */
function emitActivity(reading: TReading, item: TActivityItem): void {
  const range = reading.range;
  if (range === undefined) {
    emit(reading, item);
    return;
  }
  const total = item.count;
  const { days, weekday } = range;
  const share = Math.floor(total / days);
  const extra = total - share * days;
  // The earliest days take the remainder: 31 over three days is 11, 10, 10.
  for (let d = 0; d < days; d++) {
    const count = share + (d < extra ? 1 : 0);
    if (count === 0) continue;
    emit(reading, { ...item, count, when: { weekday, daysBefore: days - 1 - d }, spread: { total, days } });
  }
}

/** The count after "not" at the end of keys[..end): "3 calls not 4". */
function correctedFrom(keys: readonly string[], end: number): { was: number; start: number } | undefined {
  const not = keys[end - 2];
  if (not !== 'not' && not !== 'of') return undefined;
  const start = not === 'of' ? end - 3 : end - 2;
  if (not === 'of' && keys[start] !== 'instead') return undefined;
  const read = readCount(keys, end - 1);
  if (!read || read.next !== end || read.problem || read.vague) return undefined;
  return { was: read.value, start };
}

const PARTICLE = 0;
const PREPOSITION = 1;
const BOOKED = 2;
const AFTER_ACTIVITY: ReadonlyMap<string, number> = new Map([
  ...[...ACTIVITY_PARTICLES].map((w): [string, number] => [w, PARTICLE]),
  ...[...PREPOSITIONS].map((w): [string, number] => [w, PREPOSITION]),
  ...['booked', 'set', 'scheduled'].map((w): [string, number] => [w, BOOKED]),
]);

// Reused on every call (the parser is synchronous): no allocation per activity.
const afterMark: TDealMark = { anchored: false };
const beforeMark: TDealMark = { anchored: false };

const BUSINESS_WORDS: ReadonlySet<string> = new Set(['client', 'customer', 'prospect', 'sales', 'exec', 'executive', 'partner', 'team', 'business', 'working']);

function hasBusinessWord(keys: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BUSINESS_WORDS.has(keys[i] ?? '')) return true;
  return false;
}

/** A meal is a meeting when it is with someone; never with family ("lunch with mom"). */
function isPersonal(keys: readonly string[], at: number): boolean {
  const key = keys[at] ?? '';
  return PERSONAL.has(key) || (DEAL_HEADS.has(key) && PERSONAL.has(keys[at + 1] ?? ''));
}

/**
 * Reads the piece as an activity; false when it names none. With `correcting` (after "oops", "make that"),
 * or when a count to correct is given ("3 calls not 4"), it is a correction of the rep's previous entry.
 */
export function readActivity(clause: TClause, reading: TReading, said: number | undefined, correcting = false): boolean {
  const { words, keys, source } = clause;
  let cents = said;
  const n = keys.length;
  let t = 0;
  let word = typeAt(keys, 0);
  while (!word && ++t < n) word = typeAt(keys, t);
  if (!word) return false;
  // "cancelled demo with Acme", "didn't get the call": nothing to log.
  if (hasNegation(keys, t)) return false;
  let stage: string | undefined;
  // "demo call", "follow-up call", "lunch meeting": the last of two activity nouns is the activity.
  const second = word.verb ? undefined : typeAt(keys, t + word.length);
  if (second && !second.verb) {
    const qualifier = reading.table.byName.get(keys[t] ?? '');
    if (qualifier && !qualifier.outcome) stage = qualifier.key;
    t += word.length;
    word = second;
  }
  if (stage === undefined && word.stage !== undefined) {
    // "disco w/ Acme": a call in discovery, when the team has that stage.
    const implied = reading.table.byName.get(word.stage);
    if (implied && !implied.outcome) stage = implied.key;
  }

  // Before the activity: fillers, then perhaps a deal, a count, and modifiers.
  let s = 0;
  while (s < t && startsWithLetter(keys[s] ?? '') && FILLERS.has(keys[s] ?? '')) s++;
  let count: TCountRead | undefined;
  let leadTo = t;
  let middleFrom = t;
  for (let i = s; i < t; i++) {
    const read = readCount(keys, i);
    if (read && read.next <= t) {
      count = read;
      leadTo = i;
      middleFrom = read.next;
      break;
    }
  }
  // The count's own words ("4", "a couple of") are never a stage: spared a lookup each.
  stage ??= stageNamedIn(keys, s, leadTo, reading) ?? stageNamedIn(keys, middleFrom, t, reading);

  // After it: perhaps a count ("calls: 4", "called 5 prospects"), a deal, and a count adverb ("twice").
  let i = t + word.length;
  let afterCount: TCountRead | undefined;
  if (!count && i < n && (looksNumeric(keys[i] ?? '') || startsExplicitCount(keys, i))) {
    afterCount = readCount(keys, i);
    if (afterCount) i = afterCount.next;
  }
  // "proposal out to Globex", "sent it over to Acme"; one lookup says particle, preposition or neither.
  let next = i < n ? AFTER_ACTIVITY.get(keys[i] ?? '') : undefined;
  while (next === PARTICLE && ++i < n) next = AFTER_ACTIVITY.get(keys[i] ?? '');
  // "call this morning with Acme", "demo 3pm w/ Aperture": a time before the deal is not part of it.
  if (next === undefined && i < n) {
    const time = timeLength(keys, i);
    if (time > 0 && i + time < n) {
      i += time;
      next = AFTER_ACTIVITY.get(keys[i] ?? '');
    }
  }
  // "followed up with 4 prospects", "talked to 3 leads": a verb's object count after its preposition.
  if (word.verb && !count && !afterCount && next === PREPOSITION && looksNumeric(keys[i + 1] ?? '')) {
    // Only a count of people: "demoed to 5 people" is one demo, but "met with 3 Acme folks" names a deal.
    const object = i + 2 === n || NON_DEALS.has(keys[i + 2] ?? '') ? readCount(keys, i + 1) : undefined;
    if (object) {
      afterCount = object;
      i = object.next;
      next = i < n ? AFTER_ACTIVITY.get(keys[i] ?? '') : undefined;
    }
  }
  // "2 mtgs booked" is detail of calls (a note), not meetings held.
  if (word.type === 'meeting' && (count || afterCount) && next === BOOKED && i + 1 === n) return false;
  let end = n;
  const corrected = n - i >= 2 ? correctedFrom(keys, n) : undefined;
  if (corrected) end = corrected.start;
  const trailing = readTrailingCount(keys, end, i);
  if (trailing) end = trailing.start;

  let dealFrom = -1;
  let prepared = false;
  let list: string[] | undefined;
  if (i < end) {
    const key = keys[i] ?? '';
    prepared = next === PREPOSITION;
    const at = prepared ? i + 1 : i;
    if ((words[at] ?? '').charCodeAt(0) === 40) list = dealList(clause, at, end);
    if (prepared || key.charCodeAt(0) === 64) dealFrom = at;
    else if ((word.verb && !afterCount) || (isUpperStart(words[i]) && !startsExplicitCount(keys, i))) dealFrom = i;
  }
  // "sent proposal to Aperture 24,000": a number with thousands separators after the deal is its amount.
  if (cents === undefined && dealFrom >= 0 && end - 1 > dealFrom && looksNumeric(keys[end - 1] ?? '')) {
    const money = groupedAmount(keys[end - 1] ?? '');
    if (money?.problem) {
      reject(reading, source, money.problem);
      return true;
    }
    if (money) {
      cents = money.cents;
      end -= 1;
    }
  }
  if (word.meal) {
    // "had lunch" is not a meeting, "lunch with Acme" and "2 client lunches" are; "lunch with mom" is not.
    if (prepared && isPersonal(keys, dealFrom)) return false;
  }
  afterMark.anchored = false;
  beforeMark.anchored = false;
  const after = dealFrom >= 0 && list === undefined ? dealName(clause, dealFrom, end, afterMark) : undefined;
  const before = leadingDeal(clause, s, leadTo, reading, beforeMark) ?? leadingDeal(clause, middleFrom, t, reading, beforeMark);
  // On its own a meal needs a number, a business word or a deal: "had a lovely lunch" is not a meeting.
  if (word.meal && !prepared && !afterCount && before === undefined) {
    if (!(count && startsExplicitCount(keys, leadTo)) && !hasBusinessWord(keys, s, t)) return false;
  }
  // "Bob called Acme": a verb's object is the deal; "Acme call with Bob": a noun's deal comes first.
  const useAfter = after !== undefined && (word.verb || before === undefined);
  const deal = useAfter ? after : before;
  const clearly = useAfter ? prepared || afterMark.anchored || keys[dealFrom]?.charCodeAt(0) === 64 : beforeMark.anchored;

  const explicit = count ?? afterCount;
  if (explicit && trailing) {
    reject(reading, source, `that has two counts; say it once, like "3 ${PLURAL_NAMES[word.type]}"`);
    return true;
  }
  const read = explicit ?? trailing?.read;
  if (read?.problem) {
    reject(reading, source, read.problem);
    return true;
  }
  if (read?.vague || (!read && word.plural && list === undefined && !correcting)) {
    reject(reading, source, `how many? Give a number, like "3 ${PLURAL_NAMES[word.type]}"`);
    return true;
  }
  if (correcting || corrected) {
    const item: TCorrectionItem = { kind: 'correction', type: word.type, count: read ? read.value : 1, source };
    if (corrected) item.was = corrected.was;
    emit(reading, item);
    return true;
  }
  if (list !== undefined) return emitForDeals(reading, clause, word.type, read, list, stage, cents);
  const item: TActivityItem = { kind: 'activity', type: word.type, count: read ? read.value : 1, source };
  if (deal !== undefined) {
    item.deal = deal;
    item.dealNaming = clearly ? 'clearly' : 'loosely';
  }
  if (stage !== undefined) item.stage = stage;
  if (cents !== undefined) item.amountCents = cents;
  emitActivity(reading, item);
  // "called Acme, Globex, Initech": the names after a verb's object are more objects (see readAddedDeal).
  if (useAfter && word.verb && reading.range === undefined) reading.verbObject = reading.lastActivity;
  return true;
}

/**
 * "2 demos (Acme, Globex)": one item per deal. As many as the deals, or none said, is one each; a multiple
 * is shared equally; any other count is a question back, since guessing would put activity on the wrong deal.
 */
function emitForDeals(
  reading: TReading,
  clause: TClause,
  type: TActivityType,
  read: TCountRead | undefined,
  deals: readonly string[],
  stage: string | undefined,
  cents: number | undefined,
): true {
  const total = read ? read.value : deals.length;
  if (total % deals.length !== 0) {
    const example = `2 ${PLURAL_NAMES[type]} with ${deals[0]}, 1 with ${deals[1] ?? deals[0]}`;
    reject(reading, clause.source, `${countedName(type, total)} for ${deals.length} deals: say how many each, like "${example}"`);
    return true;
  }
  const each = total / deals.length;
  const naming: TDealNaming = 'clearly';
  for (const deal of deals) {
    const item: TActivityItem = { kind: 'activity', type, count: each, source: clause.source, deal, dealNaming: naming };
    if (stage !== undefined) item.stage = stage;
    // An amount said once for several deals belongs to none of them in particular.
    if (cents !== undefined && deals.length === 1) item.amountCents = cents;
    emitActivity(reading, item);
  }
  return true;
}

/**
 * A bare count after another activity takes its type: "4 calls yesterday and 2 today", "3 calls mon, 2 tue",
 * "2 demos with Acme, 1 with Globex".
 */
export function readBareCount(clause: TClause, reading: TReading): boolean {
  const last = reading.lastActivity;
  const { keys, source } = clause;
  if (last === undefined || !startsExplicitCount(keys, 0)) return false;
  const read = readCount(keys, 0);
  if (!read || read.vague) return false;
  const n = keys.length;
  if (read.next < n && !PREPOSITIONS.has(keys[read.next] ?? '')) return false;
  if (read.problem) {
    reject(reading, source, read.problem);
    return true;
  }
  const item: TActivityItem = { kind: 'activity', type: last.type, count: read.value, source };
  const deal = read.next < n ? dealName(clause, read.next + 1, n) : undefined;
  if (deal !== undefined) {
    item.deal = deal;
    item.dealNaming = 'clearly';
  }
  emitActivity(reading, item);
  return true;
}

/**
 * "2 demos with Acme and Globex": the message was cut at "and", leaving a bare name after an activity whose
 * deal was named clearly in the piece before. The name joins that activity's deals, shared as in
 * "2 demos (Acme, Globex)": one each when the count is no more than the deals, an equal share of a multiple,
 * else a question back.
 */
export function readAddedDeal(clause: TClause, reading: TReading): boolean {
  const last = reading.lastActivity;
  const { words, keys } = clause;
  if (last === undefined || last.spread || last.source === clause.source) return false;
  // A deal named clearly, or the object of a verb ("called Acme, Globex"): the new items are named alike.
  const naming = last.dealNaming;
  if (naming !== 'clearly' && !(naming === 'loosely' && reading.verbObject === last)) return false;
  if (keys.length > 3 || !isUpperStart(words[0]) || hasTypeWord(keys, 0, keys.length) || startsCount(keys, 0)) return false;
  if (isCompanySuffix(keys)) return false;
  const name = dealName(clause, 0, keys.length);
  if (name === undefined) return false;
  // The items of that activity's piece: "demos with Acme" (one), or "… and Globex" already added (several).
  const items = reading.items;
  let from = items.length;
  while (from > 0) {
    const item = items[from - 1];
    if (item?.kind !== 'activity' || item.source !== last.source || item.type !== last.type || item.dealNaming !== naming) break;
    from--;
  }
  if (from === items.length) return false;
  // One more deal is one more item: a message already at its item limit logs no more (said with the rest left out).
  if (items.length >= MAX_ITEMS) {
    (reading.overflow ??= []).push(clause.source);
    return true;
  }
  const previous = items.splice(from) as TActivityItem[];
  const deals = [...previous.map((item) => item.deal ?? ''), name];
  const total = previous.reduce((sum, item) => sum + item.count, 0);
  const each = total <= deals.length ? 1 : total / deals.length;
  const source = `${last.source} and ${clause.source}`;
  if (!Number.isInteger(each)) {
    const example = `2 ${PLURAL_NAMES[last.type]} with ${deals[0]}, 1 with ${deals[1]}`;
    reject(reading, source, `${countedName(last.type, total)} for ${deals.length} deals: say how many each, like "${example}"`);
    reading.lastActivity = undefined;
    return true;
  }
  for (const deal of deals) {
    const { amountCents: _shared, ...rest } = previous[0]!;
    // Re-emitted as they were (their day included), one per deal, under the source that names them all.
    const item: TActivityItem = { ...rest, count: each, deal, dealNaming: naming, source: last.source };
    // "demo with Acme and Globex yesterday": a day said after the last name is the whole list's.
    if (reading.when !== undefined) item.when = reading.when;
    items.push(item);
  }
  const added = items[items.length - 1] as TActivityItem;
  if (reading.verbObject === last) reading.verbObject = added;
  reading.lastActivity = added;
  reading.last = added;
  reading.emittedAt = reading.clause;
  return true;
}

function isCompanySuffix(keys: readonly string[]): boolean {
  if (keys.length > 2) return false;
  for (let i = 0; i < keys.length; i++) if (!COMPANY_SUFFIXES.has(keys[i] ?? '')) return false;
  return keys.length > 0;
}

/**
 * "email to Aperture, Inc.": the message was cut at the comma, leaving a company suffix that belongs to the
 * deal named just before (in the previous piece). It joins that deal's name; it is never a deal of its own.
 */
export function readCompanySuffix(clause: TClause, reading: TReading): boolean {
  const { words, keys, source } = clause;
  if (!isCompanySuffix(keys)) return false;
  const last = reading.last;
  const items = reading.items;
  if (last === undefined || reading.emittedAt !== reading.clause - 1 || items[items.length - 1] !== last) return false;
  const deal = 'deal' in last ? last.deal : undefined;
  if (deal === undefined) return false;
  const named = `${deal}, ${trimName(words.join(' '))}`;
  const was = last.source;
  // Every item of that piece on that deal ("demo with Acme and Globex, Inc": only Globex's).
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k] as TGrammarItem;
    if (item.source !== was || !('deal' in item) || item.deal !== deal) break;
    if (named.length <= MAX_DEAL_CHARS) item.deal = named;
    item.source = `${was}, ${source}`;
  }
  reading.emittedAt = reading.clause;
  return true;
}
