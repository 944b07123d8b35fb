import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { parseStatsArgs } from '../domain/command-text';
import { previewDeals, previewStats } from '../services/stats/preview-stats';
import { renderRepDeals } from '../slack/blocks/deals';
import { renderRepStats } from '../slack/blocks/rep-stats';
import { blocksToPlainText } from '../slack/blocks/plain-text';

/**
 * `preview stats <user> [period] [deals]`: the person's own `/stats` (this week by default, or what the words
 * ask, as `/stats` reads them) as they would get it at `now`, as text and Block Kit JSON. Exit code 0, 2 when the
 * words are not something `/stats` takes.
 */
export async function printStatsPreview(db: TDb, person: TPersonRow, now: Date, words = ''): Promise<number> {
  const args = parseStatsArgs(words);
  if (!args.ok || args.repUserId) {
    console.error(args.ok ? 'preview stats shows the person\'s own /stats: give their user id instead of a mention.' : args.message);
    return 2;
  }
  const message = args.deals
    ? renderRepDeals(await previewDeals(db, person, now, args.deals.period))
    : await (async () => {
        const { stats, stages, coaching } = await previewStats(db, person, now, args.period);
        return renderRepStats({ personName: person.name, isSelf: true, stats, stages, coaching, showTargets: args.showTargets === true });
      })();
  const typed = words.trim() ? ` ${words.trim()}` : '';
  console.log(`/stats${typed} of ${person.name || person.slackUserId} (${person.tz}), as of ${now.toISOString()}\n`);
  console.log(blocksToPlainText(message.blocks));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder):\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}`);
  return 0;
}
