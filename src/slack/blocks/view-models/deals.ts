import type { TDealLogItem } from '../../../domain/deal-view';
import type { TStage } from '../../../domain/types';

/*
 * A rep's open deals as plain data for the renderer (src/slack/blocks/deals.ts), built by
 * src/services/stats/get-rep-deals.ts. Names and texts are raw; the renderer escapes them.
 */

/** One open deal: where it stands, how long it has sat there, and its story lately. */
export type TDealView = {
  id: number;
  name: string;
  /** Stage key (the stages list names it). */
  stage: string;
  amountCents: number | null;
  /** Whole days since the deal entered its current stage; null when that day is not known (imported without stage dates). */
  daysInStage: number | null;
  /** '3 days ago'; null when nothing was ever logged on it. */
  lastActivityText: string | null;
  /** As the coaching engine classifies idle deals (`classifyIdleDeals`): stalled past its stage's threshold, or dormant. */
  idle: { kind: 'stalled' | 'dormant'; idleDays: number } | null;
  /** The last few things logged on it, newest first (within `period` when one was asked for). */
  recent: TDealLogItem[];
};

/** `/stats deals` and the Home tab's "Your deals": the rep's open deals. All deals are here; the renderer picks. */
export type TRepDealsView = {
  personName: string;
  isSelf: boolean;
  /** The selling system's stages in order (deals sit in the open ones; one in a stage it lost is shown after them). */
  stages: TStage[];
  deals: TDealView[];
  /** When `/stats <period> deals` asked: what was logged is limited to this period ('Last month', its range). */
  period: { label: string; rangeText: string } | null;
  /** Idle days past which a deal is dormant rather than stalled. */
  dormantDays: number;
};
