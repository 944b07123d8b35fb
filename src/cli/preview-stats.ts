import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { previewStats } from '../services/stats/preview-stats';
import { renderRepStats } from '../slack/blocks/rep-stats';
import { blocksToPlainText } from '../slack/blocks/plain-text';

/**
 * `preview stats <user>`: the person's own `/stats` (this week) as they would get it at `now`, as text and
 * Block Kit JSON. Exit code 0.
 */
export function printStatsPreview(db: TDb, person: TPersonRow, now: Date): number {
  const { stats, stages, coaching } = previewStats(db, person, now);
  const message = renderRepStats({ personName: person.name, isSelf: true, stats, stages, coaching });
  console.log(`/stats of ${person.name || person.slackUserId} (${person.tz}), as of ${now.toISOString()}\n`);
  console.log(blocksToPlainText(message.blocks));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder):\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}`);
  return 0;
}
