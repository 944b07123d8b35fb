import type { TFocusReason } from '../../../domain/coaching/focus-area';
import type { TReviewSummary } from './call-reviews';

/** The focus stage the latest recompute chose, with its evidence (as stored) and both stages' names. */
export type TFocusArea = {
  stage: string;
  toStage: string | null;
  reasonCode: TFocusReason;
  expectedGain: number;
  evidence: { repRate: number; repRaw: number | null; teamRate: number; reached: number; advanced: number; volumePerQuarter: number; text: string } & Record<string, unknown>;
  stageName: string;
  toStageName: string | null;
};

/**
 * The focus stage's conversion as every surface shows it (one number: advanced of reached, never a shrunk
 * rate), the rest of the team's beside it, over `windowDays`, `asOfText` saying when ("as of last night's recompute").
 */
export type TFocusConversion = { advanced: number; reached: number; rate: number | null; teamRate: number | null; windowDays: number; asOfText: string };

/** A recording from the team's library for one stage. */
export type TFocusExemplar = { id: number; stage: string; title: string; url: string };

/** A rep's focus stage with its evidence, what to try, coaching questions and the team's recordings (`/coach focus`). */
export type TFocusView = {
  repName: string;
  isSelf: boolean;
  computed: boolean;
  focus: TFocusArea | null;
  conversion: TFocusConversion | null;
  tip: string | null;
  questions: string[];
  exemplars: TFocusExemplar[];
  /** The rep's own reviewed calls for the focus stage (the one thing or the call in it), newest first, at most 3. */
  reviewedCalls: TReviewSummary[];
};
