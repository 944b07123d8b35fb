import type { TActivityType } from '../../../domain/types';

/*
 * What the services hand to the renderers (`src/slack/blocks`, the demo, `preview`): plain data, defined
 * beside the renderers, which import only the domain. Services import these types; never the other way.
 */

/** A deal the log line could not settle alone, asked about with buttons (SPEC §2 Deal). */
export type TDealQuestionView = {
  id: number;
  /** `which`: several of the rep's deals fit; `create`: none does, and creating one needs a yes. */
  kind: 'which' | 'create';
  /** The name as the rep wrote it. */
  name: string;
  /** What waits for the answer: "2 calls", "won (USD 12,500)". */
  what: string;
  candidates: { dealId: number; name: string; stage?: string; amountCents?: number }[];
  /** A "New deal" button beside the candidates: the text clearly named a deal. */
  offerNew?: boolean;
  /** The candidates only come close (a typo?): none is called that. */
  near?: boolean;
};

/** What a logged (or edited, or removed) message did, for its confirmation. */
export type TLogConfirmationView = {
  activities: {
    type: TActivityType;
    count: number;
    deal?: string;
    /** The day, when the message logged different days ("4 calls yesterday and 2 today"). */
    day?: string;
    /** "spread over Mon 30 Nov – Wed 2 Dec, 10 a day" for a day range. */
    spread?: string;
    /** The question asked about this line's deal, until it is answered. */
    questionId?: number;
    /** The deal is closed and stays so: "won", "lost". */
    dealClosed?: 'won' | 'lost';
  }[];
  dealUpdates: {
    deal: string;
    stage?: string;
    outcome?: 'won' | 'lost';
    amountCents?: number;
    /** The amount before this message set it. */
    amountWasCents?: number;
    reopened?: boolean;
    /** The deal already had this outcome. */
    already?: boolean;
  }[];
  whenLabel?: string;
  unknown: string[];
  problems: { source: string; message: string }[];
  edited: boolean;
  removed?: boolean;
  /** Names the rep answered "No, leave it" about. */
  dismissedDeals?: string[];
  /** Deals this message created and the rep then undid. */
  undoneDeals?: string[];
  /** Deals this message created, each offered an Undo. */
  newDeals?: { dealId: number; logEntryId: number; name: string }[];
  questions?: TDealQuestionView[];
  /** Names that matched none of the rep's deals and were not clearly a new one: logged without a deal. */
  unmatchedDeals?: string[];
  /** Notes kept on a deal ("close date pushed to Q1") or detail of the activity ("2 conversations"). */
  notes?: { deal?: string; text: string }[];
  /** Earlier entries corrected by this one. */
  corrections?: { type: TActivityType; before: number; after: number; day?: string }[];
  /** "nothing today, was sick": no activity, said on purpose. */
  nothing?: 'sick' | 'away' | 'none';
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
