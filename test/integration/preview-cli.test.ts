import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { count } from 'drizzle-orm';
import { closeDb, type TDb } from '../../db/client';
import { insertActivities } from '../../db/repositories/activities';
import { upsertOneOnOne } from '../../db/repositories/one-on-ones';
import { promoteToManager, setManager, type TPersonRow } from '../../db/repositories/people';
import { previewCommand } from '../../src/cli/preview';
import { addPerson } from '../support/db';
import { s } from '../support/tables';
import { sharedDb, type TSharedDb } from '../jobs/support/shared-db';

const WS = 'T0PREVIEW';

/*
 * `npm run cli -- preview …` on a database file: `preview stats` (SPEC §6) and `--now` reaching the brief's
 * relative meeting time. Each test builds the file, then runs the verb as the CLI would, on a fresh connection.
 */
describe('npm run cli -- preview', () => {
  let dir: string;
  let path: string;
  let shared: TSharedDb;
  let out: string[];
  let err: string[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'canopy-preview-'));
    path = join(dir, 'canopy.db');
    shared = await sharedDb(path);
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await closeDb(shared.db);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Ana (London) and her manager Morgan, a weekly Tuesday 10:00 1:1, Ana's calls on Monday 30 Nov. */
  async function seed(): Promise<void> {
    const db = shared.db;
    const ana = await addPerson(db, WS, 'U0ANA', { name: 'Ana', tz: 'Europe/London' });
    const morgan: TPersonRow = await addPerson(db, WS, 'U0MORGAN', { name: 'Morgan', tz: 'Europe/London' });
    await promoteToManager(db, morgan);
    await setManager(db, ana.id, morgan.id);
    await upsertOneOnOne(
      db,
      { workspaceId: WS, managerId: morgan.id, repId: ana.id, cadence: 'weekly', weekday: 2, localTime: '10:00', tz: 'Europe/London', anchorDate: '2026-11-03' },
      new Date('2026-11-01T00:00:00Z'),
    );
    await insertActivities(db, [{ workspaceId: WS, repId: ana.id, type: 'call', count: 7, occurredAt: new Date('2026-11-30T11:00:00Z'), dealId: null, stage: null, logEntryId: null }]);
  }

  async function run(args: string[]): Promise<{ code: number; text: string }> {
    const db: TDb = await shared.reopen();
    try {
      const code = await previewCommand(args, db, path);
      return { code, text: [...out, ...err].join('\n') };
    } finally {
      await closeDb(db);
    }
  }

  it("preview stats prints the person's own /stats as text and Block Kit JSON, as of --now, writing nothing", async () => {
    await seed();
    const { code, text } = await run(['stats', 'U0ANA', '--now', '2026-12-01T09:00:00Z']);
    expect(code).toBe(0);
    expect(text).toContain('/stats of Ana (Europe/London), as of 2026-12-01T09:00:00.000Z');
    expect(text).toContain('Your activity — This week');
    expect(text).toContain('7 calls');
    expect(text).toContain('"blocks": [');
    const reopened = await shared.reopen();
    const written = [...(await reopened.select({ n: count() }).from(s.deliveries)), ...(await reopened.select({ n: count() }).from(s.meetings))];
    expect(written.map((r) => r.n)).toEqual([0, 0]);
    await closeDb(reopened);
  });

  it('preview stats counts only the week of --now: a week later it is empty', async () => {
    await seed();
    const { code, text } = await run(['stats', 'U0ANA', '--now', '2026-12-08T09:00:00Z']);
    expect(code).toBe(0);
    expect(text).toContain('Nothing logged yet this week');
    expect(text).not.toContain('7 calls');
  });

  it('preview stats takes what the person would type after /stats: a period, deals', async () => {
    await seed();
    const lastWeek = await run(['stats', 'U0ANA', 'last', 'week', '--now', '2026-12-08T09:00:00Z']);
    expect(lastWeek.code).toBe(0);
    expect(lastWeek.text).toContain('/stats last week of Ana');
    expect(lastWeek.text).toContain('Your activity — Last week');
    expect(lastWeek.text).toContain('7 calls');
    const deals = await run(['stats', 'U0ANA', 'deals', '--now', '2026-12-08T09:00:00Z']);
    expect(deals.code).toBe(0);
    expect(deals.text).toContain('Your open deals');
    const bad = await run(['stats', 'U0ANA', 'fortnight']);
    expect(bad.code).toBe(2);
    expect(bad.text).toContain("I don't know the period `fortnight`");
  });

  it.each([
    { args: ['stats'], want: 'Whose /stats?' },
    { args: ['stats', 'U0NOBODY'], want: 'No one with Slack user id U0NOBODY' },
    { args: ['nope', 'U0ANA'], want: "Unknown preview 'nope'" },
  ])('preview $args: a clear message and the usage naming stats', async ({ args, want }) => {
    await seed();
    const { code, text } = await run(args);
    expect(code).not.toBe(0);
    expect(text).toContain(want);
    if (code === 2) expect(text).toContain('preview <brief|digest|home|stats>');
  });

  it.each([
    { now: '2026-12-01T09:00:00Z', want: 'Tue 1 Dec, 10:00 (in 60 min)' },
    { now: '2026-12-08T08:30:00Z', want: 'Tue 8 Dec, 10:00 (in 90 min)' },
    { now: '2026-12-14T10:00:00Z', want: 'Tue 15 Dec, 10:00 (in 24 h)' },
  ])('a brief previewed at $now says when the 1:1 is relative to --now, not the clock', async ({ now, want }) => {
    await seed();
    const { code, text } = await run(['brief', 'U0ANA', '--now', now]);
    expect(code).toBe(0);
    expect(text).toContain(want);
    expect(text).not.toMatch(/in \d+ days/);
  });
});
