/**
 * Row schemas of the CSV import (SPEC §6): raw string cells in, typed values out, and messages a
 * human understands, each naming its column. A cell is `undefined` when its column is absent
 * from the file, which the import reads as "keep what is stored".
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { parseAmount, type TAmount } from './csv-amount';
import type { TDateReader } from './csv-dates';
import { ACTIVITY_TYPES, MAX_COUNT, MIN_COUNT, ROLES, type TActivityType, type TRole } from './types';

/** A timestamp as written: its wall-clock time (epoch ms read as if UTC) and its offset when the text gives one. */
export type TCsvInstant = { wallMs: number; offsetMinutes: number | null };

/**
 * The required and optional columns of each kind of file; other columns are ignored. A people file
 * needs `slack_user_id` or `email` (looked up in Slack); a deals file may also have `entered_<stage>`.
 */
export const CSV_COLUMNS = {
  people: { required: ['name'], optional: ['slack_user_id', 'email', 'role', 'manager', 'tz', 'quota'] },
  deals: {
    required: ['deal_id', 'rep', 'furthest_stage'],
    optional: ['name', 'amount', 'currency', 'created_at', 'outcome', 'closed_at'],
  },
  activities: { required: ['occurred_at', 'rep', 'type'], optional: ['count', 'deal_id', 'stage'] },
} as const;

/** Quotes a cell for a message, shortened so that a 5,000-character cell does not flood the report. */
export function shown(value: string): string {
  return value.length > 40 ? `'${value.slice(0, 39)}…'` : `'${value}'`;
}

/** What a cell parser returns instead of a value: the end of a message that starts with the column name. */
class Bad {
  constructor(readonly message: string) {}
}

type TParse<T> = (cell: string) => T | Bad;

// Years outside this range are data errors in practice (Excel's day zero is 1899-12-30).
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads an ISO-8601 date or timestamp. The shapes exports use (`2024-03-15`, `2024-03-15T09:30`,
 * `…:00.000`, `…Z`, `…-05:00`, a space for the `T`) are read by hand, as this runs for every row;
 * the rest of ISO-8601 goes through luxon.
 */
export function parseCsvInstant(text: string): TCsvInstant | undefined {
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return parseIsoWithLuxon(text);
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let at = 10;
  if (at < text.length) {
    const sep = text[at];
    h = digits(text, 11, 2);
    mi = digits(text, 14, 2);
    if ((sep !== 'T' && sep !== 't' && sep !== ' ') || h < 0 || mi < 0 || text[13] !== ':') return parseIsoWithLuxon(text);
    at = 16;
    if (text[at] === ':') {
      sec = digits(text, 17, 2);
      if (sec < 0) return undefined;
      at = 19;
      if (text[at] === '.' || text[at] === ',') {
        const from = ++at;
        while (at < text.length && at - from < 9 && digits(text, at, 1) >= 0) at++;
        if (at === from) return undefined;
        ms = Math.floor(Number(`0.${text.slice(from, at)}`) * 1000);
      }
    }
    while (text[at] === ' ') at++;
  }
  const offsetMinutes = at < text.length ? parseOffset(text.slice(at)) : null;
  if (offsetMinutes === undefined) return parseIsoWithLuxon(text);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]!) return undefined;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  return { wallMs: Date.UTC(y, mo - 1, d, h, mi, sec, ms), offsetMinutes };
}

/** The number written with `length` ASCII digits at `from`, or -1. */
function digits(text: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `Z`, `±HH`, `±HHMM` or `±HH:MM` in minutes east of UTC; undefined when it is none of these. */
function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : text[0] === '+' ? 1 : 0;
  const hours = digits(text, 1, 2);
  const minutes = text.length === 3 ? 0 : digits(text, text[3] === ':' ? 4 : 3, 2);
  const length = text.length === 3 ? 3 : text[3] === ':' ? 6 : 5;
  if (sign === 0 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || text.length !== length) return undefined;
  return sign * (hours * 60 + minutes);
}

/** Rarer ISO shapes (week dates, basic format). Reading twice in two zones tells whether the text had an offset. */
function parseIsoWithLuxon(text: string): TCsvInstant | undefined {
  const inUtc = DateTime.fromISO(text, { zone: 'UTC' });
  if (!inUtc.isValid || inUtc.year < MIN_YEAR || inUtc.year > MAX_YEAR) return undefined;
  const elsewhere = DateTime.fromISO(text, { zone: 'Etc/GMT+5' });
  const absolute = elsewhere.toMillis() === inUtc.toMillis();
  return { wallMs: inUtc.toMillis(), offsetMinutes: absolute ? 0 : null };
}

/** Options of one import that change how cells read: the `--date-format` reader and `--decimal-comma`. */
export type TCsvReadOptions = { readDate: TDateReader; decimalComma?: boolean };

function instantWith(readDate: TDateReader): TParse<TCsvInstant> {
  return (cell) => {
    const read = readDate(cell);
    return typeof read === 'string' ? new Bad(`${shown(cell)} ${read}`) : read;
  };
}

/** Canonical zone names by what was written, or null for none: each check builds an Intl formatter (~100 µs). */
const zones = new Map<string, string | null>();

/** The canonical spelling of an IANA zone name (Intl accepts any casing), or undefined when it is not one. */
export function canonicalZone(name: string): string | undefined {
  let canonical = zones.get(name);
  if (canonical === undefined) {
    canonical = IANAZone.isValidZone(name) ? new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone : null;
    zones.set(name, canonical);
  }
  return canonical ?? undefined;
}

const zone: TParse<string> = (cell) => canonicalZone(cell) ?? new Bad(`${shown(cell)} is not an IANA time zone (like America/New_York)`);

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// "Ana Ortiz (ana@example.com)", as some CRMs write an owner.
const NAME_WITH_EMAIL = /^.*\(\s*([^\s@()]+@[^\s@()]+\.[^\s@()]+)\s*\)$/;

/** Slack ids are upper case; `u024be7lh` is accepted as a typo of `U024BE7LH` (tested as written first: no copy per row). */
export function asSlackUserId(cell: string): string | undefined {
  if (SLACK_USER_ID.test(cell)) return cell;
  const id = cell.toUpperCase();
  return SLACK_USER_ID.test(id) ? id : undefined;
}

const slackUserId: TParse<string> = (cell) => asSlackUserId(cell) ?? new Bad(`${shown(cell)} is not a Slack user id (like U024BE7LH)`);

const email: TParse<string> = (cell) => (EMAIL.test(cell) ? cell : new Bad(`${shown(cell)} is not an e-mail address`));

/**
 * A reference to a person: an e-mail (lower-cased, as e-mails are matched), else the cell as written —
 * a Slack user id or a full name, told apart when it is looked up (`UMA` may be either).
 */
const personRef: TParse<string> = (cell) => {
  if (!cell.includes('@')) return cell;
  if (EMAIL.test(cell)) return cell.toLowerCase();
  const inside = NAME_WITH_EMAIL.exec(cell);
  return inside ? inside[1]!.toLowerCase() : new Bad(`${shown(cell)} is not an e-mail address`);
};

/** One of a few words, case-insensitively; `plurals` also accepts `calls` for `call`, as CRM exports label types. */
function oneOf<T extends string>(values: readonly T[], plurals = false): TParse<T> {
  const accepted = new Map<string, T>(values.map((v) => [v, v]));
  if (plurals) for (const v of values) accepted.set(`${v}s`, v);
  return (cell) => accepted.get(cell) ?? accepted.get(cell.toLowerCase()) ?? new Bad(`${shown(cell)} is not one of ${values.join(', ')}`);
}

const activityType = oneOf<TActivityType>(ACTIVITY_TYPES, true);

function integer(min: number, max: number): TParse<number> {
  return (cell) => {
    if (!/^-?\d+$/.test(cell)) return new Bad(`${shown(cell)} is not a whole number`);
    const n = Number(cell);
    return n < min || n > max ? new Bad(`${cell} is outside ${min}–${max}`) : n;
  };
}

function amountWith(decimalComma: boolean | undefined): TParse<TAmount> {
  return (cell) => {
    const read = parseAmount(cell, decimalComma);
    return typeof read === 'string' ? new Bad(`${shown(cell)} ${read}`) : read;
  };
}

const currencyCode: TParse<string> = (cell) => (/^[A-Za-z]{3}$/.test(cell) ? cell.toUpperCase() : new Bad(`${shown(cell)} is not a currency code (like USD or EUR)`));

const text: TParse<string> = (cell) => cell;

/** A stage as a CRM may write it: case, spaces, `_` and `-` folded (`Closed-Won`, `closed_won`, `Closed Won`). */
export function stageRefKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}
// Kept as written for messages; `stageMatcher` folds case and spacing.
const stageRef: TParse<string> = (cell) => cell;

// Outcomes as CRMs write them: Pipedrive's status, a Salesforce-style "Closed Won" in an outcome column.
const OUTCOMES = new Map<string, 'open' | 'won' | 'lost'>([
  ['open', 'open'], ['won', 'won'], ['lost', 'lost'], ['closed won', 'won'], ['closed lost', 'lost'], ['closedwon', 'won'], ['closedlost', 'lost'],
]);
const outcome: TParse<'open' | 'won' | 'lost'> = (cell) => {
  const key = stageRefKey(cell);
  const value = OUTCOMES.get(key);
  if (value) return value;
  if (key === 'deleted') return new Bad(`${shown(cell)}: a deleted deal cannot be imported (leave it out of the export)`);
  return new Bad(`${shown(cell)} is not one of open, won, lost`);
};

/** Raw cells by column name; a column absent from the file has no cell. */
const cell = z.string().optional();
type TCtx = z.core.$RefinementCtx;

// One transform per row rather than one per cell: per-cell pipes cost zod more than all the parsing.
/** A cell whose column must be present and whose value must not be empty. */
function required<T>(raw: string | undefined, column: string, parse: TParse<T>, ctx: TCtx): T {
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '') return fail(ctx, `${column} is required`);
  const value = parse(trimmed);
  return value instanceof Bad ? fail(ctx, `${column} ${value.message}`) : value;
}

/** A cell that may be empty (then `fallback`), or whose column may be absent (then `undefined`: keep what is stored). */
function optional<T, F>(raw: string | undefined, column: string, parse: TParse<T>, fallback: F, ctx: TCtx): T | F | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return fallback;
  const value = parse(trimmed);
  return value instanceof Bad ? fail(ctx, `${column} ${value.message}`) : value;
}

/** Records the problem; the row's transform returns `z.NEVER` once it has any, so the placeholder is never seen. */
function fail(ctx: TCtx, message: string): never {
  ctx.addIssue(message);
  return undefined as never;
}

const role = oneOf(ROLES);
// Deals won a quarter, or for a revenue workspace whole currency units a quarter: up to a billion.
const MAX_QUOTA = 1_000_000_000;
const wholeQuota = integer(0, MAX_QUOTA);

/** A quota: a whole number, or (revenue) an amount written as a CRM writes it ('$120,000', 'USD 120,000.00'), in whole units. */
const quota: TParse<number> = (cell) => {
  if (/^-?\d+$/.test(cell)) return wholeQuota(cell);
  const read = parseAmount(cell);
  if (typeof read === 'string' || read.cents % 100 !== 0) return new Bad(`${shown(cell)} is not a whole number`);
  const units = read.cents / 100;
  return units > MAX_QUOTA ? new Bad(`${cell} is outside 0–${MAX_QUOTA}`) : units;
};
const count = integer(MIN_COUNT, MAX_COUNT);

export const ZPersonRow = z
  .object({ slack_user_id: cell, name: cell, email: cell, role: cell, manager: cell, tz: cell, quota: cell })
  .transform((row, ctx) => {
    const before = ctx.issues.length;
    const value = {
      // Empty: looked up in Slack by e-mail (the importer says when it cannot be).
      slack_user_id: optional(row.slack_user_id, 'slack_user_id', slackUserId, null, ctx) ?? null,
      name: required(row.name, 'name', text, ctx),
      email: optional(row.email, 'email', email, null, ctx),
      role: optional<TRole, TRole>(row.role, 'role', role, 'rep', ctx),
      manager: optional(row.manager, 'manager', personRef, null, ctx),
      // Empty: the zone Slack gives with the e-mail lookup, else required.
      tz: optional(row.tz, 'tz', zone, null, ctx) ?? null,
      quota: optional(row.quota, 'quota', quota, null, ctx),
    };
    if (value.slack_user_id === null && !value.email && ctx.issues.length === before) ctx.addIssue('slack_user_id or email is required');
    return ctx.issues.length > before ? z.NEVER : value;
  });
export type TPersonCsvRow = z.output<typeof ZPersonRow>;

/**
 * The deals schema of one import. Cells are read as CRMs write them; what needs the workspace (the
 * rep, the stage, the outcome a stage implies) is the importer's. `entered`: the stage-entered date
 * columns' cells, in the order of `enteredColumns`.
 */
export function dealRowSchema(options: TCsvReadOptions, enteredColumns: readonly string[] = []) {
  const date = instantWith(options.readDate);
  const amount = amountWith(options.decimalComma);
  return z
    .object({
      deal_id: cell, rep: cell, name: cell, amount: cell, currency: cell, created_at: cell, furthest_stage: cell, outcome: cell, closed_at: cell,
      entered: z.array(z.string()).optional(),
    })
    .transform((row, ctx) => {
      const before = ctx.issues.length;
      const value = {
        deal_id: required(row.deal_id, 'deal_id', text, ctx),
        rep: required(row.rep, 'rep', personRef, ctx),
        name: optional(row.name, 'name', text, null, ctx),
        amount: optional(row.amount, 'amount', amount, null, ctx),
        currency: optional(row.currency, 'currency', currencyCode, null, ctx),
        created_at: optional(row.created_at, 'created_at', date, null, ctx),
        furthest_stage: required(row.furthest_stage, 'furthest_stage', stageRef, ctx),
        outcome: optional(row.outcome, 'outcome', outcome, null, ctx),
        closed_at: optional(row.closed_at, 'closed_at', date, null, ctx),
        entered: enteredColumns.map((column, i) => optional(row.entered?.[i] ?? '', column, date, null, ctx) ?? null),
      };
      return ctx.issues.length > before ? z.NEVER : value;
    });
}
export type TDealCsvRow = z.output<Awaited<ReturnType<typeof dealRowSchema>>>;

/** The activities schema of one import. */
export function activityRowSchema(options: TCsvReadOptions) {
  const date = instantWith(options.readDate);
  return z
    .object({ occurred_at: cell, rep: cell, type: cell, count: cell, deal_id: cell, stage: cell })
    .transform((row, ctx) => {
      const before = ctx.issues.length;
      const value = {
        occurred_at: required(row.occurred_at, 'occurred_at', date, ctx),
        rep: required(row.rep, 'rep', personRef, ctx),
        type: required(row.type, 'type', activityType, ctx),
        count: optional(row.count, 'count', count, 1, ctx),
        deal_id: optional(row.deal_id, 'deal_id', text, null, ctx),
        stage: optional(row.stage, 'stage', stageRef, null, ctx),
      };
      return ctx.issues.length > before ? z.NEVER : value;
    });
}
export type TActivityCsvRow = z.output<Awaited<ReturnType<typeof activityRowSchema>>>;
