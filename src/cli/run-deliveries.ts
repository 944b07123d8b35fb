import { Queue } from 'bullmq';
import type { TDb } from '../../db/client';
import { enqueueDeliveries } from '../../jobs/definitions';
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, redisConnection } from '../../jobs/queues';
import { cleanEnv, describeEnvIssues, ZSlackSenderEnv, ZStorageEnv } from '../config/env';
import { deliverDue } from '../services/deliveries/deliver-due';
import { previewDueDeliveries } from '../services/deliveries/preview-due-deliveries';
import { type TDeliverDueOutcome } from '../services/deliveries/due-deliveries';
import type { TPlannedItem } from '../services/deliveries/plan-deliveries';
import { planDeliveriesWhenFree } from '../services/deliveries/plan-deliveries-when-free';
import { createWorkspaceSenders, workspaceTokensFromEnv } from '../slack/workspace-senders';
import { parseNow, targetWorkspaces, type TRunArgs } from './run-args';

/** How long `run plan` waits for Redis before it says so and leaves the deliveries to `run deliver-due`. */
const REDIS_WAIT_MS = 2_000;

const minute = (at: Date) => `${at.toISOString().slice(0, 16)}Z`;

/**
 * `run plan`: records the briefs and reminders due soon (the same planner as the `plan` job), prints them,
 * and queues the ones to send for the worker when Redis answers. The plan is committed before anything is
 * queued; without Redis the rows wait as pending for `run deliver-due` or the next worker run.
 * `dbPath` names the database in messages.
 */
export async function runPlan(args: TRunArgs, db: TDb, dbPath: string): Promise<number> {
  const now = parseNow(args);
  if (typeof now === 'string') return usage(now);
  const env = ZStorageEnv.parse(cleanEnv());
  const targets = await targetWorkspaces(db, args, dbPath);
  if (typeof targets === 'string') return usage(targets);
  const toEnqueue: { deliveryId: number; workspaceId: string; dueAt: Date }[] = [];
  for (const workspaceId of targets) {
    const plan = await planDeliveriesWhenFree(db, { now, workspaceId, dryRun: args.dryRun });
    const dry = args.dryRun ? ' (dry run: nothing saved, nothing queued)' : '';
    console.log(`${workspaceId}: plan as of ${now.toISOString()}, due in ${minute(plan.window.from)} → ${minute(plan.window.to)}${dry}`);
    console.log(formatPlanTable(plan.items, args.dryRun));
    for (const problem of plan.problems) console.error(`  ${problem.subject} not planned: ${problem.message}`);
    toEnqueue.push(...plan.toEnqueue);
  }
  if (args.dryRun) return 0;
  if (toEnqueue.length === 0) {
    console.log('Nothing to queue.');
    return 0;
  }
  const queue = await connectDeliverQueue(env.REDIS_URL);
  if (!queue) {
    console.log(`Redis (${env.REDIS_URL}) did not answer within ${REDIS_WAIT_MS / 1000} s: the plan is saved, nothing was queued. Send what is due with \`npm run cli -- run deliver-due\`, or start \`npm run worker\`.`);
    return 0;
  }
  try {
    const result = await enqueueDeliveries(queue, toEnqueue, now);
    console.log(`Queued ${result.added} deliver job${result.added === 1 ? '' : 's'} (${result.unchanged} already queued, ${result.retried} re-armed).`);
  } finally {
    await queue.close();
  }
  return 0;
}

/**
 * `run deliver-due`: sends every delivery due by `--now` from this process, waiting out Slack's Retry-After.
 * With `--dry-run`, prints what each would say and touches neither Slack nor the database.
 */
export async function runDeliverDue(args: TRunArgs, db: TDb, dbPath: string): Promise<number> {
  const now = parseNow(args);
  if (typeof now === 'string') return usage(now);
  const slackEnv = ZSlackSenderEnv.safeParse(cleanEnv());
  if (!args.dryRun && !slackEnv.success) {
    console.error(`run deliver-due sends through Slack: ${describeEnvIssues(slackEnv.error)}. Set it (or use --dry-run to see what would be sent).`);
    return 2;
  }
  const targets = await targetWorkspaces(db, args, dbPath);
  if (typeof targets === 'string') return usage(targets);
  let unfinished = 0;
  // Each workspace's own token (OAuth), or the one bot token; null for a workspace that uninstalled Canopy (recorded skipped).
  const senders = slackEnv.success ? createWorkspaceSenders(workspaceTokensFromEnv(db, slackEnv.data), { apiUrl: slackEnv.data.SLACK_API_URL }) : undefined;
  for (const workspaceId of targets) {
    if (args.dryRun) {
      const previews = await previewDueDeliveries(db, { now, workspaceId });
      console.log(`${workspaceId}: ${previews.length} due by ${now.toISOString()} (dry run: nothing sent, nothing saved)`);
      for (const p of previews) {
        console.log(`\n#${p.delivery.id} ${p.delivery.kind} → ${p.delivery.recipientName} (${p.delivery.recipientSlackId}), due ${minute(p.delivery.dueAt ?? now)}`);
        console.log(p.action === 'send' ? indent(p.text) : `  would be ${p.reason}`);
      }
      continue;
    }
    const results = await deliverDue(db, senders!, {
      now,
      workspaceId,
      onRateLimited: (id, ms) => console.log(`#${id}: Slack asked us to wait ${Math.ceil(ms / 1000)} s (429); waiting.`),
    });
    console.log(`${workspaceId}: ${results.length} due by ${now.toISOString()}`);
    for (const { delivery, result } of results) {
      console.log(`#${delivery.id} ${delivery.kind} → ${delivery.recipientName} (${delivery.recipientSlackId}): ${describeOutcome(result)}`);
      if (result.outcome === 'retry_later' || result.outcome === 'failed') unfinished++;
    }
  }
  return unfinished > 0 ? 1 : 0;
}

/** A plan's rows as an aligned table: id, kind, recipient, due (UTC), status, reason. */
export function formatPlanTable(items: readonly TPlannedItem[], dryRun: boolean): string {
  if (items.length === 0) return '  Nothing due in this window.';
  const rows = items.map((item) => [
    dryRun && item.isNew ? '-' : `#${item.deliveryId}`,
    item.kind,
    `${item.recipientName} (${item.recipientSlackId})`,
    minute(item.dueAt),
    item.isNew ? item.status : `${item.status} (earlier)`,
    item.reason,
  ]);
  const header = ['id', 'kind', 'recipient', 'due (UTC)', 'status', 'reason'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function describeOutcome(result: TDeliverDueOutcome): string {
  switch (result.outcome) {
    case 'sent':
      return `sent (${result.channel} ${result.ts})`;
    case 'recovered':
      return `already in Slack from an earlier attempt (${result.channel} ${result.ts}); recorded as sent`;
    case 'already_done':
      return `already ${result.status}`;
    case 'skipped':
      return result.reason;
    case 'failed':
      return `failed: ${result.error} (not retried)`;
    case 'missing':
      return 'no longer exists';
    case 'retry_later':
      return `not sent yet: ${result.error}; left for the next run`;
  }
}

/** A producer connection that fails fast: null when Redis does not answer within REDIS_WAIT_MS. */
async function connectDeliverQueue(url: string): Promise<Queue | null> {
  const queue = new Queue(QUEUE_NAMES.deliver, { connection: redisConnection(url, 'producer'), prefix: DEFAULT_QUEUE_PREFIX });
  queue.on('error', () => {}); // reported below as "did not answer"
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), REDIS_WAIT_MS)));
  const ready = await Promise.race([queue.waitUntilReady().then(() => true, () => false), timeout]);
  clearTimeout(timer);
  if (ready) return queue;
  // Do not wait for a close that may itself wait on the connection; the CLI exits right after.
  void queue.close().catch(() => {});
  return null;
}

function usage(message: string): number {
  console.error(message);
  return 2;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
