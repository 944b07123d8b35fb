import { normalizeStageName } from './activity-grammar/stages';
import { indexDeals, matchDeal } from './deal-matching';

/*
 * The review form's prefill from `/coach review @rep <link> [deal] [stage]`: the words after the link, read
 * against the rep's open deals and the workspace's open stages. Pure; never an error — what is not understood
 * is handed back, to be shown as a note in the modal.
 */

/** A stage the call may have been in: open stages only (won and lost are outcomes), with their CRM names. */
export type TReviewStage = { key: string; name: string; aliases: readonly string[] };

/** `dealNote`: a deal name that fits none of the rep's open deals, or several equally (nothing is guessed). */
export type TCallWords = { stage?: string; dealId?: number; dealNote?: { kind: 'none' | 'several'; name: string } };

/** The stage named exactly by `phrase` (its key, name or a CRM name, up to case, hyphens and underscores). */
export function stageNamed(stages: readonly TReviewStage[], phrase: string): string | undefined {
  const wanted = normalizeStageName(phrase);
  if (wanted === '') return undefined;
  return stages.find((s) => [s.key, s.name, ...s.aliases].some((n) => normalizeStageName(n) === wanted))?.key;
}

/**
 * Reads the trailing words: the last one to three words naming a stage (the longest that does) are the call's
 * stage; the rest, matched forgivingly against the rep's open deals (most recently active first: ties go to the
 * first), is the deal. A deal name that fits none, or several, comes back as `dealNote`.
 */
export function readCallWords(words: readonly string[], stages: readonly TReviewStage[], openDeals: readonly { id: number; name: string }[]): TCallWords {
  let rest = words.filter((w) => w.trim() !== '');
  let stage: string | undefined;
  for (let n = Math.min(3, rest.length); n >= 1; n--) {
    const found = stageNamed(stages, rest.slice(-n).join(' '));
    if (found) {
      stage = found;
      rest = rest.slice(0, -n);
      break;
    }
  }
  const name = rest.join(' ').trim();
  if (name === '') return stage ? { stage } : {};
  const match = matchDeal(indexDeals(openDeals.map((d) => ({ ...d, outcome: 'open' as const }))), name);
  const withStage = stage ? { stage } : {};
  if (match.kind === 'one') return { ...withStage, dealId: match.deal.id };
  return { ...withStage, dealNote: { kind: match.kind === 'several' ? 'several' : 'none', name } };
}

/**
 * The stage the "one thing" belongs to, before the reviewer picks: the rep's current focus stage, else the call's
 * stage, else none — each only when it is one of the stages offered.
 */
export function defaultOneThingStage(stages: readonly { key: string }[], focusStage: string | null | undefined, callStage: string | undefined): string | undefined {
  const offered = (key: string | null | undefined) => (key && stages.some((s) => s.key === key) ? key : undefined);
  return offered(focusStage) ?? offered(callStage);
}
