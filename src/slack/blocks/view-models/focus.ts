import type { TFocusReason } from '../../../domain/coaching/focus-area';

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

/** A recording from the team's library for one stage. */
export type TFocusExemplar = { id: number; stage: string; title: string; url: string };

/** A rep's focus stage with its evidence, what to try, coaching questions and the team's recordings (`/coach focus`). */
export type TFocusView = {
  repName: string;
  isSelf: boolean;
  computed: boolean;
  focus: TFocusArea | null;
  tip: string | null;
  questions: string[];
  exemplars: TFocusExemplar[];
};
