import type { TActivityType } from '../../../domain/types';

/*
 * What the services hand to the renderers (`src/slack/blocks`, the demo, `preview`): plain data, defined
 * beside the renderers, which import only the domain. Services import these types; never the other way.
 */

/** What a logged (or edited, or removed) message did, for its confirmation. */
export type TLogConfirmationView = {
  activities: { type: TActivityType; count: number; deal?: string }[];
  dealUpdates: { deal: string; stage?: string; outcome?: 'won' | 'lost'; amountCents?: number }[];
  whenLabel?: string;
  unknown: string[];
  problems: { source: string; message: string }[];
  edited: boolean;
  removed?: boolean;
};
