/** One stage-to-stage conversion: `advanced` of the `reached` deals moved on (`rate` null without any). */
export type TFunnelRate = { advanced: number; reached: number; rate: number | null };

/** One step of the rep's funnel: the recompute's window next to the same length of time before it. */
export type TRepFunnelStep = { from: string; fromName: string; toName: string; current: TFunnelRate; past: TFunnelRate };

/** The rep's funnel by stage against their own past (the Home tab's "vs. your own past"). */
export type TRepFunnelHistory = {
  /** "last 90 days (as of last night's recompute)". */
  currentLabel: string;
  /** '90 days before'. */
  pastLabel: string;
  steps: TRepFunnelStep[];
  current: { won: number; lost: number };
  /** Deals closed in the window before. */
  past: { won: number; lost: number };
};
