/** One stage-to-stage conversion: `advanced` of the `reached` deals moved on (`rate` null without any). */
export type TFunnelRate = { advanced: number; reached: number; rate: number | null };

/** One step of the rep's funnel: this quarter so far next to their own previous two quarters. */
export type TRepFunnelStep = { from: string; fromName: string; toName: string; current: TFunnelRate; past: TFunnelRate };

/** The rep's funnel by stage against their own past (the Home tab's "vs. your own past"). */
export type TRepFunnelHistory = {
  /** 'Q4 2026 so far'. */
  currentLabel: string;
  /** 'Q2–Q3 2026', or 'Q4 2025–Q1 2026' across a year end. */
  pastLabel: string;
  steps: TRepFunnelStep[];
  current: { won: number; lost: number };
  /** Deals closed in the two past quarters together. */
  past: { won: number; lost: number };
};
