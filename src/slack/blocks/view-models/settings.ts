import type { TTier } from '../../../domain/coaching/tiers';
import type { TPreferences } from '../../../domain/preferences';

/**
 * What the settings modal shows: the person's own settings, their Slack zone, which groups of settings
 * apply to them, and what currently holds their messages (a pause, an away status).
 */
export type TSettingsView = TPreferences & {
  tz: string;
  /** The brief's lead time: managers and admins (nobody else gets briefs). */
  showsBriefLead: boolean;
  /** Digest and check-ins: reps, and anyone else who is coached (has a tier). */
  showsCoaching: boolean;
  /** Reps get a weekly digest, managers a team digest: both choose when. */
  showsDigest: boolean;
  /** The tier `checkins: 'auto'` follows; null before the first recompute (or for people not coached). */
  tier: TTier | null;
  /** 'Tue 1 Dec, 13:00' in the person's zone while `/coach pause` is in force. */
  pausedUntilLabel: string | null;
  /** Their Slack status while it says they are away (':palm_tree: Vacation'), and when Slack clears it. */
  away: { status: string; untilLabel: string | null } | null;
  /** The stored holiday country and region, with their names for the hint ('United Kingdom', 'Scotland'). */
  holidayCountryName: string | null;
  holidayRegionName: string | null;
};
