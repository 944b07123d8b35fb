import type { TActivityType, TStage } from '../types';

/**
 * A past day: so many days back, or the most recent such weekday (luxon numbering, 1 = Monday), or
 * `daysBefore` days before the most recent such weekday (the days of a range: "mon-wed" said on a Thursday
 * is Wed with 0, Tue with 1, Mon with 2 days before).
 */
export type TWhen = { daysAgo: number } | { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; daysBefore?: number };

/**
 * How plainly the text names the deal. `clearly`: after "with/for/to/at", a colon ("Acme: 2 calls"), the
 * object of a move or outcome ("moved Initech to …", "won Acme"); a new deal may be created for it.
 * `loosely`: a capitalised word before or after the activity ("Acme demo", "called Acme"); used when it
 * matches one of the rep's deals, never a reason to create one.
 */
export type TDealNaming = 'clearly' | 'loosely';

/** Some activities of one type, optionally on a deal. */
export type TActivityItem = {
  kind: 'activity';
  type: TActivityType;
  count: number;
  deal?: string;
  /** Set whenever `deal` is. */
  dealNaming?: TDealNaming;
  stage?: string;
  amountCents?: number;
  when?: TWhen;
  /** One day's share of a count spread over a day range ("mon-wed 30 calls"): the whole and the days. */
  spread?: { total: number; days: number };
  source: string;
};

/** A deal moved to an open stage; `stage` is the key of one of the given stages. */
export type TStageMoveItem = { kind: 'stage'; deal: string; dealNaming?: TDealNaming; stage: string; when?: TWhen; source: string };

/** A deal closed, won or lost. */
export type TOutcomeItem = {
  kind: 'outcome';
  deal: string;
  dealNaming?: TDealNaming;
  outcome: 'won' | 'lost';
  amountCents?: number;
  when?: TWhen;
  source: string;
};

/**
 * Something said that is worth keeping but is not an activity or a stage: a close-date move on a deal
 * ("Initech pushed to Q1", `deal` set), or detail of activity counted elsewhere ("2 convos, 1 booked").
 */
export type TNoteItem = {
  kind: 'note';
  deal?: string;
  /** Set whenever `deal` is (a close-date move names its deal clearly). Added by the grammar. */
  dealNaming?: TDealNaming;
  text: string;
  when?: TWhen;
  source: string;
};

/** "oops, that was 3 calls not 4": the rep's previous entry of this type should say `count`. */
export type TCorrectionItem = { kind: 'correction'; type: TActivityType; count: number; was?: number; when?: TWhen; source: string };

/** "nothing today, was sick": no activity, said on purpose. */
export type TNoActivityItem = { kind: 'nothing'; reason: 'sick' | 'away' | 'none'; when?: TWhen; source: string };

/** Anything the grammar can log. */
export type TGrammarItem = TActivityItem | TStageMoveItem | TOutcomeItem | TNoteItem | TCorrectionItem | TNoActivityItem;

/** A piece that was understood but rejected, with a message for the person. */
export type TGrammarProblem = { source: string; message: string };

/** Everything read from one message. */
export type TParseResult = { items: TGrammarItem[]; unknown: string[]; problems: TGrammarProblem[] };

/**
 * The team's stages (DEFAULT_STAGES when absent), and the deal picked in the Log modal (its name): with it,
 * a won/lost, stage move, close-date move or "went dark" that names no deal is on that deal (named clearly)
 * rather than a "which deal?" problem. Activities still name no deal: the service puts them on the picked one.
 */
export type TParseOptions = { stages?: readonly TStage[]; defaultDeal?: string };
