import { z } from 'zod';
import type { TDb } from '../../db/client';
import { previewBrief } from '../services/briefs/preview-brief';
import { findPeopleBySlackId } from '../services/people/find-people-by-slack-id';
import { printDigestPreview } from './preview-digest';
import { printHomePreview } from './preview-home';
import { printStatsPreview } from './preview-stats';
import { renderBrief } from '../slack/blocks/brief';
import { blocksToPlainText } from '../slack/blocks/plain-text';

const USAGE = `Usage: npm run cli -- preview <brief|digest|home|stats> <slack-user-id> [stats words…] [--now <ISO-8601>] [--workspace T…]
  brief         the pre-1:1 brief on that rep, as their manager would get it (plain text, then Block Kit JSON)
  digest        that person's weekly digest (a manager: their team digest) as if sent at --now
  home          that person's Home tab (a rep's dashboard, a manager's team view) as if opened at --now
  stats         that person's own /stats as if typed at --now; after the user id, what they would type:
                a period and/or 'deals' (e.g. \`preview stats U0123ABCD last month\`, \`… U0123ABCD deals\`)
  --now         as if at this instant, with its offset (e.g. 2026-11-24T09:00:00Z)
  --workspace   the Slack team id; needed only when the database holds several workspaces`;

const ZInstant = z.iso.datetime({ offset: true });

const SURFACES = ['brief', 'digest', 'home', 'stats'] as const;
const isSurface = (surface: string): surface is (typeof SURFACES)[number] => (SURFACES as readonly string[]).includes(surface);

type TPreviewArgs = { surface: string; userId: string; now?: string; workspace?: string; words: string[] };

/**
 * `preview <surface> <user>`: what someone would see in Slack, printed — without Slack, without
 * authorization checks (an admin's tool on their own database, `dbPath` as named in messages).
 * Exit codes: 0 ok, 1 not found, 2 usage.
 */
export async function previewCommand(args: string[], db: TDb, dbPath: string): Promise<number> {
  const parsed = parsePreviewArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    return 2;
  }
  if (!isSurface(parsed.surface)) {
    console.error(`Unknown preview '${parsed.surface}'.\n${USAGE}`);
    return 2;
  }
  const now = parsed.now === undefined ? new Date() : new Date(parsed.now);
  // Date.parse accepts many shapes; an instant needs a date, a time and an offset to mean one thing.
  if (parsed.now !== undefined && (!ZInstant.safeParse(parsed.now).success || Number.isNaN(now.getTime()))) {
    console.error(`--now must be an ISO-8601 instant with a UTC offset, e.g. 2026-11-24T09:00:00Z (got '${parsed.now}').`);
    return 2;
  }
  const found = await findPeopleBySlackId(db, parsed.userId, parsed.workspace);
  if (found.length === 0) {
    console.error(`No one with Slack user id ${parsed.userId} in ${parsed.workspace ?? dbPath}.`);
    return 1;
  }
  if (found.length > 1) {
    console.error(`${parsed.userId} is in several workspaces (${found.map((p) => p.workspaceId).join(', ')}): add --workspace T….`);
    return 2;
  }
  const rep = found[0]!;
  if (parsed.surface === 'digest') return printDigestPreview(db, rep, now);
  if (parsed.surface === 'home') return printHomePreview(db, rep, now);
  if (parsed.surface === 'stats') return printStatsPreview(db, rep, now, parsed.words.join(' '));
  const preview = await previewBrief(db, rep, now);
  if (!preview.manager) {
    console.error(`${rep.name || rep.slackUserId} has no manager, so no one gets a brief on them. Set one with \`/coach team add\` or the people import.`);
    return 1;
  }
  const message = renderBrief(preview.brief);
  console.log(`Brief on ${rep.name} for ${preview.manager.name} (${preview.manager.tz}), as of ${now.toISOString()}\n`);
  console.log(blocksToPlainText(message.blocks));
  console.log(`\nBlock Kit JSON (paste into Slack's Block Kit Builder):\n${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}`);
  return 0;
}

function parsePreviewArgs(args: string[]): TPreviewArgs | string {
  const [surface, ...rest] = args;
  if (!surface || surface.startsWith('--')) return 'What to preview? brief, digest, home or stats.';
  const result: Partial<TPreviewArgs> & { surface: string; words: string[] } = { surface, words: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--now' || arg === '--workspace') {
      const value = rest[++i];
      if (!value || value.startsWith('--')) return `${arg} needs a value.`;
      if (arg === '--now') result.now = value;
      else result.workspace = value;
    } else if (arg.startsWith('--')) return `Unexpected argument '${arg}'.`;
    else if (result.userId === undefined) result.userId = arg;
    // `preview stats U… last month deals`: the words of the /stats command.
    else if (surface === 'stats') result.words.push(arg);
    else return `Unexpected argument '${arg}'.`;
  }
  if (!isSurface(surface)) return { ...result, userId: result.userId ?? '' };
  if (!result.userId) {
    if (surface === 'home') return 'Whose Home tab? Give a Slack user id, e.g. U0123ABCD.';
    if (surface === 'stats') return 'Whose /stats? Give a Slack user id, e.g. U0123ABCD.';
    return surface === 'digest' ? 'Whose digest? Give a Slack user id, e.g. U0123ABCD.' : 'Whose brief? Give the Slack user id of the rep, e.g. U0123ABCD.';
  }
  return { ...result, userId: result.userId };
}
