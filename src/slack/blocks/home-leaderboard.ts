import type { KnownBlock } from '@slack/types';
import type { THomeView } from './view-models/home';
import { escapeText, truncate } from './escape';
import { context, divider, section } from './format';

/** Won deals listed on the Home tab; the rest are counted ("and N more"). */
export const HOME_TEAM_WINS_MAX = 10;

/**
 * The team leaderboard, when the team turned it on in setup: the deals the team won this quarter by name and who
 * won them (first names, never mentions), most recent first. No amounts, ranks or counts per rep (SPEC §2).
 */
export function teamWinsBlocks(view: Pick<THomeView, 'teamWins'>): KnownBlock[] {
  const board = view.teamWins;
  if (!board) return [];
  const heading = `*Won by your team this quarter* · ${escapeText(board.quarterLabel)}`;
  const note = context('On because your team turned the leaderboard on in `/coach setup`: deal names and who won them — no amounts, no ranks.');
  if (board.wins.length === 0) return [divider(), section(`${heading}\nNo deals won yet this quarter.`), note];
  const shown = board.wins.slice(0, HOME_TEAM_WINS_MAX);
  const lines = shown.map((w) => `:trophy: ${truncate(escapeText(w.dealName), 80)} — ${truncate(escapeText(w.repFirstName), 40)}`);
  const more = board.wins.length - shown.length;
  if (more > 0) lines.push(`_and ${more} more_`);
  return [divider(), section(`${heading}\n${lines.join('\n')}`), note];
}
