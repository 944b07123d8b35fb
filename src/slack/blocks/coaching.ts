import type { TCoachingView } from './view-models/coaching';
import type { KnownBlock } from '@slack/types';
import type { TTier } from '../../domain/coaching/tiers';
import { escapeText, truncate } from './escape';
import { MAX_TEXT_OBJECT } from './limits';
import { context, formatMoney, section } from './format';

/** How each tier's coaching reads to the rep: the style of help, never a verdict. */
const MODE: Record<TTier, string> = {
  autonomous: '*Outcome goals only* — no activity targets: you work your way.',
  guided: '*Weekly targets* — what your goal takes this week.',
  focused: '*Daily targets* — small steps, one stage at a time.',
  ramping: '*Getting started* — weekly targets as a guide while you ramp up.',
};

const STATUS_ICON = { met: ':white_check_mark:', on_pace: ':large_green_circle:', behind: ':large_yellow_circle:', off: ':white_circle:' } as const;

/**
 * The coaching part of `/stats` (and later the Home tab): goal progress, targets with pace and the
 * focus area, each followed by a plain-words "how is this computed?".
 */
export function coachingBlocks(view: TCoachingView, isSelf: boolean, showTargets = false): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  // Autonomous reps see outcomes only (SPEC §2) unless they ask for their targets.
  const targetsShown = view.tier !== 'autonomous' || showTargets;
  const lines = [MODE[view.tier]];
  if (view.goal) lines.push(goalLine(view.goal));
  if (!targetsShown && isSelf && view.expectations.length > 0) lines.push('Curious what your goal takes in activity? `/stats targets` shows it.');
  blocks.push(section(lines.join('\n')));

  if (targetsShown && view.expectations.length > 0) {
    // A daily target is a share of the week's figure: say the figure the digest and the brief count against.
    const targets = view.expectations.map((x) => `${STATUS_ICON[x.pace.status]} ${escapeText(x.pace.text)}${x.per === 'day' ? ` (${x.weekly} a week)` : ''}`);
    blocks.push(section(`*Targets*\n${targets.join('\n')}`));
  }
  if (view.focus) {
    const move = view.focus.toStageName ? ` (moving deals on from ${view.focus.stageName} to ${view.focus.toStageName})` : '';
    blocks.push(section(`*Focus: ${escapeText(view.focus.stageName)}*${escapeText(move)}\n:bulb: ${escapeText(view.focus.tip)}`));
  }
  blocks.push(context(truncate(explanation(view, isSelf, targetsShown), MAX_TEXT_OBJECT)));
  return blocks;
}

function goalLine(goal: NonNullable<TCoachingView['goal']>): string {
  const what = goal.source === 'goal' ? `Goal for ${goal.label}` : `Quota for ${goal.label}`;
  const left = goal.target - goal.achieved;
  const status = left <= 0 ? ' — reached :tada:' : ` — ${goal.metric === 'revenue' ? formatMoney(left) : left} to go`;
  const progress =
    goal.metric === 'revenue'
      ? `${formatMoney(goal.achieved)} of ${formatMoney(goal.target)} won`
      : `${goal.achieved} of ${goal.target} ${goal.target === 1 ? 'deal' : 'deals'} won`;
  return `*${what}:* ${progress}${status}`;
}

/** The "how is this computed?" text: the tier's reason, each target's derivation, the focus evidence. */
function explanation(view: TCoachingView, isSelf: boolean, targetsShown: boolean): string {
  const parts = [`*How is this computed?* As of the nightly recompute (${view.computedAtLabel}); this week's counts are live.`];
  // A ramping rep is not judged (SPEC §2), so the tier's reason is only shown for the others.
  if (view.tier !== 'ramping') parts.push(escapeText(view.tierReason));
  // One plain sentence per target (at most three), so every target says how it was found.
  const derivations = [...new Set(view.expectations.map((x) => x.derivationText).filter((text) => text.length > 0))];
  if (targetsShown) for (const text of derivations) parts.push(escapeText(text));
  if (view.focus?.evidenceText) parts.push(escapeText(view.focus.evidenceText));
  if (isSelf) parts.push(`${view.focus ? '`/coach focus` for more on your focus area · ' : ''}${targetsShown && view.expectations.length > 0 ? '`/coach targets` to propose your own · ' : ''}\`/coach goals\` to propose a goal.`);
  return parts.join(' ');
}
