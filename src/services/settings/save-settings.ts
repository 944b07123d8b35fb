import type { TDb } from '../../../db/client';
import { setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { digestSlot, mergePreferences, readPreferences, type TPreferences } from '../../domain/preferences';
import { canManageTeam } from '../teams/authorize';
import { TSettingsField, TSaveSettingsResult, ZSettingsInput, ZHolidayOnly, resolveHolidays } from './settings-fields';
import { getSettings } from './get-settings';

/**
 * Validates and stores the person's settings, keeping any other stored preference keys (a pause, nudge
 * snoozes). The brief lead is only taken from managers and admins (nobody else gets briefs). Holiday
 * country and region are checked against the holiday calendar, by code or by name.
 */
export async function saveSettings(db: TDb, person: TPersonRow, input: unknown, now: Date = new Date()): Promise<TSaveSettingsResult> {
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
  await setPreferences(db, person.id, preferences);
  return { ok: true, settings: await getSettings(db, { ...person, preferences }, now) };
}
