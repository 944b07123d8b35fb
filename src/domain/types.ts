/** Shared vocabulary of the pure core. Nothing here knows about Slack, SQL or the clock. */

export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'proposal', 'social', 'other'] as const;
export type TActivityType = (typeof ACTIVITY_TYPES)[number];

export const DEAL_OUTCOMES = ['open', 'won', 'lost'] as const;
export type TDealOutcome = (typeof DEAL_OUTCOMES)[number];

export const ROLES = ['rep', 'manager', 'admin'] as const;
export type TRole = (typeof ROLES)[number];

/** A stage of the team's selling system. Terminal stages carry their outcome. */
export type TStage = { key: string; name: string; position: number; outcome: 'won' | 'lost' | null };

/** SPEC §2 default selling system. */
export const DEFAULT_STAGES: readonly TStage[] = [
  { key: 'prospecting', name: 'Prospecting', position: 1, outcome: null },
  { key: 'discovery', name: 'Discovery', position: 2, outcome: null },
  { key: 'demo', name: 'Demo', position: 3, outcome: null },
  { key: 'proposal', name: 'Proposal', position: 4, outcome: null },
  { key: 'negotiation', name: 'Negotiation', position: 5, outcome: null },
  { key: 'won', name: 'Won', position: 6, outcome: 'won' },
  { key: 'lost', name: 'Lost', position: 7, outcome: 'lost' },
];

/** Quantity bounds of SPEC §4: one item logs between 1 and 500 of something. */
export const MIN_COUNT = 1;
export const MAX_COUNT = 500;
