import type { TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { digestSlot, readPreferences } from '../../domain/preferences';
import type { TSettingsView } from '../../slack/blocks/view-models/settings';
import { canManageTeam } from '../teams/authorize';
import { getRepCoaching } from '../coaching/get-rep-coaching';
import { getCoachingSettings } from '../setup/coaching-settings';
import { activePause } from './pause-state';
import { findCountry, findRegion, awayOf } from './settings-fields';

/** The person's settings as the modal shows them (defaults for anything unset), as of `now`. */
export async function getSettings(db: TDb, person: TPersonRow, now: Date = new Date()): Promise<TSettingsView> {
  // What the person never set shows the workspace's defaults (`/coach setup`), as the planner reads them.
  const preferences = readPreferences(person.preferences, (await getCoachingSettings(db, person.workspaceId)).preferenceDefaults);
  const slot = digestSlot(preferences);
  const tier = (await getRepCoaching(db, person.id, now))?.tier.tier ?? null;
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
