import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { type TPersonRow } from '../../../db/repositories/people';
import { describeStatus, isAway, type TAwayStatus } from '../../domain/away-status';
import { BRIEF_LEAD_CHOICES } from '../../domain/preferences';
import { formatMeetingTime } from '../../domain/schedule';
import type { TSettingsView } from '../../slack/blocks/view-models/settings';
import { listCountries, listRegions } from './holidays';

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

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const ZTime = z.string({ error: 'Pick a time.' }).regex(HH_MM, 'Pick a time.');

/** A text field left empty is "none"; Slack sends null for it. */
export const ZOptionalCode = z
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

// When the rest of the form is invalid, the holiday fields are still checked, so every problem shows at once.
export const ZHolidayOnly = z.looseObject({ holidayCountry: ZOptionalCode.optional().catch(undefined), holidayRegion: ZOptionalCode.optional().catch(undefined) });

export type THolidayChoice =
  | { ok: true; country: string | null; region: string | null }
  | { ok: false; errors: Partial<Record<'holidayCountry' | 'holidayRegion', string>> };

// Codes people type that the ISO list spells differently.
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', USA: 'US', UAE: 'AE' };

// What `preferences.holidayRegion` can store; the few longer codes in the calendar data are not offered.
export const STORABLE_REGION = /^[A-Z0-9]{1,3}$/;

/** The typed country and region as codes, or which of them is unknown (with examples of what is known). */
export function resolveHolidays(countryText: string, regionText: string): THolidayChoice {
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

export function findCountry(text: string): { code: string; name: string } | undefined {
  const wanted = text.trim().toUpperCase();
  const code = COUNTRY_ALIASES[wanted] ?? wanted;
  const countries = listCountries();
  return countries.find((c) => c.code === code) ?? countries.find((c) => c.name.toUpperCase() === wanted);
}

export function findRegion(country: string, text: string): { code: string; name: string } | undefined {
  const wanted = text.trim().toUpperCase();
  const regions = listRegions(country).filter((r) => STORABLE_REGION.test(r.code));
  return regions.find((r) => r.code === wanted) ?? regions.find((r) => r.name.toUpperCase() === wanted);
}

export function clip(text: string): string {
  return text.trim().slice(0, 30);
}

/** The person's Slack status while it says they are away at `now`, or null. */
export function awayOf(person: TPersonRow, now: Date): TSettingsView['away'] {
  const status: TAwayStatus = { emoji: person.statusEmoji, text: person.statusText, expiresAt: person.statusExpiresAt?.getTime() ?? null };
  if (!isAway(status, DateTime.fromJSDate(now))) return null;
  const untilLabel = person.statusExpiresAt ? formatMeetingTime(DateTime.fromJSDate(person.statusExpiresAt), safeZone(person.tz)) : null;
  return { status: describeStatus(status), untilLabel };
}

export function safeZone(tz: string): string {
  return IANAZone.isValidZone(tz) ? tz : 'UTC';
}
