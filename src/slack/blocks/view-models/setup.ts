import type { TSetupField } from '../../../domain/setup-text';

/**
 * What the setup modal shows: each field's current text (`setupFormOf`), as the admin will edit it, the working
 * days to tick, and the admins: those made in Canopy (picked in the Roles field) and Slack's own, who always are.
 */
export type TSetupModalView = {
  form: Record<TSetupField, string>;
  workingDays: number[];
  admins: { canopy: string[]; slack: { slackUserId: string; name: string }[] };
};
