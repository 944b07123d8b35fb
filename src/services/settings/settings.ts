import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { TDb } from '../../../db/client';
import { setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { describeStatus, isAway, type TAwayStatus } from '../../domain/away-status';
import { BRIEF_LEAD_CHOICES, digestSlot, mergePreferences, readPreferences, type TPreferences } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';
import type { TSettingsView } from '../../slack/blocks/view-models/settings';
import { canManageTeam } from '../teams/authorize';
import { getRepCoaching } from '../coaching/get-coaching';
import { listCountries, listRegions } from './holidays';
import { activePause } from './pause';

export type TSettingsField =
  | 'workingDays'
  | 'workStart'
  | 'workEnd'
  | 'briefLeadMinutes'
  | 'digestDay'
  | 'digestTime'
  | 'checkins'
  | 'checkinTime'
  | 'holidayCountry'
  | 'holidayRegion';
export type TSaveSettingsResult = { ok: true; settings: TSettingsView } | { ok: false; errors: Partial<Record<TSettingsField, string>> };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ZTime = z.string({ error: 'Pick a time.' }).regex(HH_MM, 'Pick a time.');
/** A text field left empty is "none"; Slack sends null for it. */
const ZOptionalCode = z
  .string()
  .nullish()
  .transform((text) => (text ?? '').trim());

/**
 * The settings form as submitted. A field that is absent (its block was not in this person's modal) keeps
 * the stored value; a field that is there must be answered (null → an error on it).
 */
export const ZSettingsInput = z
  .object({
    workingDays: z.array(z.number().int().min(1).max(7), { error: 'Pick your working days.' }).min(1, 'Pick at least one working day.'),
    workStart: ZTime,
    workEnd: ZTime,
    briefLeadMinutes: z
      .number({ error: 'Pick how long before each 1:1.' })
      .refine((minutes) => (BRIEF_LEAD_CHOICES as readonly number[]).includes(minutes), 'Pick one of the listed times.')
      .optional(),
    digestDay: z.number({ error: 'Pick a day for your digest.' }).int().min(1, 'Pick a day for your digest.').max(7, 'Pick a day for your digest.').optional(),
    digestTime: ZTime.optional(),
    checkins: z.enum(['auto', 'daily', 'weekly', 'off'], { error: 'Pick how often you want check-ins.' }).optional(),
    checkinTime: ZTime.optional(),
    holidayCountry: ZOptionalCode.optional(),
    holidayRegion: ZOptionalCode.optional(),
  })
  .refine((input) => input.workEnd > input.workStart, { path: ['workEnd'], message: 'Your working day has to end after it starts.' });
export type TSettingsInput = z.input<typeof ZSettingsInput>;

/** The person's settings as the modal shows them (defaults for anything unset), as of `now`. */
export function getSettings(db: TDb, person: TPersonRow, now: Date = new Date()): TSettingsView {
  const preferences = readPreferences(person.preferences);
  const slot = digestSlot(preferences);
  const tier = getRepCoaching(db, person.id, now)?.tier.tier ?? null;
  const country = preferences.holidayCountry ? findCountry(preferences.holidayCountry) : undefined;
  const region = country && preferences.holidayRegion ? findRegion(country.code, preferences.holidayRegion) : undefined;
  return {
    ...preferences,
    tz: person.tz,
    showsBriefLead: canManageTeam(person),
    showsCoaching: person.role === 'rep' || tier !== null,
    showsDigest: person.role === 'rep' || tier !== null || canManageTeam(person),
    // When the digest actually comes: the default moves into the person's working week.
    digestDay: slot.day,
    digestTime: slot.time,
    tier,
    pausedUntilLabel: activePause(person, now)?.untilLabel ?? null,
    away: awayOf(person, now),
    holidayCountryName: country?.name ?? null,
    holidayRegionName: region?.name ?? null,
  };
}

/**
 * Validates and stores the person's settings, keeping any other stored preference keys (a pause, nudge
 * snoozes). The brief lead is only taken from managers and admins (nobody else gets briefs). Holiday
 * country and region are checked against the holiday calendar, by code or by name.
 */
export function saveSettings(db: TDb, person: TPersonRow, input: unknown, now: Date = new Date()): TSaveSettingsResult {
  const parsed = ZSettingsInput.safeParse(input);
  const errors: Partial<Record<TSettingsField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as TSettingsField | undefined;
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
  }
  const { holidayCountry, holidayRegion } = parsed.success ? parsed.data : ZHolidayOnly.parse(input);
  const holidays = holidayCountry === undefined ? undefined : resolveHolidays(holidayCountry, holidayRegion ?? '');
  if (holidays && !holidays.ok) Object.assign(errors, holidays.errors);
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };

  const { workingDays, workStart, workEnd, briefLeadMinutes, digestDay, digestTime, checkins, checkinTime } = parsed.data;
  const change: Partial<TPreferences> = { workingDays: [...new Set(workingDays)].sort((a, b) => a - b), workStart, workEnd };
  if (briefLeadMinutes !== undefined && canManageTeam(person)) change.briefLeadMinutes = briefLeadMinutes;
  // Only a different day or time than the one shown counts as the person's own choice (which may then fall
  // outside working hours); saving the form as it was keeps the default, which follows the working week.
  const slot = digestSlot(readPreferences(person.preferences));
  if (digestDay !== undefined && digestTime !== undefined && (digestDay !== slot.day || digestTime !== slot.time)) {
    Object.assign(change, { digestDay, digestTime, digestChosen: true });
  }
  if (checkins !== undefined) change.checkins = checkins;
  if (checkinTime !== undefined) change.checkinTime = checkinTime;
  if (holidays?.ok) Object.assign(change, { holidayCountry: holidays.country, holidayRegion: holidays.region });
  const preferences = mergePreferences(person.preferences, change);
  setPreferences(db, person.id, preferences);
  return { ok: true, settings: getSettings(db, { ...person, preferences }, now) };
}

// When the rest of the form is invalid, the holiday fields are still checked, so every problem shows at once.
const ZHolidayOnly = z.looseObject({ holidayCountry: ZOptionalCode.optional().catch(undefined), holidayRegion: ZOptionalCode.optional().catch(undefined) });

type THolidayChoice =
  | { ok: true; country: string | null; region: string | null }
  | { ok: false; errors: Partial<Record<'holidayCountry' | 'holidayRegion', string>> };

// Codes people type that the ISO list spells differently.
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', USA: 'US', UAE: 'AE' };
// What `preferences.holidayRegion` can store; the few longer codes in the calendar data are not offered.
const STORABLE_REGION = /^[A-Z0-9]{1,3}$/;

/** The typed country and region as codes, or which of them is unknown (with examples of what is known). */
function resolveHolidays(countryText: string, regionText: string): THolidayChoice {
  if (countryText === '') {
    if (regionText !== '') return { ok: false, errors: { holidayRegion: 'Enter your country first (a two-letter code like US, GB, DE), then the region.' } };
    return { ok: true, country: null, region: null };
  }
  const country = findCountry(countryText);
  if (!country) return { ok: false, errors: { holidayCountry: `Unknown country code '${clip(countryText)}' — use a two-letter code like US, GB, DE.` } };
  if (regionText === '') return { ok: true, country: country.code, region: null };
  const region = findRegion(country.code, regionText);
  if (region) return { ok: true, country: country.code, region: region.code };
  const known = listRegions(country.code).filter((r) => STORABLE_REGION.test(r.code));
  const message =
    known.length === 0
      ? `${country.name} has no regional holidays in my calendar — leave the region empty.`
      : `Unknown region '${clip(regionText)}' for ${country.name} — use a code like ${known.slice(0, 3).map((r) => r.code).join(', ')}, or leave it empty.`;
  return { ok: false, errors: { holidayRegion: message } };
}

function findCountry(text: string): { code: string; name: string } | undefined {
  const wanted = text.trim().toUpperCase();
  const code = COUNTRY_ALIASES[wanted] ?? wanted;
  const countries = listCountries();
  return countries.find((c) => c.code === code) ?? countries.find((c) => c.name.toUpperCase() === wanted);
}

function findRegion(country: string, text: string): { code: string; name: string } | undefined {
  const wanted = text.trim().toUpperCase();
  const regions = listRegions(country).filter((r) => STORABLE_REGION.test(r.code));
  return regions.find((r) => r.code === wanted) ?? regions.find((r) => r.name.toUpperCase() === wanted);
}

function clip(text: string): string {
  return text.trim().slice(0, 30);
}

/** The person's Slack status while it says they are away at `now`, or null. */
function awayOf(person: TPersonRow, now: Date): TSettingsView['away'] {
  const status: TAwayStatus = { emoji: person.statusEmoji, text: person.statusText, expiresAt: person.statusExpiresAt?.getTime() ?? null };
  if (!isAway(status, DateTime.fromJSDate(now))) return null;
  const untilLabel = person.statusExpiresAt ? formatMeetingTime(DateTime.fromJSDate(person.statusExpiresAt), safeZone(person.tz)) : null;
  return { status: describeStatus(status), untilLabel };
}

function safeZone(tz: string): string {
  return IANAZone.isValidZone(tz) ? tz : 'UTC';
}
