import type { TBriefActivity, TBriefPattern, TBriefView } from './view-models/brief';
import { escapeText, truncate } from './escape';
import { activityNoun, formatMoney } from './format';
import { MAX_SECTION_TEXT } from './limits';

/*
 * The sections of the manager's brief (brief.ts) in plain words, one short line per fact; plus the helpers
 * that keep people's text inert and lists within a section's size. The full detail is in brief-detail.ts.
 */

/** Outcome lists (won, moved on) name this many deals, then count the rest. */
const DEALS_NAMED = 5;
/** Dormant deals named on their one line; the rest are counted. */
const DORMANT_NAMED = 3;
/** A stage this many points below the team is worth a line of its own besides the focus. */
const BELOW_TEAM_POINTS = 0.1;
/** …and when enough of the rep's deals reached it to say so (one lost deal of one is not a pattern). */
const BELOW_TEAM_MIN_DEALS = 5;

export const pct = (rate: number) => `${Math.round(rate * 100)}%`;

/**
 * People's text on one line of mrkdwn: escaped (no `<!channel>`, mentions or links), backticks swapped for a
 * look-alike and newlines folded, so one item can neither open a code block over the next ones nor span lines.
 */
export function inline(text: string, max: number): string {
  const flat = text.replace(/`/g, 'ˋ').replace(/\s+/g, ' ').trim();
  return truncate(escapeText(flat), max) || '(empty)';
}

/**
 * The engine's sentences as a manager reads them on a phone: fractions rounded ("3.9 deals expected" →
 * "about 4 deals expected"), statistics' words dropped ("(31% raw)"), the rep in the third person. Money is left alone.
 */
export function plainWords(text: string): string {
  return text
    .replace(/\s*\((?:\d+% )?(?:raw|shrunk)[^)]*\)/gi, '')
    .replace(/(^|[^$\d.,])(?:about )?(\d+)\.(\d+)(?![\d%])/g, (_, lead: string, int: string, frac: string) => `${lead}about ${Math.round(Number(`${int}.${frac}`))}`)
    .replace(/\babout 1 (more )?won deals\b/g, 'about 1 $1won deal')
    .replace(/\byour (quota|goal)(['’]s)?\b/gi, (_, what: string, s: string | undefined) => `their ${what}${s ?? ''}`);
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
const count = (n: number, type: Parameters<typeof activityNoun>[0]) => `${n.toLocaleString('en-US')} ${activityNoun(type, n)}`;

/**
 * Activity against what the period asked for, one line per expectation; what was done without one on a single
 * "Also logged" line. No rates per week or per deal here: the detail view has them.
 */
export function activityText(activity: TBriefActivity): string {
  if (activity.kind === 'outcomes') return outcomesText(activity);
  if (activity.rows.length === 0) return 'Nothing logged, and no activity expectations.';
  const expected = activity.rows.filter((row) => row.expected !== null);
  const lines = expected.map((row) => {
    const noun = capitalized(activityNoun(row.type, 2));
    // Nothing was due yet in so short a period: no tick for meeting an expectation that did not exist.
    if (row.expected === 0) return `:white_circle: ${noun}: *${row.done}* — none due yet in this period`;
    const icon = row.done >= row.expected! ? ':white_check_mark:' : ':large_yellow_circle:';
    return `${icon} ${noun}: *${row.done}* of ${row.expected} expected`;
  });
  const others = activity.rows.filter((row) => row.expected === null && row.done > 0).map((row) => count(row.done, row.type));
  if (others.length > 0) lines.push(`${expected.length > 0 ? 'Also logged' : 'Logged'}: ${others.join(', ')}`);
  if (activity.total === 0) lines.push('Nothing logged in this period.');
  return fitLines(lines, MAX_SECTION_TEXT);
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

/** "1 in 5" for a share under a half, "60%" above; "none of 12" for none. */
function shareText(part: number, whole: number): string {
  if (part === 0 || whole === 0) return `none of ${whole}`;
  const share = part / whole;
  return share < 0.5 ? `1 in ${Math.round(1 / share)}` : pct(share);
}

/** "2.5×", "3×". */
const times = (ratio: number) => `${Math.round(ratio * 10) / 10}×`;

/**
 * The pattern across the rep's deals as one plain line: "Pattern: 5 of Diego's last 8 lost deals were lost
 * after Demo (team: 1 in 6)." or "Pattern: Diego's deals sit 3× longer in Proposal than the team's (typically
 * 24 days against 8, over 6 deals)."
 */
export function patternText(pattern: TBriefPattern, repName: string): string {
  const first = inline(repName.trim().split(/\s+/)[0] || 'the rep', 40);
  const stage = inline(pattern.stageName, 40);
  if (pattern.kind === 'lost-after') {
    const who = pattern.lost === pattern.of ? `All ${pattern.of} of ${first}'s last lost deals were` : `${pattern.lost} of ${first}'s last ${pattern.of} lost deals were`;
    return `:repeat: *Pattern:* ${who} lost after ${stage} (team: ${shareText(pattern.teamLost, pattern.teamOf)}).`;
  }
  const days = (n: number) => Math.max(1, Math.round(n));
  const rep = days(pattern.repMedianDays);
  return (
    `:hourglass: *Pattern:* ${first}'s deals sit ${times(pattern.ratio)} longer in ${stage} than the team's ` +
    `(typically ${rep} ${rep === 1 ? 'day' : 'days'} against ${days(pattern.teamMedianDays)}, over ${pattern.deals} deals).`
  );
}

/** The focus with its evidence, a pattern across the rep's deals when one stands out, and any other stage well below the team; every stage's rates are in the detail. */
export function conversionText(conversion: TBriefView['conversion'], pattern: string | null = null): string {
  const lines: string[] = [];
  const { focus } = conversion;
  if (focus) {
    const to = focus.toStageName ? ` → ${inline(focus.toStageName, 40)}` : '';
    lines.push(`:dart: *Focus: ${inline(focus.stageName, 40)}${to}*`, inline(plainWords(focus.evidenceText), 1200));
  } else lines.push('No focus: conversion is in line with the team, or there is not enough evidence yet to pick a stage.');
  if (pattern) lines.push(pattern);
  const below = conversion.rows.filter((row) => !row.isFocus && row.repRate !== null && row.teamRate !== null && row.teamRate - row.repRate >= BELOW_TEAM_POINTS && row.reached >= BELOW_TEAM_MIN_DEALS);
  const rate = (row: (typeof below)[number]) => `${inline(row.fromName, 40)} → ${inline(row.toName, 40)} ${pct(row.repRate!)} (team ${pct(row.teamRate!)})`;
  if (below.length > 0) lines.push(`${focus ? 'Also below the team' : 'Below the team'}: ${below.map(rate).join(' · ')}`);
  else if (focus && conversion.rows.some((row) => !row.isFocus && row.repRate !== null)) lines.push('Other stages: no clear gap to the team.');
  return fitLines(lines, MAX_SECTION_TEXT);
}

/** Stalled deals (a few, most worth a move first), then the dormant ones on one "close or revive?" line. */
export function dealsText(stalled: TBriefView['stalled'], dormantDeals: TBriefView['dormant']): string {
  const lines = stalled.deals.map((d) => `• ${inline(d.name, 80)} — ${inline(d.stageName, 40)}, no activity for ${d.idleDays} days`);
  if (stalled.more > 0) lines.push(`…and ${stalled.more} more stalled`);
  if (lines.length === 0) lines.push('No stalled deals — every open deal has moved recently.');
  const dormant = dormantDeals.deals;
  if (dormant.length > 0) {
    const names = dormant.slice(0, DORMANT_NAMED).map((d) => inline(d.name, 60));
    const rest = dormant.length > DORMANT_NAMED ? `, and ${dormant.length - DORMANT_NAMED} more` : '';
    const them = dormant.length === 1 ? 'it' : 'them';
    const what = dormant.length === 1 ? `1 deal idle over ${dormantDeals.overDays} days` : `${dormant.length} deals idle over ${dormantDeals.overDays} days`;
    lines.push(`💤 ${what}: ${names.join(', ')}${rest} — close ${them} or revive ${them}?`);
  }
  return fitLines(lines, MAX_SECTION_TEXT);
}
