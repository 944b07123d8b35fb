import { z } from 'zod';

/*
 * A person's own settings, stored as JSON in `people.preferences`. Read through zod with `.catch`, so a
 * value written by an older version (or by hand) falls back to the default instead of breaking a job.
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ZTime = z.string().regex(HH_MM);

export const ZPreferences = z.object({
  /** Working days, luxon numbering (1 = Monday … 7 = Sunday). */
  workingDays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .catch([1, 2, 3, 4, 5]),
  workStart: ZTime.catch('09:00'),
  workEnd: ZTime.catch('18:00'),
  /** How long before a 1:1 the manager's brief arrives. */
  briefLeadMinutes: z.number().int().min(15).max(24 * 60).catch(60),
  /** The weekly digest: day (luxon numbering) and local time. */
  digestDay: z.number().int().min(1).max(7).catch(1),
  digestTime: ZTime.catch('09:00'),
  /** True once the person picked the digest's day and time themselves: only then may it fall outside working hours. */
  digestChosen: z.boolean().catch(false),
  /** Check-ins: `auto` follows the tier (daily for focused, weekly for guided and ramping, none for autonomous). */
  checkins: z.enum(['auto', 'daily', 'weekly', 'off']).catch('auto'),
  checkinTime: ZTime.catch('16:30'),
  /** Public holidays: ISO 3166 country (e.g. 'US') and optional region/state (e.g. 'CA'); none when unset. */
  holidayCountry: z.string().regex(/^[A-Z]{2}$/).nullable().catch(null),
  holidayRegion: z.string().regex(/^[A-Z0-9]{1,3}$/).nullable().catch(null),
  /** Nothing unsolicited until this instant (ISO-8601), from `/coach pause`. */
  pausedUntil: z.iso.datetime({ offset: true }).nullable().catch(null),
  /** Nudge kinds snoozed until an instant (ISO-8601), from a nudge's Snooze button. */
  nudgeSnoozes: z.record(z.string(), z.iso.datetime({ offset: true })).catch({}),
  /** Nudge kinds turned off ("Fewer of these"). */
  nudgesOff: z.array(z.string()).catch([]),
});

export type TPreferences = z.infer<typeof ZPreferences>;

export const DEFAULT_PREFERENCES: TPreferences = ZPreferences.parse({});

/** The brief lead times a manager may pick, in minutes (1440 = a day before). */
export const BRIEF_LEAD_CHOICES = [15, 30, 60, 90, 120, 1440] as const;

/**
 * A person's settings with defaults for anything missing or invalid; other keys are kept by `mergePreferences`.
 * `workspaceDefaults` (the workspace's setup: working days and hours, holiday country) stand in for what the
 * person never set.
 */
export function readPreferences(stored: unknown, workspaceDefaults: Partial<TPreferences> = {}): TPreferences {
  const source = stored !== null && typeof stored === 'object' ? stored : {};
  const parsed = ZPreferences.parse({ ...workspaceDefaults, ...source });
  // An end before the start would make every hour "outside working hours": fall back to the defaults.
  if (parsed.workEnd <= parsed.workStart) return { ...parsed, workStart: DEFAULT_PREFERENCES.workStart, workEnd: DEFAULT_PREFERENCES.workEnd };
  return parsed;
}

/** The stored JSON with `change` applied, keeping keys this version does not know. */
export function mergePreferences(stored: unknown, change: Partial<TPreferences>): Record<string, unknown> {
  const base = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return { ...base, ...change };
}

/**
 * When the weekly digest goes out. A time the person picked is kept as it is (they asked for it then); the
 * default (Monday 09:00) moves into their working week: the first working day from Monday on, at 09:00 or
 * their start of day, whichever is later, and no later than 30 minutes before their day ends.
 */
export function digestSlot(preferences: TPreferences): { day: number; time: string } {
  if (preferences.digestChosen) return { day: preferences.digestDay, time: preferences.digestTime };
  const days = preferences.workingDays;
  const day = days.find((d) => d >= preferences.digestDay) ?? days[0] ?? preferences.digestDay;
  const latest = minutesToTime(Math.max(timeToMinutes(preferences.workStart), timeToMinutes(preferences.workEnd) - 30));
  const time = [preferences.digestTime, preferences.workStart].sort().at(-1)!;
  return { day, time: time > latest ? latest : time };
}

const timeToMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const minutesToTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Working hours in the shape the scheduler takes. */
export function workingHoursOf(preferences: TPreferences): { days: number[]; start: string; end: string } {
  return { days: preferences.workingDays, start: preferences.workStart, end: preferences.workEnd };
}
