import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../db/client';
import { BENCH_WORKSPACE, benchDatabase } from './stats-data';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');
/** Copies of the 2,000-rep workspace: 10 × 2,000 = 20,000 reps. */
const COPIES = 10;
/** Managers (each with their 20 reps) per workspace: 100 managers per copy make 10 workspaces of 200 reps. */
const MANAGERS_PER_WORKSPACE = 10;
/** Id offsets per copy, so every copied row keeps its links by arithmetic alone (set-based SQL, no id maps). */
const PERSON_STRIDE = 10_000;
const DEAL_STRIDE = 1_000_000;

export const MANY_WORKSPACE_IDS = Array.from({ length: COPIES * 10 }, (_, i) => `T0RC${String(i + 1).padStart(3, '0')}`);

/**
 * 100 workspaces × 200 reps (10 managers × 20), ~13M activities and ~1.5M deals, for the nightly recompute
 * across many workspaces: the shared 2,000-rep workspace (`stats-data.ts`) copied ten times with
 * `INSERT … SELECT`, each copy's managers split ten to a workspace with their teams, deals and stage history.
 * Cached in bench/.data like the stats data (a minute or two to make).
 */
export async function manyWorkspacesDatabase(): Promise<{ path: string; workspaceIds: string[] }> {
  const path = join(DATA_DIR, 'recompute-100x200-v1.db');
  if (existsSync(path)) return { path, workspaceIds: MANY_WORKSPACE_IDS };
  const source = (await benchDatabase()).path;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  const started = Date.now();
  const db = openDb(tmp);
  const sqlite = db.$client;
  sqlite.exec(`attach database '${source.replaceAll("'", "''")}' as src`);
  // Manager m (0-based, by Slack id) of copy c goes to workspace c × 10 + ⌊m / 10⌋; their reps follow them.
  sqlite.exec(`
    create temp table manager_ws as
      select id, (row_number() over (order by slack_user_id) - 1) / ${MANAGERS_PER_WORKSPACE} as ws
      from src.people where workspace_id = '${BENCH_WORKSPACE}' and role = 'manager';
    create temp table person_ws as
      select p.id, coalesce(m.ws, r.ws) as ws from src.people p
      left join manager_ws m on m.id = p.id left join manager_ws r on r.id = p.manager_id
      where p.workspace_id = '${BENCH_WORKSPACE}' and coalesce(m.ws, r.ws) is not null;
    create temp table copies (c integer primary key);
  `);
  const wsId = (expr: string) => `'T0RC' || substr('00' || (${expr} + 1), -3)`;
  sqlite.transaction(() => {
    for (let c = 0; c < COPIES; c++) sqlite.prepare('insert into copies (c) values (?)').run(c);
    sqlite.exec(`
      insert into workspaces (id, name, timezone, settings, created_at, slack_app_id, activity_stage_map)
        select ${wsId('c.c * 10 + w.ws')}, 'Canopy Recompute Bench', s.timezone, s.settings, s.created_at, null, s.activity_stage_map
        from copies c, (select distinct ws from manager_ws) w, src.workspaces s where s.id = '${BENCH_WORKSPACE}';
      insert into stages (workspace_id, key, name, position, outcome, stale_after_days, aliases)
        select w.id, s.key, s.name, s.position, s.outcome, s.stale_after_days, s.aliases
        from workspaces w, src.stages s where s.workspace_id = '${BENCH_WORKSPACE}' and w.id like 'T0RC%';
      insert into people (id, workspace_id, slack_user_id, name, email, role, slack_admin, manager_id, tz, quota, is_bot, is_deleted, preferences, profile_refreshed_at, created_at)
        select p.id + c.c * ${PERSON_STRIDE}, ${wsId('c.c * 10 + x.ws')}, p.slack_user_id, p.name, p.email, p.role, p.slack_admin,
               p.manager_id + c.c * ${PERSON_STRIDE}, p.tz, p.quota, p.is_bot, p.is_deleted, p.preferences, p.profile_refreshed_at, p.created_at
        from copies c, src.people p join person_ws x on x.id = p.id
        order by p.manager_id is not null, c.c, p.id;
      insert into teams (workspace_id, manager_id, name, settings, created_at)
        select ${wsId('c.c * 10 + x.ws')}, t.manager_id + c.c * ${PERSON_STRIDE}, t.name, t.settings, t.created_at
        from copies c, src.teams t join person_ws x on x.id = t.manager_id;
      insert into deals (id, workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, closed_at, last_activity_at)
        select d.id + c.c * ${DEAL_STRIDE}, ${wsId('c.c * 10 + x.ws')}, d.rep_id + c.c * ${PERSON_STRIDE}, d.external_id, d.name, d.name_key, d.amount_cents,
               d.stage, d.furthest_stage, d.outcome, d.created_at, d.closed_at, d.last_activity_at
        from copies c, src.deals d join person_ws x on x.id = d.rep_id;
      insert into deal_stage_history (deal_id, stage, entered_at, log_entry_id, estimated)
        select h.deal_id + c.c * ${DEAL_STRIDE}, h.stage, h.entered_at, null, h.estimated from copies c, src.deal_stage_history h;
      insert into activities (workspace_id, rep_id, type, count, occurred_at, deal_id, stage, log_entry_id, import_ref, created_at)
        select ${wsId('c.c * 10 + x.ws')}, a.rep_id + c.c * ${PERSON_STRIDE}, a.type, a.count, a.occurred_at,
               a.deal_id + c.c * ${DEAL_STRIDE}, a.stage, null, null, a.created_at
        from copies c, src.activities a join person_ws x on x.id = a.rep_id
        order by c.c, a.rep_id, a.occurred_at;
    `);
  })();
  const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const made = { reps: (sqlite.prepare(`select count(*) as n from people where role = 'rep'`).get() as { n: number }).n, activities: count('activities'), deals: count('deals') };
  sqlite.exec('detach database src');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  renameSync(tmp, path);
  console.log(
    `generated ${MANY_WORKSPACE_IDS.length} workspaces, ${made.reps.toLocaleString('en-US')} reps, ${made.activities.toLocaleString('en-US')} activities, ${made.deals.toLocaleString('en-US')} deals in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { path, workspaceIds: MANY_WORKSPACE_IDS };
}
