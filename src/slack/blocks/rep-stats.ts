import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { TRepStats } from '../../domain/stats';
import type { TStage } from '../../domain/types';
import { coachingBlocks } from './coaching';
import type { TCoachingView } from './view-models/coaching';
import { escapeText } from './escape';
import { activityNoun, context, divider, formatMoney, header, joinWithAnd, pluralizeActivity, section } from './format';
import { fitFallbackText, fitMessage } from './limits';
import { stageActivityLine } from './stage-activity';

export type TRepStatsView = { personName: string; isSelf: boolean; stats: TRepStats; stages: readonly TStage[]; coaching?: TCoachingView | null; showTargets?: boolean };

/**
 * A rep's numbers for a period: totals by type and by stage, pipeline, deals closed, 8-week trend (`/stats`).
 * Targets and pace are about now, so a closed period (yesterday, last month …) leaves them to `/stats`.
 */
export function renderRepStats(view: TRepStatsView): { blocks: KnownBlock[]; text: string } {
  const { stats } = view;
  const title = `${view.isSelf ? 'Your' : `${escapeText(view.personName)}'s`} activity — ${stats.period.label}`;
  const coaching = view.coaching && stats.period.inProgress ? [divider(), ...coachingBlocks(view.coaching, view.isSelf, view.showTargets === true)] : [];
  const blocks: KnownBlock[] = [
    header(title),
    section(totalsText(view)),
    ...coaching,
    divider(),
    section(pipelineText(stats, view.stages)),
    section(closedText(stats)),
    section(trendText(stats)),
    context(hintText(view)),
  ];
  const summary =
    stats.total === 0
      ? `Nothing logged ${periodPhrase(stats.period.label)}`
      : joinWithAnd(stats.byType.map((row) => pluralizeActivity(row.type, row.count)));
  return { blocks: fitMessage(blocks), text: fitFallbackText(`${title}: ${summary}`) };
}

function totalsText(view: TRepStatsView): string {
  const { stats } = view;
  if (stats.total === 0) {
    const phrase = periodPhrase(stats.period.label);
    if (!view.isSelf) return `Nothing logged ${phrase}.`;
    return `Nothing logged ${phrase} — \`/log 4 calls, demo with Acme\` or DM me and I'll keep count.`;
  }
  const parts = stats.byType.map((row) => `*${row.count.toLocaleString('en-US')}* ${activityNoun(row.type, row.count)}`);
  const total = stats.byType.length > 1 ? `\n*${stats.total.toLocaleString('en-US')}* activities in total` : '';
  const byStage = stageActivityLine(stats.byStage);
  return `${parts.join(' · ')}${total}${byStage ? `\n${byStage}` : ''}`;
}

/** 'yet this week', 'yet today', 'last week', 'in the last 30 days' — from the period label. */
function periodPhrase(label: string): string {
  const lower = label.toLowerCase();
  if (lower === 'today' || lower.startsWith('this ')) return `yet ${lower}`;
  if (/^last \d+ days$/.test(lower)) return `in the ${lower}`;
  return lower;
}

function pipelineText(stats: TRepStats, stages: readonly TStage[]): string {
  const open = stats.pipeline.filter((row) => row.deals > 0);
  if (open.length === 0) return '*Pipeline*\nNo open deals right now.';
  const names = new Map(stages.map((stage) => [stage.key, stage.name]));
  const lines = stats.pipeline.map((row) => {
    const name = escapeText(names.get(row.stage) ?? row.name);
    if (row.deals === 0) return `• ${name} — 0`;
    const amount = row.amountCents > 0 ? ` · ${formatMoney(row.amountCents)}` : '';
    return `• ${name} — *${row.deals}* ${row.deals === 1 ? 'deal' : 'deals'}${amount}`;
  });
  const deals = open.reduce((sum, row) => sum + row.deals, 0);
  const amount = open.reduce((sum, row) => sum + row.amountCents, 0);
  const total = `*${deals}* open ${deals === 1 ? 'deal' : 'deals'}${amount > 0 ? ` · ${formatMoney(amount)}` : ''}`;
  return `*Pipeline* — ${total}\n${lines.join('\n')}`;
}

function closedText(stats: TRepStats): string {
  const { won, wonAmountCents, lost } = stats.closedInPeriod;
  const phrase = stats.period.label.toLowerCase();
  if (won === 0 && lost === 0) return `*Closed ${phrase}:* ${stats.period.inProgress ? 'none yet' : 'none'}`;
  // A trophy only beside a win: "🏆 0 won" reads as a joke at the rep's expense.
  const wonText = `${won > 0 ? ':trophy: ' : ''}*${won}* won${wonAmountCents > 0 ? ` (${formatMoney(wonAmountCents)})` : ''}`;
  return `*Closed ${phrase}:* ${wonText} · *${lost}* lost`;
}

/** The 8-week trend, all activity and per type, as sparklines (`/stats`, the Home tab); for a closed period, the weeks up to its end. */
export function trendText(stats: TRepStats): string {
  const { trend } = stats;
  const weeks = `${trend.weekStarts.length} ${trend.weekStarts.length === 1 ? 'week' : 'weeks'}`;
  // Only a finished period names its last day; parsing and formatting it was a tenth of an answer's time.
  const heading = stats.period.inProgress
    ? `*Last ${weeks}*`
    : `*${weeks[0]!.toUpperCase()}${weeks.slice(1)} to ${DateTime.fromISO(trend.through).toFormat('ccc d LLL', { locale: 'en-US' })}*`;
  const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);
  if (sum(trend.totals) === 0) return `${heading}\nNo activity in these weeks yet.`;
  const lines = [
    `\`${trend.sparkline}\` all activity · ${sum(trend.totals).toLocaleString('en-US')}`,
    ...trend.byType.map((row) => `\`${row.sparkline}\` ${activityNoun(row.type, 2)} · ${sum(row.counts).toLocaleString('en-US')}`),
  ];
  return `${heading}\n${lines.join('\n')}`;
}

function hintText(view: TRepStatsView): string {
  const hints = view.isSelf
    ? [view.stats.period.inProgress ? '`/stats last week`' : '`/stats` for this week and your targets', '`/stats deals`', '`/log 4 calls`']
    : ['`/stats @rep last week`', '`/stats @rep deals`'];
  return `${view.stats.period.rangeText} · ${hints.join(' · ')}`;
}
