import type { TTeamRepRow, TTeamView } from './view-models/team';
import type { KnownBlock } from '@slack/types';
import { TIER_ORDER } from '../../domain/coaching/tiers';
import { TIER_HEADINGS } from './tier-headings';
import { escapeText, truncate } from './escape';
import { context, header, section } from './format';
import { chunkLines, fitFallbackText, fitMessage } from './limits';
import { plainWords } from './brief-sections';

// Room left in each section so a rep's line is never cut by the section limit.
// The notification text names only the first few reps.
const FALLBACK_REPS = 10;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** A manager's team at a glance (`/coach team`): one line per rep with this week's total and trend. */
export function renderTeam(view: TTeamView): { blocks: KnownBlock[]; text: string } {
  const title = 'Your team';
  if (view.reps.length === 0) {
    const text = 'No reps on your team yet. Add them with `/coach team add @rep1 @rep2` and their numbers show up here.';
    return { blocks: fitMessage([header(title), section(text)]), text };
  }
  const blocks: KnownBlock[] = [header(title), ...tierSections(view.reps)];
  const reps = view.reps.length === 1 ? '1 rep' : `${view.reps.length} reps`;
  blocks.push(
    context(`${escapeText(view.managerName)} · ${reps} · totals for this week · \`/stats @rep\` for details · \`/coach team add @rep\``),
  );
  const named = view.reps.slice(0, FALLBACK_REPS).map((rep) => `${truncate(escapeText(rep.name), 40)} ${rep.weekTotal}`);
  const more = view.reps.length > FALLBACK_REPS ? `, and ${view.reps.length - FALLBACK_REPS} more` : '';
  const summary = `${named.join(', ')}${more}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(`Your team (${reps}) this week: ${summary}`) };
}

/** Reps grouped by tier (each with its reason, tier changes and new focus areas); a flat list before the first recompute. */
function tierSections(reps: readonly TTeamRepRow[]): KnownBlock[] {
  if (!reps.some((rep) => rep.coaching)) return chunkLines(reps.map(repLine)).map(section);
  const groups: string[][] = [];
  for (const tier of TIER_ORDER) {
    const members = reps.filter((rep) => rep.coaching?.tier === tier);
    if (members.length > 0) groups.push([TIER_HEADINGS[tier], ...members.flatMap((rep) => [repLine(rep), coachingLine(rep)])]);
  }
  const pending = reps.filter((rep) => !rep.coaching);
  if (pending.length > 0) groups.push(['*Not computed yet* — tiers are recomputed every night', ...pending.map(repLine)]);
  return groups.flatMap((lines) => chunkLines(lines).map(section));
}

function coachingLine(rep: TTeamRepRow): string {
  const c = rep.coaching!;
  const parts: string[] = [];
  if (c.changedFrom) parts.push(`:arrows_counterclockwise: was ${c.changedFrom}`);
  // The engine speaks to the rep ("your quota"); here the manager reads it about the rep.
  if (c.tier !== 'ramping') parts.push(truncate(escapeText(plainWords(c.reason)), 300));
  if (c.focusStage) parts.push(`${c.focusIsNew ? ':new: ' : ''}focus: ${truncate(escapeText(c.focusStage), 40)}`);
  return parts.length > 0 ? `      _${parts.join(' · ')}_` : '';
}

function repLine(rep: TTeamRepRow): string {
  // The mention is ours, built from an id we checked; anything else falls back to the escaped name.
  const who = SLACK_USER_ID.test(rep.slackUserId) ? `<@${rep.slackUserId}>` : `*${truncate(escapeText(rep.name), 80)}*`;
  const spark = rep.trendSparkline ? ` \`${rep.trendSparkline.replace(/`/g, '')}\`` : '';
  const last = rep.lastActivityLabel ? `last activity ${truncate(escapeText(rep.lastActivityLabel), 80)}` : 'nothing logged yet';
  return `${who} — *${rep.weekTotal.toLocaleString('en-US')}* this week${spark} · ${last}`;
}

