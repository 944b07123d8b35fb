import type { ActionsBlock, KnownBlock } from '@slack/types';
import { TIER_ORDER, type TTier } from '../../domain/coaching/tiers';
import type { TDigestSchedule, TDigestSuggestion, TRepDigestView, TTeamDigestRep, TTeamDigestView } from './view-models/digest';
import { escapeText, truncate } from './escape';
import { activityNoun, context, formatMoney, header, joinWithAnd, pluralizeActivity, section } from './format';
import { stageActivityLine } from './stage-activity';
import { HOME_SETTINGS_ACTION } from './home';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';
import { blocksToPlainText } from './plain-text';
import { carriedReviewBlocks, carriedReviewsText } from './review-dm';

type TMessage = { text: string; blocks: KnownBlock[] };

// Room left in each section so a line is never cut by the section limit.
const SECTION_BUDGET = MAX_SECTION_TEXT - 200;
const DEALS_LISTED = 5;
const NAME_MAX = 80;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const TIER_NAMES: Record<TTier, string> = { autonomous: 'Autonomous', guided: 'Guided', focused: 'Focused', ramping: 'Ramping' };

/**
 * A rep's weekly digest DM: last week against the week's expectations (outcomes only for autonomous reps),
 * deals and goal, the 8-week trend, the focus tip, the call reviews held back from their own DM, one next step,
 * and why it came with how to change it.
 */
export function renderRepDigest(view: TRepDigestView): TMessage {
  const blocks: KnownBlock[] = [header(`Your week — ${view.weekLabel}`)];
  if (view.showTargets) blocks.push(section(activityText(view)));
  blocks.push(section(dealsText(view)), section(trendText(view)));
  if (view.focus) blocks.push(section(`*Focus: ${name(view.focus.stageName, 60)}*\n:bulb: ${name(view.focus.tip, 1000)}`));
  // Call reviews whose own DM was held back (the budget, a pause, away): here instead, each with its "I tried it".
  blocks.push(...carriedReviewBlocks(view.reviews));
  blocks.push(section(`:dart: *This week:* ${suggestionText(honest(view))}`), context(whyText('weekly digest', view.schedule, view.homeUrl)), settingsButton());
  return { blocks: fitMessage(blocks), text: fitFallbackText(escapeText([`Your week (${view.weekLabel}): ${repSummary(view)}`, carriedReviewsText(view.reviews)].filter((t) => t !== '').join('. '))) };
}

/** A manager's weekly team digest: what to look at (tier changes, new focus areas, who fell behind), the team by tier, this week's 1:1s. */
export function renderTeamDigest(view: TTeamDigestView): TMessage {
  const blocks: KnownBlock[] = [header(`Your team's week — ${view.weekLabel}`)];
  if (view.reps.length === 0) {
    blocks.push(section('No reps on your team. Add them with `/coach team add @rep` and their week shows up here.'));
  } else {
    blocks.push(section(teamSummary(view.reps)), ...worthALook(view.reps).map(section), ...tierSections(view.reps).map(section));
  }
  blocks.push(section(oneOnOnesText(view)), context(whyText('team digest', view.schedule, view.homeUrl)), settingsButton());
  const total = view.reps.reduce((n, rep) => n + rep.weekTotal, 0);
  const reps = view.reps.length === 1 ? '1 rep' : `${view.reps.length} reps`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(`Your team's week (${escapeText(view.weekLabel)}): ${reps}, ${total.toLocaleString('en-US')} activities`) };
}

/** A digest for a terminal (`preview digest`, the demo). */
export function digestToPlainText(message: { blocks: readonly KnownBlock[] }): string {
  return blocksToPlainText(message.blocks);
}

function activityText(view: TRepDigestView): string {
  const targets = view.activity.filter((row) => row.expected !== null);
  const heading = targets.length > 0 ? '*Activity vs. expectations*' : '*Activity*';
  if (view.activity.length === 0) return `${heading}\nNothing logged last week.`;
  const lines = view.activity.map((row) => {
    const noun = capitalize(activityNoun(row.type, 2));
    if (row.expected === null) return `• ${noun} — *${row.done.toLocaleString('en-US')}*`;
    const met = row.done >= row.expected;
    const daily = row.daily !== null ? ` (${row.daily} a day)` : '';
    const short = met ? '' : ` — ${row.expected - row.done} short`;
    return `${met ? ':white_check_mark:' : ':large_yellow_circle:'} ${noun} — *${row.done.toLocaleString('en-US')}* of ${row.expected}${daily}${short}`;
  });
  const met = targets.filter((row) => row.done >= (row.expected ?? 0)).length;
  const tally = targets.length > 0 ? ` · ${met} of ${targets.length} expectations met` : '';
  const empty = view.total === 0 ? '\nNothing logged last week.' : `\n*${view.total.toLocaleString('en-US')}* activities in total${tally}`;
  const byStage = stageActivityLine(view.byStage);
  return `${heading}\n${lines.join('\n')}${empty}${byStage ? `\n${byStage}` : ''}`;
}

function dealsText(view: TRepDigestView): string {
  const { won, lost, advanced } = view.outcomes;
  const lines: string[] = [];
  if (won.length > 0) lines.push(`:trophy: Won: ${listed(won.map((d) => `${name(d.name, NAME_MAX)}${d.amountCents ? ` (${formatMoney(d.amountCents)})` : ''}`))}`);
  if (advanced.length > 0) lines.push(`Moved on: ${listed(advanced.map((d) => `${name(d.name, NAME_MAX)} → ${name(d.stageName, 40)}`))}`);
  if (lost > 0) lines.push(`Lost: ${lost}`);
  if (lines.length === 0) lines.push('No deals won or moved on last week.');
  if (view.goal) lines.push(goalLine(view.goal));
  const { deals, amountCents } = view.pipeline;
  lines.push(deals === 0 ? '*Pipeline:* no open deals' : `*Pipeline:* ${deals} open ${deals === 1 ? 'deal' : 'deals'}${amountCents > 0 ? ` · ${formatMoney(amountCents)}` : ''}`);
  return `*Deals*\n${lines.join('\n')}`;
}

function goalLine(goal: NonNullable<TRepDigestView['goal']>): string {
  const what = goal.source === 'goal' ? `Goal for ${goal.label}` : `Quota for ${goal.label}`;
  const money = goal.metric === 'revenue';
  const progress = money ? `${formatMoney(goal.achieved)} of ${formatMoney(goal.target)} won` : `${goal.achieved} of ${goal.target} ${goal.target === 1 ? 'deal' : 'deals'} won`;
  const left = goal.target - goal.achieved;
  return `*${escapeText(what)}:* ${progress}${left <= 0 ? ' — reached :tada:' : ` — ${money ? formatMoney(left) : left} to go`}`;
}

function trendText(view: TRepDigestView): string {
  const heading = '*Last 8 weeks*';
  if (view.trend.total.sum === 0) return `${heading}\nNo activity logged in these weeks.`;
  const line = (spark: string, label: string, total: number) => `\`${spark.replace(/`/g, '')}\` ${label} · ${total.toLocaleString('en-US')}`;
  const lines = [line(view.trend.total.sparkline, 'all activity', view.trend.total.sum), ...view.trend.byType.map((row) => line(row.sparkline, activityNoun(row.type, 2), row.sum))];
  return `${heading}\n${lines.join('\n')}`;
}

/** No praise for expectations that did not exist (SPEC §2): "every expectation met" needs at least one. */
function honest(view: TRepDigestView): TDigestSuggestion {
  const hadExpectations = view.activity.some((row) => row.expected !== null);
  return view.suggestion.kind === 'keep_going' && !hadExpectations ? { kind: 'keep_logging' } : view.suggestion;
}

function suggestionText(s: TDigestSuggestion): string {
  switch (s.kind) {
    case 'start_logging':
      return 'Nothing was logged last week. Log as you go — DM me `3 calls`, or `/log 3 calls, demo with Acme` — and next week’s digest has something to show.';
    case 'catch_up': {
      const missing = s.expected - s.done;
      return `Plan *${pluralizeActivity(s.type, missing)}* early in the week — ${activityNoun(s.type, 2)} were furthest behind last week (${s.done} of ${s.expected}).`;
    }
    case 'move_deal':
      return `Move *${name(s.dealName, NAME_MAX)}* on — it has sat in ${name(s.stageName, 40)} for ${s.idleDays} days without activity. One conversation to agree the next step?`;
    case 'close_goal':
      return `*${s.metric === 'revenue' ? formatMoney(s.left) : `${s.left} ${s.left === 1 ? 'deal' : 'deals'}`}* to go for your ${escapeText(s.label)} goal — which open deal can you close next?`;
    case 'try_focus':
      return `Try the focus tip in your next *${name(s.stageName, 60)}* conversation.`;
    case 'keep_going':
      return 'Every expectation met last week — keep the rhythm. :tada:';
    case 'keep_logging':
      return 'Keep logging as you go — DM me `3 calls` — and this digest keeps the tally for you.';
    case 'grow':
      return 'Goal reached :tada: — a good week to open the next big account, or to share what works with the team.';
    case 'set_goal':
      return 'No goal set for this quarter — propose one with `/coach goals` and your digest will track it.';
  }
}

function repSummary(view: TRepDigestView): string {
  const targets = view.activity.filter((row) => row.expected !== null);
  const won = view.outcomes.won.length;
  const parts = [
    view.showTargets ? (view.total === 0 ? 'nothing logged' : `${view.total.toLocaleString('en-US')} activities`) : '',
    targets.length > 0 ? `${targets.filter((row) => row.done >= (row.expected ?? 0)).length} of ${targets.length} expectations met` : '',
    won > 0 || !view.showTargets ? `${won} ${won === 1 ? 'deal' : 'deals'} won` : '',
  ].filter((p) => p !== '');
  return parts.join(', ');
}

function teamSummary(reps: readonly TTeamDigestRep[]): string {
  const total = reps.reduce((n, rep) => n + rep.weekTotal, 0);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    `*${count(reps.length, 'rep', 'reps')}*`,
    `*${total.toLocaleString('en-US')}* activities last week`,
    count(reps.filter((r) => r.changedFrom).length, 'tier change', 'tier changes'),
    count(reps.filter((r) => r.newFocus).length, 'new focus area', 'new focus areas'),
    `${reps.filter((r) => r.behind.length > 0).length} behind on expectations`,
  ];
  return parts.join(' · ');
}

/** Tier changes, new focus areas and who fell short last week, one section each (only those with someone in them). */
function worthALook(reps: readonly TTeamDigestRep[]): string[] {
  const changed = reps.filter((r) => r.changedFrom && r.tier).map((r) => `• ${who(r)} — ${TIER_NAMES[r.changedFrom!].toLowerCase()} → ${TIER_NAMES[r.tier!].toLowerCase()}`);
  const focus = reps.filter((r) => r.newFocus).map((r) => `• ${who(r)} — ${name(r.newFocus!, 60)}`);
  const behind = reps
    .filter((r) => r.behind.length > 0)
    .map((r) => `• ${who(r)} — ${r.behind.map((b) => `${activityNoun(b.type, 2)} ${b.done} of ${b.expected}`).join(', ')}`);
  const groups: [string, string[]][] = [
    [':arrows_counterclockwise: *Tier changes this week*', changed],
    [':new: *New focus areas*', focus],
    [':large_yellow_circle: *Behind on expectations last week*', behind],
  ];
  return groups.filter(([, lines]) => lines.length > 0).map(([heading, lines]) => fitLines(heading, lines));
}

const TIER_HEADINGS: Record<TTier, string> = {
  autonomous: '*Autonomous* — outcome goals only',
  guided: '*Guided* — weekly expectations',
  focused: '*Focused* — daily expectations and stage coaching',
  ramping: '*Ramping* — new, no tier judgement yet',
};

/** The team by tier, one line per rep with last week's total and the 8-week trend; sections never split a line. */
function tierSections(reps: readonly TTeamDigestRep[]): string[] {
  const groups: [string, TTeamDigestRep[]][] = TIER_ORDER.map((tier) => [TIER_HEADINGS[tier], reps.filter((r) => r.tier === tier)]);
  groups.push(['*Not computed yet* — tiers come with the nightly recompute', reps.filter((r) => r.tier === null)]);
  const line = (r: TTeamDigestRep) => `• ${who(r)} — *${r.weekTotal.toLocaleString('en-US')}* last week \`${r.trendSparkline.replace(/`/g, '') || ' '}\``;
  return groups.filter(([, members]) => members.length > 0).flatMap(([heading, members]) => chunk([heading, ...members.map(line)]));
}

function oneOnOnesText(view: TTeamDigestView): string {
  if (view.oneOnOnes.length === 0) return '*Your 1:1s this week*\nNone scheduled — `/coach 1on1 @rep weekly tue 10:00` sets one up.';
  const lines = view.oneOnOnes.map((o) => `• ${who({ slackUserId: o.repSlackUserId, name: o.repName })} — ${escapeText(o.whenText)}`);
  return fitLines('*Your 1:1s this week*', lines);
}

/** Every unsolicited message says why it came and how to tune or pause it (SPEC §2). */
function whyText(what: string, schedule: TDigestSchedule, homeUrl: string | null): string {
  // Without the app id there is no deep link; this DM is Canopy's own conversation, whose Home tab is at the top.
  const home = homeUrl ? `<${homeUrl}|Canopy’s Home tab>` : 'the Home tab at the top of this conversation';
  return `Your ${what}, ${escapeText(schedule.weekday)}s at ${escapeText(schedule.time)} (${escapeText(schedule.tz)}). Change it with Settings or \`/coach settings\`, or pause it with \`/coach pause 1w\`. More any time in ${home}.`;
}

function settingsButton(): ActionsBlock {
  return { type: 'actions', elements: [{ type: 'button', action_id: HOME_SETTINGS_ACTION, text: { type: 'plain_text', text: 'Settings', emoji: true }, value: 'digest' }] };
}

/** The mention is ours, built from an id we checked; anything else falls back to the escaped name. */
function who(person: { slackUserId: string; name: string }): string {
  return SLACK_USER_ID.test(person.slackUserId) ? `<@${person.slackUserId}>` : `*${name(person.name, NAME_MAX)}*`;
}

/** User text on one line: escaped, backticks and line breaks neutralised, truncated. */
function name(text: string, max: number): string {
  const flat = text.replace(/`/g, 'ˋ').replace(/\s+/g, ' ').trim();
  return truncate(escapeText(flat), max) || '(unnamed)';
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, DEALS_LISTED);
  return items.length > shown.length ? `${shown.join(', ')} and ${items.length - shown.length} more` : joinWithAnd(shown);
}

/** A heading and lines in one section, whole lines only, '…and N more' when they do not fit. */
function fitLines(heading: string, lines: readonly string[]): string {
  const kept: string[] = [heading];
  let used = heading.length;
  for (const [i, line] of lines.entries()) {
    const tail = `\n…and ${lines.length - i} more`;
    if (used + 1 + line.length + (i < lines.length - 1 ? tail.length : 0) > SECTION_BUDGET) return `${kept.join('\n')}${tail}`;
    kept.push(line);
    used += 1 + line.length;
  }
  return kept.join('\n');
}

/** Lines grouped into section-sized texts, never splitting a line. */
function chunk(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > SECTION_BUDGET && current) {
      chunks.push(current);
      current = line;
    } else current = next;
  }
  if (current) chunks.push(current);
  return chunks;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
