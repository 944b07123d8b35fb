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

/** One of the rep's open deals as a deal picker offers it. */
export type TDealChoice = { id: number; name: string; stageName: string };

/** Why a deal a button named is not picked in the modal: it closed since, it went, or it is not the clicker's. */
export type TUnpickableDeal = { kind: 'closed'; dealName: string; outcome: 'won' | 'lost' } | { kind: 'gone' } | { kind: 'not_yours' };

/** The Log activity modal: the workspace's open stages, the deal picked already (a check-in's quick choice), or why a named deal is not. */
export type TLogActivityFormView = {
  stages: { key: string; name: string }[];
  deal: TDealChoice | null;
  unpickable: TUnpickableDeal | null;
};
