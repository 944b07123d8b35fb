import type { TDb } from '../../db/client';
import { listReports, type TPersonRow } from '../../db/repositories/people';
import { buildRepDigest } from '../services/digests/build-digest';
import { buildTeamDigest } from '../services/digests/build-team-digest';
import { digestToPlainText, renderRepDigest, renderTeamDigest } from '../slack/blocks/digest';

/**
 * `preview digest <user>`: the digest the person would get if it went out at `now` — a rep's own digest, or a
 * manager's team digest — as text and Block Kit JSON. Only reads. Exit codes as `preview`: 0 ok, 1 nothing to show.
 */
export function previewDigest(db: TDb, person: TPersonRow, now: Date): number {
  const who = person.name || person.slackUserId;
  const options = { dueAt: now, now };
  let title: string;
  let message: ReturnType<typeof renderRepDigest>;
  if (person.role === 'rep') {
    title = `Weekly digest of ${who} (${person.tz})`;
    message = renderRepDigest(buildRepDigest(db, person, options));
  } else if (listReports(db, person.id).some((p) => p.role === 'rep')) {
    title = `Team digest of ${who} (${person.tz})`;
    message = renderTeamDigest(buildTeamDigest(db, person, options));
  } else {
    console.error(`${who} is a ${person.role} with no reps, so they get no digest.`);
    return 1;
  }
  console.log(`${title}, as of ${now.toISOString()}\n`);
  console.log(digestToPlainText(message));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder):\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}`);
  return 0;
}
