// @vitest-environment node
import type { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type TDb } from '../../db/client';
import { ensureWorkspace } from '../../db/repositories/workspaces';
import { RECOMPUTE_JOB, RECOMPUTE_JOB_OPTIONS } from '../../jobs/definitions';
import { ensureSchedules, NIGHTLY_RECOMPUTE_PATTERN, nightlyRecomputeSchedulerId } from '../../jobs/schedules';
import { memoryDb } from '../support/db';
import { s as tables } from '../support/tables';
import { newQueue, uniquePrefix } from './support/helpers';

describe.sequential('nightly recompute schedules', () => {
  const prefix = uniquePrefix('schedules');
  let db: TDb;
  // Two queue instances on one prefix stand for two worker processes starting at the same time.
  let first: Queue;
  let second: Queue;

  const setZone = async (id: string, timezone: string) => {
    await db.update(tables.workspaces).set({ timezone }).where(eq(tables.workspaces.id, id));
  };
  const schedulers = async () =>
    (await first.getJobSchedulers(0, -1))
      .map((s) => ({ key: s.key, name: s.name, pattern: s.pattern, tz: s.tz, data: s.template?.data }))
      .sort((a, b) => a.key.localeCompare(b.key));

  beforeAll(async () => {
    db = await memoryDb();
    await ensureWorkspace(db, 'T0AAA');
    await ensureWorkspace(db, 'T0BBB');
    await setZone('T0AAA', 'America/New_York');
    await setZone('T0BBB', 'Asia/Tokyo');
    first = newQueue(prefix);
    second = newQueue(prefix);
  });
  afterAll(async () => {
    await first?.obliterate({ force: true });
    await first?.close();
    await second?.close();
    if (db) await closeDb(db);
  });

  it('one scheduler per workspace, in its zone, however many workers start and however often', async () => {
    await Promise.all([ensureSchedules(first, db), ensureSchedules(second, db)]);
    const again = await ensureSchedules(second, db);
    await ensureSchedules(first, db);

    expect(again.unchanged.sort()).toEqual(['recompute-nightly-T0AAA', 'recompute-nightly-T0BBB']);
    expect(await schedulers()).toEqual([
      { key: 'recompute-nightly-T0AAA', name: RECOMPUTE_JOB, pattern: NIGHTLY_RECOMPUTE_PATTERN, tz: 'America/New_York', data: { workspaceId: 'T0AAA' } },
      { key: 'recompute-nightly-T0BBB', name: RECOMPUTE_JOB, pattern: NIGHTLY_RECOMPUTE_PATTERN, tz: 'Asia/Tokyo', data: { workspaceId: 'T0BBB' } },
    ]);
    // Exactly one pending run per workspace, at 02:00 local time, carrying the retry options.
    const delayed = await first.getDelayed();
    expect(delayed.map((j) => j.repeatJobKey).sort()).toEqual(['recompute-nightly-T0AAA', 'recompute-nightly-T0BBB']);
    const tokyo = delayed.find((j) => j.repeatJobKey === nightlyRecomputeSchedulerId('T0BBB'))!;
    const at = new Date(tokyo.opts.prevMillis!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(at)).toBe('02:00');
    expect(tokyo.opts).toMatchObject({ attempts: RECOMPUTE_JOB_OPTIONS.attempts, backoff: RECOMPUTE_JOB_OPTIONS.backoff });
  });

  it('follows a workspace that changes zone', async () => {
    await setZone('T0AAA', 'Europe/Paris');
    const result = await ensureSchedules(first, db);
    expect(result.updated).toEqual(['recompute-nightly-T0AAA']);
    expect((await first.getJobScheduler('recompute-nightly-T0AAA'))?.tz).toBe('Europe/Paris');
    expect(await first.getDelayedCount()).toBe(2);
  });

  it('drops the scheduler (and its pending run) of a workspace that no longer exists', async () => {
    await db.delete(tables.workspaces).where(eq(tables.workspaces.id, 'T0BBB'));
    const result = await ensureSchedules(second, db);
    expect(result.removed).toEqual(['recompute-nightly-T0BBB']);
    expect((await schedulers()).map((s) => s.key)).toEqual(['recompute-nightly-T0AAA']);
    expect((await first.getDelayed()).map((j) => j.repeatJobKey)).toEqual(['recompute-nightly-T0AAA']);
  });

  it('leaves schedulers it does not own alone', async () => {
    await first.upsertJobScheduler('some-other-scheduler', { pattern: '0 3 * * *' }, { name: 'other', data: {} });
    await ensureSchedules(first, db);
    expect((await first.getJobSchedulers(0, -1)).map((s) => s.key).sort()).toEqual(['recompute-nightly-T0AAA', 'some-other-scheduler']);
  });
});
