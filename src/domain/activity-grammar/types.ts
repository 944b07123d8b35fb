import type { TActivityType, TStage } from '../types';

/** A past day: so many days back, or the most recent such weekday (luxon numbering, 1 = Monday). */
export type TWhen = { daysAgo: number } | { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7 };

/** Some activities of one type, optionally on a deal. */
export type TActivityItem = {
  kind: 'activity';
  type: TActivityType;
  count: number;
  deal?: string;
  stage?: string;
  amountCents?: number;
  when?: TWhen;
  source: string;
};

/** A deal moved to an open stage; `stage` is the key of one of the given stages. */
export type TStageMoveItem = { kind: 'stage'; deal: string; stage: string; when?: TWhen; source: string };

/** A deal closed, won or lost. */
export type TOutcomeItem = {
  kind: 'outcome';
  deal: string;
  outcome: 'won' | 'lost';
  amountCents?: number;
  when?: TWhen;
  source: string;
};

/** Anything the grammar can log. */
export type TGrammarItem = TActivityItem | TStageMoveItem | TOutcomeItem;

/** A piece that was understood but rejected, with a message for the person. */
export type TGrammarProblem = { source: string; message: string };

/** Everything read from one message. */
export type TParseResult = { items: TGrammarItem[]; unknown: string[]; problems: TGrammarProblem[] };

/** The team's stages; DEFAULT_STAGES when absent. */
export type TParseOptions = { stages?: readonly TStage[] };
