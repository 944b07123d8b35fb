import type { TTier } from '../../domain/coaching/tiers';

/** How a manager's team views (`/coach team`, the Home tab) head each tier's group of reps. */
export const TIER_HEADINGS: Readonly<Record<TTier, string>> = {
  autonomous: '*Autonomous* — outcome goals only, freedom to work their way',
  guided: '*Guided* — weekly expectations',
  focused: '*Focused* — daily expectations and stage coaching',
  ramping: '*Ramping* — new, under 60 days of data: no tier judgement yet',
};
