import { z } from 'zod';
import type { TDb } from '../../db/client';
import { setPreferences, type TPersonRow } from '../../db/repositories/people';
import { mergePreferences, readPreferences, type TPreferences } from '../domain/preferences';
import { canManageTeam } from './authorize';

/** The brief lead times a manager may pick, in minutes (1440 = a day before). */
export const BRIEF_LEAD_CHOICES = [15, 30, 60, 90, 120, 1440] as const;

/** What the settings modal shows: the person's own settings, their Slack zone, and whether the brief lead applies to them. */
export type TSettingsView = TPreferences & { tz: string; showsBriefLead: boolean };
export type TSettingsField = 'workingDays' | 'workStart' | 'workEnd' | 'briefLeadMinutes';
export type TSaveSettingsResult = { ok: true; settings: TSettingsView } | { ok: false; errors: Partial<Record<TSettingsField, string>> };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ZTime = z.string({ error: 'Pick a time.' }).regex(HH_MM, 'Pick a time.');

/** The settings form as submitted. Only the settings that actually drive Canopy today are here. */
export const ZSettingsInput = z
  .object({
    workingDays: z.array(z.number().int().min(1).max(7), { error: 'Pick your working days.' }).min(1, 'Pick at least one working day.'),
    workStart: ZTime,
    workEnd: ZTime,
    briefLeadMinutes: z
      .number({ error: 'Pick how long before each 1:1.' })
      .refine((minutes) => (BRIEF_LEAD_CHOICES as readonly number[]).includes(minutes), 'Pick one of the listed times.')
      .optional(),
  })
  .refine((input) => input.workEnd > input.workStart, { path: ['workEnd'], message: 'Your working day has to end after it starts.' });
export type TSettingsInput = z.input<typeof ZSettingsInput>;

/** The person's settings as the modal shows them (defaults for anything unset). */
export function getSettings(_db: TDb, person: TPersonRow): TSettingsView {
  return { ...readPreferences(person.preferences), tz: person.tz, showsBriefLead: canManageTeam(person) };
}

/**
 * Validates and stores the person's settings, keeping any other stored preference keys. The brief lead
 * is only taken from managers and admins (nobody else gets briefs).
 */
export function saveSettings(db: TDb, person: TPersonRow, input: unknown): TSaveSettingsResult {
  const parsed = ZSettingsInput.safeParse(input);
  if (!parsed.success) {
    const errors: Partial<Record<TSettingsField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as TSettingsField | undefined;
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const { workingDays, workStart, workEnd, briefLeadMinutes } = parsed.data;
  const change: Partial<TPreferences> = { workingDays: [...new Set(workingDays)].sort((a, b) => a - b), workStart, workEnd };
  if (briefLeadMinutes !== undefined && canManageTeam(person)) change.briefLeadMinutes = briefLeadMinutes;
  const preferences = mergePreferences(person.preferences, change);
  setPreferences(db, person.id, preferences);
  return { ok: true, settings: getSettings(db, { ...person, preferences }) };
}
