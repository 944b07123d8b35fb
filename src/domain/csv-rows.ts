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
const quota = integer(0, 1_000_000);
const outcome = oneOf(['open', 'won', 'lost'] as const);
const count = integer(MIN_COUNT, MAX_COUNT);

export const ZPersonRow = z
  .object({ slack_user_id: cell, name: cell, email: cell, role: cell, manager: cell, tz: cell, quota: cell })
  .transform((row, ctx) => {
    const before = ctx.issues.length;
    const value = {
      slack_user_id: required(row.slack_user_id, 'slack_user_id', slackUserId, ctx),
      name: required(row.name, 'name', text, ctx),
      email: optional(row.email, 'email', email, null, ctx),
      role: optional<TRole, TRole>(row.role, 'role', role, 'rep', ctx),
      manager: optional(row.manager, 'manager', personRef, null, ctx),
      tz: required(row.tz, 'tz', zone, ctx),
      quota: optional(row.quota, 'quota', quota, null, ctx),
    };
    return ctx.issues.length > before ? z.NEVER : value;
  });
export type TPersonCsvRow = z.output<typeof ZPersonRow>;

export const ZDealRow = z
  .object({ deal_id: cell, rep: cell, name: cell, amount: cell, created_at: cell, furthest_stage: cell, outcome: cell, closed_at: cell })
  .transform((row, ctx) => {
    const before = ctx.issues.length;
    const value = {
      deal_id: required(row.deal_id, 'deal_id', text, ctx),
      rep: required(row.rep, 'rep', personRef, ctx),
      name: required(row.name, 'name', text, ctx),
      amount: optional(row.amount, 'amount', amountCents, null, ctx),
      created_at: required(row.created_at, 'created_at', instant, ctx),
      furthest_stage: required(row.furthest_stage, 'furthest_stage', stageRef, ctx),
      outcome: required(row.outcome, 'outcome', outcome, ctx),
      closed_at: optional(row.closed_at, 'closed_at', instant, null, ctx),
    };
    if (value.outcome === 'open' && value.closed_at) ctx.addIssue('closed_at must be empty for an open deal');
    if ((value.outcome === 'won' || value.outcome === 'lost') && !value.closed_at) {
      ctx.addIssue(`closed_at is required for a ${value.outcome} deal`);
    }
    return ctx.issues.length > before ? z.NEVER : value;
  });
export type TDealCsvRow = z.output<typeof ZDealRow>;

export const ZActivityRow = z
  .object({ occurred_at: cell, rep: cell, type: cell, count: cell, deal_id: cell, stage: cell })
  .transform((row, ctx) => {
    const before = ctx.issues.length;
    const value = {
      occurred_at: required(row.occurred_at, 'occurred_at', instant, ctx),
      rep: required(row.rep, 'rep', personRef, ctx),
      type: required(row.type, 'type', activityType, ctx),
      count: optional(row.count, 'count', count, 1, ctx),
      deal_id: optional(row.deal_id, 'deal_id', text, null, ctx),
      stage: optional(row.stage, 'stage', stageRef, null, ctx),
    };
    return ctx.issues.length > before ? z.NEVER : value;
  });
export type TActivityCsvRow = z.output<typeof ZActivityRow>;
