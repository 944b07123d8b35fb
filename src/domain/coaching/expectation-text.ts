import type { TActivityType } from '../types';
import { money } from './inputs';

// The derivation sentences of expectations: plain words, whole numbers, per month under one a week.

/** Singular and plural of each activity type. */
export const NOUN: Record<TActivityType, [string, string]> = {
  call: ['call', 'calls'], email: ['email', 'emails'], meeting: ['meeting', 'meetings'], demo: ['demo', 'demos'],
  proposal: ['proposal', 'proposals'], social: ['social touch', 'social touches'], other: ['other activity', 'other activities'],
};
export const WEEKS_PER_MONTH = 52 / 12;

/** goal: back-solved from the agreed goal · quota: from quota per quarter · team_typical: no target, the team's median week. */
export type TExpectationBasis = 'goal' | 'quota' | 'team_typical';

/** What a derivation sentence needs to know about one expectation. */
export type TExplain = {
  type: TActivityType; basis: TExpectationBasis; reached: boolean;
  /** For a revenue goal or quota: the average won deal (cents) the amount was divided by; absent or null for deals. */
  dealCents?: number | null; need: number; own: number | null; weekly: number; capped: boolean; median: number; paceWeeks: number;
};

/** "about 71 calls a week", "about 1 proposal a month", "fewer than one proposal a month": never a fraction a week. */
export function rateWords(type: TActivityType, weekly: number): string {
  const [noun, nouns] = NOUN[type];
  if (weekly >= 1) {
    const n = Math.round(weekly);
    return `${n} ${n === 1 ? noun : nouns} a week`;
  }
  const monthly = Math.round(weekly * WEEKS_PER_MONTH);
  return monthly < 1 ? `fewer than one ${noun} a month` : `${monthly} ${monthly === 1 ? noun : nouns} a month`;
}

/** One plain sentence on how an expectation was found: where it starts (own pace or the team's typical week), what the goal needs, any cap. */
export function explainExpectation(x: TExplain): string {
  const target = x.basis === 'quota' ? 'your quota' : 'your goal';
  // A revenue target is won a deal at a time: say which deal size turned it into deals.
  const goal = x.dealCents ? `${target}, at about ${money(x.dealCents)} a won deal (your average, weighed with the team's),` : target;
  const cap = x.capped ? ", no more than the team's busiest weeks" : '';
  const needs = `${goal} needs about ${rateWords(x.type, x.need)}`;
  if (x.own === null) {
    if (x.basis === 'team_typical') return `While you build up a few weeks of your own numbers, this is a typical week on the team.`;
    if (x.need < x.median) return `While you build up a few weeks of your own numbers, this is what ${goal} needs: about ${rateWords(x.type, x.need)}.`;
    return `While you build up a few weeks of your own numbers, this is a typical week on the team, short of the ${rateWords(x.type, x.need)} ${goal} needs.`;
  }
  const lately = `you've averaged ${rateWords(x.type, x.own)} over the last ${x.paceWeeks} weeks`;
  if (x.reached) return `Your goal is reached; keeping the pace you've had over the last ${x.paceWeeks} weeks keeps the pipeline full${cap}.`;
  if (x.basis === 'team_typical') {
    if (x.need <= x.own) return `With no goal set yet this is a typical week on the team, and ${lately}.`;
    return `With no goal set yet this is a step from your recent pace toward a typical week on the team (${lately})${cap}.`;
  }
  if (x.need <= x.own) return `${capitalize(needs)}, and ${lately}, so this keeps you there.`;
  if (x.weekly < x.need) return `${capitalize(lately)} and ${needs}, so this is a step up from your own pace toward it${cap}.`;
  if (x.own === 0) return `${capitalize(needs)}, a first step from none over the last ${x.paceWeeks} weeks.`;
  return `${capitalize(needs)}, a small step up from your recent pace.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
