/**
 * Dates as CRMs export them: ISO-8601 always; `3/14/2024`, `14.03.2024 10:30`, `3/4/2024, 9:05 AM`
 * through `--date-format` or, when only one reading is possible, without it. Pure.
 */
import { DateTime } from 'luxon';
import { parseCsvInstant, type TCsvInstant } from './csv-rows';

/** Reads one cell: the instant, or a message to follow the column name and the quoted cell. */
export type TDateReader = (text: string) => TCsvInstant | string;

const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:,\s*|\s+|T)(.+))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const ISO_HINT = 'like 2024-03-15 or 2024-03-15T09:30';

/** The `--date-format` values SPEC §6 names (upper-case style) in luxon's tokens; luxon tokens pass as they are. */
export function luxonFormat(format: string): string {
  return /[YD]/.test(format) ? format.replace(/Y/g, 'y').replace(/D/g, 'd') : format;
}

/** A problem with a `--date-format` value, or undefined when it can read dates. */
export function checkDateFormat(format: string): string | undefined {
  const tokens = luxonFormat(format);
  if (!/y/.test(tokens) || !/M|L/.test(tokens) || !/d/.test(tokens)) {
    return `--date-format '${format}' must name the year, month and day, like MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or luxon's MM/dd/yyyy`;
  }
  return undefined;
}

type TOrder = 'dmy' | 'mdy';

/**
 * A reader for one import. With a format, every non-ISO date must follow it (a numeric format like
 * `MM/dd/yyyy` also takes `3/4/2024`, as spreadsheets write it, and a time after the date). Without
 * one, `14/3/2024` and `3/14/2024` are read the only way they can be, `14.03.2024` day first, and
 * `3/4/2024` is refused with the flag to pass; a file that writes the day first on one line and the
 * month first on another is refused too.
 */
export function createDateReader(format?: string): TDateReader {
  if (format === undefined) return detectingReader();
  const tokens = luxonFormat(format);
  const numeric = /^(d{1,2}|M{1,2}|y{2,4})([/.-])(d{1,2}|M{1,2}|y{2,4})\2(d{1,2}|M{1,2}|y{2,4})$/.exec(tokens);
  const order = numeric ? [numeric[1]![0], numeric[3]![0], numeric[4]![0]].join('') : '';
  if (order === 'dMy' || order === 'Mdy' || order === 'yMd') {
    return (text) => parseCsvInstant(text) ?? readNumeric(text, order) ?? `is not a date in the format ${format} (--date-format)`;
  }
  const withTimes = [tokens, `${tokens} H:mm`, `${tokens} H:mm:ss`, `${tokens} h:mm a`, `${tokens}, h:mm a`];
  return (text) => {
    const iso = parseCsvInstant(text);
    if (iso) return iso;
    for (const f of withTimes) {
      const parsed = DateTime.fromFormat(text, f, { zone: 'UTC', locale: 'en-US' });
      if (parsed.isValid && parsed.year >= 1970 && parsed.year <= 2100) return { wallMs: parsed.toMillis(), offsetMinutes: null };
    }
    return `is not a date in the format ${format} (--date-format)`;
  };
}

function detectingReader(): TDateReader {
  // The first line that could only be read one way decides for the file; the line is not kept (messages name the other).
  let seen: TOrder | null = null;
  return (text) => {
    const iso = parseCsvInstant(text);
    if (iso) return iso;
    const m = NUMERIC_DATE.exec(text);
    if (!m) return `is not an ISO-8601 date or time (${ISO_HINT}); for another format pass --date-format, e.g. MM/DD/YYYY`;
    const a = Number(m[1]);
    const b = Number(m[3]);
    let order: TOrder | null;
    if (m[2] === '.') order = 'dmy';
    else if (a > 12 && b <= 12) order = 'dmy';
    else if (b > 12 && a <= 12) order = 'mdy';
    else if (a === b) order = seen ?? 'mdy';
    else order = null;
    if (order === null) {
      return `could be ${monthName(b)} ${a} or ${monthName(a)} ${b}: pass --date-format MM/DD/YYYY (month first, as US exports write dates) or --date-format DD/MM/YYYY`;
    }
    if (seen !== null && seen !== order && a !== b) {
      return `reads as ${order === 'dmy' ? 'day' : 'month'} first, but an earlier line reads as ${seen === 'dmy' ? 'day' : 'month'} first: pass --date-format`;
    }
    if (a !== b) seen = order;
    return readNumeric(text, order === 'dmy' ? 'dMy' : 'Mdy') ?? `is not a valid date (${ISO_HINT})`;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function monthName(n: number): string {
  return MONTHS[n - 1] ?? String(n);
}

/** `3/14/2024`, `14.03.24 10:30`, `3/4/2024, 9:05 PM` in the given field order; undefined when it is not one. */
function readNumeric(text: string, order: 'dMy' | 'Mdy' | 'yMd'): TCsvInstant | undefined {
  const m = order === 'yMd' ? /^(\d{4}|\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?:(?:,\s*|\s+|T)(.+))?$/.exec(text) : NUMERIC_DATE.exec(text);
  if (!m) return undefined;
  const parts = [m[1]!, m[3]!, m[4]!];
  const field = (c: string) => parts[order.indexOf(c)]!;
  let year = Number(field('y'));
  if (field('y').length === 2) year += year < 70 ? 2000 : 1900;
  const month = Number(field('M'));
  const day = Number(field('d'));
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (m[5] !== undefined) {
    const t = TIME.exec(m[5].trim());
    if (!t) return undefined;
    hour = Number(t[1]);
    minute = Number(t[2]);
    second = Number(t[3] ?? 0);
    if (t[4]) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (t[4].toLowerCase() === 'p' ? 12 : 0);
    }
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wallMs);
  // Date.UTC rolls 31 April over to 1 May: such a date does not exist.
  if (year < 1970 || year > 2100 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return { wallMs, offsetMinutes: null };
}
