import type { TDb } from '../../../db/client';
import { setPreferences, type TPersonRow } from '../../../db/repositories/people';
import { mergePreferences, readPreferences } from '../../domain/preferences';
import { TResumeResult, activePause } from './pause-state';

/** Ends the person's pause now; says which pause it ended (null when there was none in force). */
export async function resumeMessages(db: TDb, person: TPersonRow, now: Date): Promise<TResumeResult> {
  const wasPaused = activePause(person, now);
  // An expired pause is cleared too, so the stored value never lingers.
  if (readPreferences(person.preferences).pausedUntil !== null) {
    await setPreferences(db, person.id, mergePreferences(person.preferences, { pausedUntil: null }));
  }
  return { wasPaused };
}
