import type { TPersonRow } from '../../../../db/repositories/people';
import type { TTeamChange } from '../../../services/teams/team-rules';

const mention = (p: TPersonRow) => `<@${p.slackUserId}>`;
const list = (people: readonly TPersonRow[]) => people.map(mention).join(', ');

/** The reply to `/coach team add`: what changed, what didn't and why. */
export function describeTeamChange(change: TTeamChange): string {
  const lines: string[] = [];
  if (change.added.length) lines.push(`:white_check_mark: Added to your team: ${list(change.added)}.`);
  if (change.moved.length) lines.push(`:arrows_counterclockwise: Moved to your team from another manager: ${list(change.moved)}.`);
  if (change.already.length) lines.push(`Already on your team: ${list(change.already)}.`);
  for (const { person, why } of change.refused) lines.push(`:no_entry: Not added ${mention(person)} — ${why}.`);
  lines.push('See everyone with `/coach team`; their numbers with `/stats @rep`.');
  return lines.join('\n');
}

/** The reply to `/coach team remove`. */
export function describeTeamRemoval(result: { removed: TPersonRow[]; notOnTeam: TPersonRow[] }): string {
  const lines: string[] = [];
  if (result.removed.length) lines.push(`Removed from your team: ${list(result.removed)}.`);
  if (result.notOnTeam.length) lines.push(`Not on your team, so nothing changed: ${list(result.notOnTeam)}.`);
  return lines.join('\n');
}

/** The DM a rep gets when a manager adds them: who can now see their numbers, and why. */
export function describeJoinedTeam(manager: TPersonRow): string {
  return `${mention(manager)} added you to their team in Canopy. From now on they can see your numbers and coaching (as can admins) — nobody else can. \`/coach help\` shows what I do.`;
}
