/**
 * A worker thread that answers `/stats`: it reads SQLite through its own connection and renders the
 * blocks for the main thread to send. better-sqlite3 is synchronous, so doing this on the main thread
 * would hold up every other request's ack behind the query.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../../db/client';
import { getRepDealsById } from '../../services/stats/get-rep-deals';
import { getRepStatsById } from '../../services/stats/get-rep-stats';
import { renderRepDeals } from '../blocks/deals';
import { renderRepStats } from '../blocks/rep-stats';
import { type TStatsJob, type TStatsJobResult, ZStatsJob } from './stats-job';

const { dbPath } = workerData as { dbPath: string };
const db = openDb(dbPath, { migrate: false });

parentPort!.on('message', async (message: unknown) => {
  const parsed = ZStatsJob.safeParse(message);
  if (!parsed.success) return;
  const job = parsed.data;
  let result: TStatsJobResult;
  try {
    result = { id: job.id, ok: true, json: JSON.stringify(job.deals ? await dealsView(job) : await statsView(job)) };
  } catch (error) {
    result = { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result);
});
parentPort!.postMessage({ ready: true });

async function statsView(job: TStatsJob) {
  const found = await getRepStatsById(db, job.repPersonId, job.period, new Date(job.nowMs));
  if (!found) throw new Error(`no person ${job.repPersonId}`);
  const { rep, stats, stages, coaching } = found;
  return renderRepStats({ personName: rep.name, isSelf: job.isSelf, stats, stages, coaching, showTargets: job.showTargets });
}

async function dealsView(job: TStatsJob) {
  const period = job.deals?.period;
  const found = await getRepDealsById(db, job.repPersonId, new Date(job.nowMs), { viewerIsRep: job.isSelf, ...(period ? { period } : {}) });
  if (!found) throw new Error(`no person ${job.repPersonId}`);
  return renderRepDeals(found);
}
