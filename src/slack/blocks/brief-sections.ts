import type { KnownBlock } from '@slack/types';
import type { TBriefActivity, TBriefView } from './view-models/brief';
import { escapeText, truncate } from './escape';
import { activityNoun, context, formatMoney, section } from './format';
import { MAX_SECTION_TEXT } from './limits';

/*
 * The longer sections of the manager's brief (brief.ts): activity or outcomes, and conversion vs. the
 * team; plus the helpers that keep people's text inert and lists within a section's size.
 */

/** Outcome lists (won, moved on) name this many deals, then count the rest. */
const DEALS_NAMED = 8;

export const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/**
 * People's text on one line of mrkdwn: escaped (no `<!channel>`, mentions or links), backticks swapped for a
 * look-alike and newlines folded, so one item can neither open a code block over the next ones nor span lines.
 */
export function inline(text: string, max: number): string {
  const flat = text.replace(/`/g, 'ˋ').replace(/\s+/g, ' ').trim();
  return truncate(escapeText(flat), max) || '(empty)';
}

/** Lines joined while they fit in `budget` characters, then '…and N more' (N counts `extra` unlisted ones too). */
export function fitLines(lines: readonly string[], budget: number, extra = 0): string {
  const more = (n: number) => `…and ${n} more`;
  const all = lines.join('\n');
  const tail = extra > 0 ? `\n${more(extra)}` : '';
  if (all.length + tail.length <= budget) return `${all}${tail}`;
  // Room for the longest possible tail; lines are kept whole.
  const reserve = more(lines.length + extra).length + 1;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const cost = line.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > budget - reserve) break;
    kept.push(line);
    used += cost;
  }
  return [...kept, more(lines.length - kept.length + extra)].join('\n');
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Activity vs. the period's expectations and the stages it fed; or, for an autonomous rep, outcomes only. */
export function activityText(activity: TBriefActivity): string {
  if (activity.kind === 'outcomes') return outcomesText(activity);
  if (activity.rows.length === 0) return 'Nothing logged in this period, and no activity expectations.';
  const lines = activity.rows.map((row) => {
    const noun = capitalized(activityNoun(row.type, 2));
    if (row.expected === null) return `• ${noun}: *${row.done}*`;
    const icon = row.done >= row.expected ? ':white_check_mark:' : ':large_yellow_circle:';
    const per = row.per === 'day' ? `${row.amount} a day` : `${row.amount} a week`;
    return `${icon} ${noun}: *${row.done}* of ${row.expected} expected (${per})`;
  });
  const fed = activity.byStage.map((s) => `${inline(s.name, 40)} ${s.count}`);
  const tail = activity.total === 0 ? ['Nothing logged in this period.'] : [`*Fed:* ${fed.join(' · ')}`];
  return fitLines([...lines, ...tail], MAX_SECTION_TEXT);
}

function outcomesText(activity: Extract<TBriefActivity, { kind: 'outcomes' }>): string {
  const lines: string[] = [];
  const { goal } = activity;
  if (goal) {
    const what = goal.source === 'goal' ? `Goal for ${goal.label}` : `Quota for ${goal.label}`;
    const amount = (n: number) => (goal.metric === 'revenue' ? formatMoney(n) : `${n}`);
    const unit = goal.metric === 'revenue' ? ' won' : ` ${goal.target === 1 ? 'deal' : 'deals'} won`;
    lines.push(`*${escapeText(what)}:* ${amount(goal.achieved)} of ${amount(goal.target)}${unit}${goal.achieved >= goal.target ? ' :tada:' : ''}`);
  } else lines.push('No goal or quota set — `/coach goals` to agree one.');
  const named = <T>(items: readonly T[], show: (item: T) => string) => {
    const shown = items.slice(0, DEALS_NAMED).map(show).join(', ');
    return items.length > DEALS_NAMED ? `${shown} and ${items.length - DEALS_NAMED} more` : shown;
  };
  const won = activity.won;
  lines.push(
    won.length === 0
      ? '*Won:* none in this period'
      : `:trophy: *Won:* ${won.length} — ${named(won, (d) => `${inline(d.name, 60)}${d.amountCents ? ` (${formatMoney(d.amountCents)})` : ''}`)}`,
  );
  const moved = activity.advanced;
  lines.push(moved.length === 0 ? '*Moved on:* none in this period' : `*Moved on:* ${moved.length} — ${named(moved, (d) => `${inline(d.name, 60)} → ${inline(d.stageName, 40)}`)}`);
  return fitLines(lines, MAX_SECTION_TEXT);
}

/** One line per stage (the rep's rate, its deals, the team's), the focus marked, then its evidence. */
export function conversionBlocks(conversion: TBriefView['conversion']): KnownBlock[] {
  const lines = conversion.rows.map((row) => {
    const rep = row.repRate === null ? '—' : `*${pct(row.repRate)}*`;
    const team = row.teamRate === null ? 'team —' : `team ${pct(row.teamRate)}`;
    const mark = row.isFocus ? ':dart: ' : '• ';
    return `${mark}${inline(row.fromName, 40)} → ${inline(row.toName, 40)}: ${rep} (${row.advanced} of ${row.reached}) · ${team}`;
  });
  const rates = lines.length > 0 ? fitLines(lines, MAX_SECTION_TEXT) : 'No stages in the selling system yet.';
  const { focus } = conversion;
  const focusText = focus
    ? `:dart: *Focus: ${inline(focus.stageName, 40)}${focus.toStageName ? ` → ${inline(focus.toStageName, 40)}` : ''}*\n${inline(focus.evidenceText, 2000)} _(as of the nightly recompute)_`
    : 'No focus area: conversion is in line with the team, or there is not yet enough evidence to pick one.';
  return [section(rates), section(focusText), context(`Last ${conversion.windowDays} days: deals that reached each stage and moved on, against the reps of the same manager.`)];
}
