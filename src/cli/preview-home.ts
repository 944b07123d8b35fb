import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { previewHome } from '../services/home/preview-home';
import { renderHome, renderHomePlainText } from '../slack/blocks/home';

/**
 * `preview home <user>`: the person's Home tab as it would be published at `now` — a rep's dashboard, or
 * a manager's team view — as text and Block Kit JSON. Exit code 0.
 */
export async function printHomePreview(db: TDb, person: TPersonRow, now: Date): Promise<number> {
  const view = await previewHome(db, person, now);
  const kind = view.isManager ? 'team view' : 'dashboard';
  console.log(`Home tab of ${person.name || person.slackUserId} (${kind}, ${person.tz}), as of ${now.toISOString()}\n`);
  console.log(renderHomePlainText(view));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder, "App Home" preview):\n${JSON.stringify(renderHome(view), null, 2)}`);
  return 0;
}
