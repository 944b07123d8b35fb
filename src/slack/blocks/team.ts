import type { KnownBlock } from '@slack/types';
import { escapeText, truncate } from './escape';
import { context, header, section } from './format';
import { fitFallbackText, fitMessage, MAX_SECTION_TEXT } from './limits';

export type TTeamRepRow = {
  slackUserId: string;
  name: string;
  weekTotal: number;
  trendSparkline: string;
  lastActivityLabel: string | null;
};
export type TTeamView = { managerName: string; reps: TTeamRepRow[] };

// Room left in each section so a rep's line is never cut by the section limit.
const SECTION_BUDGET = MAX_SECTION_TEXT - 200;
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
  const blocks: KnownBlock[] = [header(title), ...chunkLines(view.reps.map(repLine)).map(section)];
  const reps = view.reps.length === 1 ? '1 rep' : `${view.reps.length} reps`;
  blocks.push(
    context(`${escapeText(view.managerName)} · ${reps} · totals for this week · \`/stats @rep\` for details · \`/coach team add @rep\``),
  );
  const named = view.reps.slice(0, FALLBACK_REPS).map((rep) => `${truncate(escapeText(rep.name), 40)} ${rep.weekTotal}`);
  const more = view.reps.length > FALLBACK_REPS ? `, and ${view.reps.length - FALLBACK_REPS} more` : '';
  const summary = `${named.join(', ')}${more}`;
  return { blocks: fitMessage(blocks), text: fitFallbackText(`Your team (${reps}) this week: ${summary}`) };
}

function repLine(rep: TTeamRepRow): string {
  // The mention is ours, built from an id we checked; anything else falls back to the escaped name.
  const who = SLACK_USER_ID.test(rep.slackUserId) ? `<@${rep.slackUserId}>` : `*${truncate(escapeText(rep.name), 80)}*`;
  const spark = rep.trendSparkline ? ` \`${rep.trendSparkline.replace(/`/g, '')}\`` : '';
  const last = rep.lastActivityLabel ? `last activity ${truncate(escapeText(rep.lastActivityLabel), 80)}` : 'nothing logged yet';
  return `${who} — *${rep.weekTotal.toLocaleString('en-US')}* this week${spark} · ${last}`;
}

/** Lines grouped into section-sized texts, never splitting a line. */
function chunkLines(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > SECTION_BUDGET && current) {
      chunks.push(current);
      current = line;
      continue;
    }
    current = next;
  }
  if (current) chunks.push(current);
  return chunks;
}
