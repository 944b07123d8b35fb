import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../../db/client';
import type { TPersonRow } from '../../db/repositories/people';
import { createSyntheticTeam } from '../../src/cli/demo/synthetic-team';
import { getFocus } from '../../src/services/coaching/get-focus';
import { getRepCoaching } from '../../src/services/coaching/get-rep-coaching';
import { recomputeWorkspace } from '../../src/services/coaching/recompute-workspace';
import { buildRepDigest } from '../../src/services/digests/build-digest';
import { getHome } from '../../src/services/home/get-home';
import { findPerson } from '../../src/services/people/find-person';
import { getRepStats } from '../../src/services/stats/get-rep-stats';
import { getTeamView } from '../../src/services/teams/get-team-view';
import { renderRepDigest } from '../../src/slack/blocks/digest';
import { renderFocus } from '../../src/slack/blocks/focus';
import { renderHome } from '../../src/slack/blocks/home';
import { blocksToPlainText } from '../../src/slack/blocks/plain-text';
import { renderRepStats } from '../../src/slack/blocks/rep-stats';
import { renderTeam } from '../../src/slack/blocks/team';
import { memoryDb } from '../support/db';
import { s } from '../support/tables';

/*
 * Privacy (SPEC §2): a rep never sees their rank among peers. Without goals or quotas the tiers fall back to
 * the team's percentiles — the case where rank wording exists at all — so every rep-facing rendering
 * (`/stats`, `/stats targets`, Home, the digest, `/coach focus`) is checked for it; the manager's `/coach team`
 * may show it.
 */
const W = 'T0PRIVACY';
const NOW = DateTime.fromISO('2026-11-30T10:00:00', { zone: 'America/New_York' });
// Rank in any form: "bottom 25%", "top quarter", a percentile, a rank, the team's median or middle.
const RANK = /\b(top|bottom)\s+(\d+\s*%|quarter|half|third|performer)|percentile|\branked?\b|\bmedian\b|middle of the team/i;

let db: TDb;
let reps: TPersonRow[];
let manager: TPersonRow;

beforeAll(async () => {
  db = await memoryDb();
  const team = await createSyntheticTeam(db, { workspaceId: W, managers: 1, repsPerManager: 5, now: NOW.toUTC() });
  await db.update(s.people).set({ quota: null });
  for (const nightsAgo of [2, 1, 0]) await recomputeWorkspace(db, { workspaceId: W, now: NOW.minus({ days: nightsAgo, hours: 8 }).toJSDate() });
  reps = [];
  for (const r of team.reps) reps.push((await findPerson(db, W, r.slackUserId))!);
  manager = (await findPerson(db, W, team.managerSlackIds[0]!))!;
});

describe("reps never see their rank; managers may see the team's context", () => {
  it('the engine placed these reps by percentile (the manager-only team context says so)', async () => {
    const contexts = await Promise.all(reps.map(async (rep) => (await getRepCoaching(db, rep.id, NOW.toJSDate()))?.tier.teamContext ?? ''));
    expect(contexts.some((text) => /percentile/.test(text))).toBe(true);
  });

  it('no rep-facing rendering contains top/bottom/percentile/rank wording', async () => {
    const now = NOW.toJSDate();
    for (const rep of reps) {
      const rendered: Record<string, { blocks: unknown[] }> = {};
      for (const showTargets of [false, true]) {
        const { stats, stages, coaching } = await getRepStats(db, rep, 'week', now);
        rendered[`/stats${showTargets ? ' targets' : ''}`] = renderRepStats({ personName: rep.name, isSelf: true, stats, stages, coaching, showTargets });
      }
      rendered.home = renderHome(await getHome(db, rep, now)) as { blocks: unknown[] };
      rendered.digest = renderRepDigest(await buildRepDigest(db, rep, { dueAt: now, now }));
      rendered.focus = renderFocus(await getFocus(db, rep, rep, now));
      for (const [surface, message] of Object.entries(rendered)) {
        const text = `${blocksToPlainText(message.blocks as Parameters<typeof blocksToPlainText>[0])}\n${JSON.stringify(message)}`;
        const hit = RANK.exec(text);
        expect(hit ? text.slice(Math.max(0, hit.index - 80), hit.index + 40) : undefined, `${surface} for ${rep.name}`).toBeUndefined();
      }
    }
  });

  it("the manager's /coach team shows the team context", async () => {
    const text = blocksToPlainText(renderTeam(await getTeamView(db, manager, NOW.toJSDate())).blocks);
    expect(text).toMatch(/percentile/);
  });
});
