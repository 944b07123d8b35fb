import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { previewDigest } from '../services/digests/preview-digest';
import { digestToPlainText, renderRepDigest, renderTeamDigest } from '../slack/blocks/digest';

/**
 * `preview digest <user>`: the digest the person would get if it went out at `now` — a rep's own digest, or a
 * manager's team digest — as text and Block Kit JSON. Only reads. Exit codes as `preview`: 0 ok, 1 nothing to show.
 */
export async function printDigestPreview(db: TDb, person: TPersonRow, now: Date): Promise<number> {
  const who = person.name || person.slackUserId;
  const preview = await previewDigest(db, person, now);
  if (preview.kind === 'none') {
    console.error(`${who} is a ${person.role} with no reps, so they get no digest.`);
    return 1;
  }
  const title = preview.kind === 'rep' ? `Weekly digest of ${who} (${person.tz})` : `Team digest of ${who} (${person.tz})`;
  const message = preview.kind === 'rep' ? renderRepDigest(preview.view) : renderTeamDigest(preview.view);
  console.log(`${title}, as of ${now.toISOString()}\n`);
  console.log(digestToPlainText(message));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder):\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}`);
  return 0;
}
