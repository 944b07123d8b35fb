/**
 * Row schemas of the CSV import (SPEC §6): raw string cells in, typed values out, and messages a
 * human understands, each naming its column. A cell is `undefined` when its column is absent
 * from the file, which the import reads as "keep what is stored".
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ACTIVITY_TYPES, MAX_COUNT, MIN_COUNT, ROLES, type TActivityType, type TRole } from './types';

/** A timestamp as written: its wall-clock time (epoch ms read as if UTC) and its offset when the text gives one. */
export type TCsvInstant = { wallMs: number; offsetMinutes: number | null };

/** The columns of each kind of file; the others are optional and unknown ones are ignored. */
export const CSV_COLUMNS = {
  people: { required: ['slack_user_id', 'name', 'tz'], optional: ['email', 'role', 'manager', 'quota'] },
  deals: {
    required: ['deal_id', 'rep', 'name', 'created_at', 'furthest_stage', 'outcome'],
    optional: ['amount', 'closed_at'],
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
const ISO_FAST = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads an ISO-8601 date or timestamp; the common shapes take a fast path, the rest go through luxon. */
export function parseCsvInstant(text: string): TCsvInstant | undefined {
  const m = ISO_FAST.exec(text);
  if (!m) return parseIsoWithLuxon(text);
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) => (p === undefined ? undefined : +p));
  if (y! < MIN_YEAR || y! > MAX_YEAR || mo! < 1 || mo! > 12 || d! < 1 || d! > DAYS_IN_MONTH[mo! - 1]!) return undefined;
  if (mo === 2 && d === 29 && !(y! % 4 === 0 && (y! % 100 !== 0 || y! % 400 === 0))) return undefined;
  if (h! > 23 || mi! > 59 || s! > 59) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const wallMs = Date.UTC(y!, mo! - 1, d!, h, mi, s, ms);
  return { wallMs, offsetMinutes: m[8] === undefined ? null : parseOffset(m[8]) };
}

function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

/** Rarer ISO shapes (week dates, basic format). Reading twice in two zones tells whether the text had an offset. */
function parseIsoWithLuxon(text: string): TCsvInstant | undefined {
  const inUtc = DateTime.fromISO(text, { zone: 'UTC' });
  if (!inUtc.isValid || inUtc.year < MIN_YEAR || inUtc.year > MAX_YEAR) return undefined;
  const elsewhere = DateTime.fromISO(text, { zone: 'Etc/GMT+5' });
  const absolute = elsewhere.toMillis() === inUtc.toMillis();
  return { wallMs: inUtc.toMillis(), offsetMinutes: absolute ? 0 : null };
}

const instant: TParse<TCsvInstant> = (cell) =>
  parseCsvInstant(cell) ?? new Bad(`${shown(cell)} is not an ISO-8601 date or time (like 2024-03-15 or 2024-03-15T09:30)`);

const zone: TParse<string> = (cell) => {
  if (!IANAZone.isValidZone(cell)) return new Bad(`${shown(cell)} is not an IANA time zone (like America/New_York)`);
  // Intl accepts any casing; store the canonical spelling that the rest of the app compares against.
  return new Intl.DateTimeFormat('en-US', { timeZone: cell }).resolvedOptions().timeZone;
};

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const slackUserId: TParse<string> = (cell) => {
  const id = cell.toUpperCase();
  return SLACK_USER_ID.test(id) ? id : new Bad(`${shown(cell)} is not a Slack user id (like U024BE7LH)`);
};

const email: TParse<string> = (cell) => (EMAIL.test(cell) ? cell : new Bad(`${shown(cell)} is not an e-mail address`));

/** A reference to a person: an e-mail (lower-cased, as emails are matched) or a Slack user id. */
const personRef: TParse<string> = (cell) => {
  if (cell.includes('@')) return EMAIL.test(cell) ? cell.toLowerCase() : new Bad(`${shown(cell)} is not an e-mail address`);
  const id = cell.toUpperCase();
  return SLACK_USER_ID.test(id) ? id : new Bad(`${shown(cell)} is neither a Slack user id (like U024BE7LH) nor an e-mail`);
};

function oneOf<T extends string>(values: readonly T[], aliases: (v: string) => string = (v) => v): TParse<T> {
  return (cell) => {
    const v = aliases(cell.toLowerCase());
    return (values as readonly string[]).includes(v) ? (v as T) : new Bad(`${shown(cell)} is not one of ${values.join(', ')}`);
  };
}

/** Accepts `calls` for `call`: CRM exports label activity types in the plural. */
const activityType = oneOf<TActivityType>(ACTIVITY_TYPES, (v) =>
  v.endsWith('s') && (ACTIVITY_TYPES as readonly string[]).includes(v.slice(0, -1)) ? v.slice(0, -1) : v,
);

function integer(min: number, max: number): TParse<number> {
  return (cell) => {
    if (!/^-?\d+$/.test(cell)) return new Bad(`${shown(cell)} is not a whole number`);
    const n = Number(cell);
    return n < min || n > max ? new Bad(`${cell} is outside ${min}–${max}`) : n;
  };
}

/** Decimal money with an optional `$` and thousands separators, to whole cents (never through floats). */
const amountCents: TParse<number> = (cell) => {
  const plain = cell.replace(/^\$\s*/, '').replace(/,/g, '');
  const m = /^(\d*)(?:\.(\d{1,2}))?$/.exec(plain);
  if (cell.startsWith('-')) return new Bad(`${shown(cell)} is negative`);
  if (!m || (m[1] === '' && m[2] === undefined)) return new Bad(`${shown(cell)} is not an amount (like 12500 or $12,500.00)`);
  const cents = Number(m[1] || 0) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : new Bad(`${shown(cell)} is too large`);
};

const text: TParse<string> = (cell) => cell;
const stageRef: TParse<string> = (cell) => cell.toLowerCase();

/** A cell whose column must be present and whose value must not be empty. */
function required<T>(column: string, parse: TParse<T>) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const cell = raw?.trim() ?? '';
      if (cell === '') return fail(ctx, `${column} is required`);
      const value = parse(cell);
      return value instanceof Bad ? fail(ctx, `${column} ${value.message}`) : value;
    });
}

/** A cell that may be empty (then `fallback`) or whose column may be absent (then `undefined`). */
function optional<T, F = null>(column: string, parse: TParse<T>, fallback: F = null as F) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | F | undefined => {
      if (raw === undefined) return undefined;
      const cell = raw.trim();
      if (cell === '') return fallback;
      const value = parse(cell);
      return value instanceof Bad ? fail(ctx, `${column} ${value.message}`) : value;
    });
}

function fail(ctx: z.core.$RefinementCtx, message: string): never {
  ctx.addIssue(message);
  return z.NEVER;
}

export const ZPersonRow = z.object({
  slack_user_id: required('slack_user_id', slackUserId),
  name: required('name', text),
  email: optional('email', email),
  role: optional<TRole, TRole>('role', oneOf(ROLES), 'rep'),
  manager: optional('manager', personRef),
  tz: required('tz', zone),
  quota: optional('quota', integer(0, 1_000_000)),
});
export type TPersonCsvRow = z.output<typeof ZPersonRow>;

export const ZDealRow = z
  .object({
    deal_id: required('deal_id', text),
    rep: required('rep', personRef),
    name: required('name', text),
    amount: optional('amount', amountCents),
    created_at: required('created_at', instant),
    furthest_stage: required('furthest_stage', stageRef),
    outcome: required('outcome', oneOf(['open', 'won', 'lost'] as const)),
    closed_at: optional('closed_at', instant),
  })
  .superRefine((row, ctx) => {
    if (row.outcome === 'open' && row.closed_at) ctx.addIssue('closed_at must be empty for an open deal');
    if (row.outcome !== 'open' && !row.closed_at) ctx.addIssue(`closed_at is required for a ${row.outcome} deal`);
  });
export type TDealCsvRow = z.output<typeof ZDealRow>;

export const ZActivityRow = z.object({
  occurred_at: required('occurred_at', instant),
  rep: required('rep', personRef),
  type: required('type', activityType),
  count: optional('count', integer(MIN_COUNT, MAX_COUNT), 1),
  deal_id: optional('deal_id', text),
  stage: optional('stage', stageRef),
});
export type TActivityCsvRow = z.output<typeof ZActivityRow>;
