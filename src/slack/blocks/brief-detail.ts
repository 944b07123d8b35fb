import type { KnownBlock, ModalView } from '@slack/types';
import type { TBriefActivity, TBriefView } from './view-models/brief';
import { PATTERN_WINDOW_DAYS } from '../../domain/coaching/deal-patterns';
import { TIER_NAMES } from './brief';
import { fitLines, inline, pct, plainWords } from './brief-sections';
import { escapeText, truncate } from './escape';
import { activityNoun, context, section } from './format';
import { fitView, MAX_SECTION_TEXT } from './limits';
import { blocksToPlainText } from './plain-text';
import { stageActivityText } from './stage-activity';

export const BRIEF_DETAIL_VIEW = 'brief_detail';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 24) || ' ' });
const WEEKS_A_MONTH = 52 / 12;

/**
 * "How is this computed?" behind a brief: the whole explanation the brief leaves out to read on a phone —
 * the period and how expectations scale to it, each expectation's rate, where the activity went, every
 * stage's conversion next to the team's, the focus evidence, the tier's reason and how idle deals are sorted.
 */
export function renderBriefDetailModal(view: TBriefView): ModalView {
  return { type: 'modal', callback_id: BRIEF_DETAIL_VIEW, title: plain('How is this computed?'), close: plain('Close'), blocks: briefDetailBlocks(view) };
}

/** The same, for a terminal and tests. */
export function briefDetailToPlainText(view: TBriefView): string {
  return blocksToPlainText(briefDetailBlocks(view));
}

function briefDetailBlocks(view: TBriefView): KnownBlock[] {
  return fitView([
    section(`*The brief on ${inline(view.rep.name, 80)}*\n${periodText(view)}`),
    section(`*Activity*\n${activityDetail(view.activity)}`),
    section(`*Tier*\n${tierDetail(view.tier)}`),
    section(`*Conversion vs. the team*\n${conversionDetail(view.conversion)}`),
    section(`*Patterns across their deals*\n${patternDetail(view.pattern)}`),
    section(`*Deals to talk about*\n${dealsDetail(view.dormant)}`),
    context(`:bulb: Tone for this tier: ${inline(view.tone, 600)}`),
  ]);
}

function periodText(view: TBriefView): string {
  const days = `${view.period.days} ${view.period.days === 1 ? 'day' : 'days'}`;
  const since = `It covers ${escapeText(view.period.fromLabel)} until the brief was made (${days})`;
  if (view.period.basis === 'since_meeting') return `${since}: the time since the last 1:1.`;
  if (view.period.basis === 'capped') return `${since}: the last 1:1 was longer ago, and a brief looks back at most 14 days.`;
  return `${since}: there was no earlier 1:1, so the last 7 days.`;
}

/** A rate in plain words: "9 a working day", "40 a week", "about 1 a month" for less than one a week. */
function rateText(per: 'day' | 'week' | null, amount: number | null): string {
  if (per === null || amount === null) return '';
  if (per === 'day') return `${amount} a working day`;
  if (amount >= 1) return `${Math.round(amount)} a week`;
  return `about ${Math.max(1, Math.round(amount * WEEKS_A_MONTH))} a month`;
}

function activityDetail(activity: TBriefActivity): string {
  if (activity.kind === 'outcomes') {
    return 'The rep is autonomous: the brief shows outcomes only (goal or quota progress, deals won and moved on in the period) — no activity counts or targets.';
  }
  const lines = ['Expectations come from the nightly recompute and are scaled to the period: the weekly figure × the rep’s working days in it ÷ their working days in a week.'];
  for (const row of activity.rows) {
    const noun = activityNoun(row.type, 2);
    lines.push(row.expected === null ? `• ${escapeText(noun)}: ${row.done} done, no expectation` : `• ${escapeText(noun)}: ${rateText(row.per, row.amount)} → ${row.expected} expected in the period, ${row.done} done`);
  }
  const stages = stageActivityText(activity.byStage);
  if (stages) {
    lines.push(`Where it went, by stage of the selling system: ${stages}. Activity on a deal counts in the deal's stage then; the rest in the stage its type feeds.`);
  }
  return fitLines(lines, MAX_SECTION_TEXT);
}

function tierDetail(tier: TBriefView['tier']): string {
  const how = 'Tiers are set each night from attainment against the agreed goal (or quota) pace, and change only after a few nights in a row.';
  if (!tier) return `No tier yet: the first nightly recompute sets it. ${how}`;
  if (tier.tier === 'ramping') return 'Ramping: new, with under 60 days of data — no tier judgement until then.';
  const changed = tier.changedFrom ? ` Changed from ${TIER_NAMES[tier.changedFrom].toLowerCase()} at the latest recompute.` : '';
  return `${TIER_NAMES[tier.tier]}: ${inline(plainWords(tier.reason ?? ''), 1200)}${changed}\n${how}`;
}

function conversionDetail(conversion: TBriefView['conversion']): string {
  const lines = [`Over the last ${conversion.windowDays} days: of the deals that reached each stage, how many moved on — the rep next to the reps of the same manager.`];
  for (const row of conversion.rows) {
    const rep = row.repRate === null ? 'no deals yet' : `${pct(row.repRate)} (${row.advanced} of ${row.reached})`;
    const team = row.teamRate === null ? 'team —' : `team ${pct(row.teamRate)}`;
    lines.push(`${row.isFocus ? ':dart:' : '•'} ${inline(row.fromName, 40)} → ${inline(row.toName, 40)}: ${rep} · ${team}`);
  }
  const { focus } = conversion;
  lines.push(
    focus
      ? `The focus, chosen at the nightly recompute only where the gap to the rest of the team is clear after allowing for every stage looked at: ${inline(plainWords(focus.evidenceText), 1200)}`
      : 'No focus: no stage is clearly below the rest of the team once every stage looked at is allowed for.',
  );
  return fitLines(lines, MAX_SECTION_TEXT);
}

function patternDetail(pattern: TBriefView['pattern']): string {
  const how =
    'Two patterns are looked for at every stage: most of the rep’s last 8 lost deals lost after the same stage, and deals sitting in a stage at least twice as long as the rest of the team’s. ' +
    'One is named only when chance would explain it less than 1 time in 100, allowing for every stage looked at and for the differences any two people have.';
  if (!pattern) return `None stands out over the last ${PATTERN_WINDOW_DAYS} days. ${how}`;
  const what =
    pattern.kind === 'lost-after'
      ? `${pattern.lost} of the rep’s last ${pattern.of} lost deals were lost after ${inline(pattern.stageName, 40)}; of the rest of the team’s lost deals over the last ${pattern.windowDays} days, ${pattern.teamLost} of ${pattern.teamOf}.`
      : `Over the last ${pattern.windowDays} days, the rep’s ${pattern.deals} deals that left ${inline(pattern.stageName, 40)} spent a median of ${Math.round(pattern.repMedianDays * 10) / 10} days there; the rest of the team’s, ${Math.round(pattern.teamMedianDays * 10) / 10}.`;
  return `${what}\n${how}`;
}

function dealsDetail(dormantDeals: TBriefView['dormant']): string {
  const lines = [
    `A deal is stalled when it has had no activity in its stage for longer than that stage's threshold; the brief names the ones most worth a move first (larger, and idle for less long). Idle over ${dormantDeals.overDays} days, a deal is dormant: close it or revive it — never this week's move.`,
  ];
  const dormant = dormantDeals.deals.map((d) => `• ${inline(d.name, 80)} — no activity for ${d.idleDays} days`);
  if (dormant.length > 0) lines.push(`Dormant (${dormant.length}):`, ...dormant);
  return fitLines(lines, MAX_SECTION_TEXT);
}
