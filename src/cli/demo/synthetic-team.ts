import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { ensureWorkspace, listStages } from '../../../db/repositories/workspaces';
import { pick, poisson, seededRandom } from './random';

/** How a synthetic rep sells: daily activity means and stage-to-stage conversion. */
type TArchetype = { label: string; calls: number; emails: number; social: number; dealsPerWeek: number; advance: number[]; winRate: number; daysOfData: number };

const ARCHETYPES: readonly TArchetype[] = [
  { label: 'top performer', calls: 9, emails: 7, social: 2, dealsPerWeek: 2.2, advance: [0.7, 0.75, 0.7, 0.75], winRate: 0.7, daysOfData: 365 },
  { label: 'steady', calls: 12, emails: 9, social: 1.5, dealsPerWeek: 2, advance: [0.6, 0.6, 0.55, 0.65], winRate: 0.55, daysOfData: 365 },
  { label: 'weak at demos', calls: 14, emails: 8, social: 1, dealsPerWeek: 2, advance: [0.6, 0.3, 0.5, 0.6], winRate: 0.5, daysOfData: 365 },
  { label: 'low activity', calls: 4, emails: 4, social: 0.5, dealsPerWeek: 0.8, advance: [0.5, 0.5, 0.5, 0.55], winRate: 0.45, daysOfData: 365 },
  { label: 'new hire', calls: 10, emails: 6, social: 1, dealsPerWeek: 1.5, advance: [0.55, 0.5, 0.5, 0.55], winRate: 0.5, daysOfData: 40 },
];

const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya'];
const LAST = ['Lopez', 'Chen', 'Okafor', 'Smith', 'Novak', 'Haddad', 'Kim', 'Rossi', 'Patel', 'Berg', 'Silva', 'Moreau'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Soylent', 'Tyrell', 'Cyberdyne', 'Aperture', 'Vandelay', 'Pied Piper', 'Dunder Mifflin', 'Gringotts'];
/** Deals won per quarter: the top archetype beats it, the middle ones come close, the weak ones fall short. */
const QUOTA_PER_QUARTER = 4;
const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney'];

export type TSyntheticTeamOptions = {
  workspaceId: string;
  managers: number;
  repsPerManager: number;
  now: DateTime;
  seed?: number;
  /** Scales daily activity (1 = realistic; the benchmark tunes it to hit a row count). */
  activityScale?: number;
};

export type TSyntheticTeam = {
  managerSlackIds: string[];
  reps: { slackUserId: string; name: string; archetype: string; tz: string }[];
  activityRows: number;
  deals: number;
};

/** Fills a workspace with managers, reps, a year of daily activity and deals through every stage. */
export function createSyntheticTeam(db: TDb, options: TSyntheticTeamOptions): TSyntheticTeam {
  const random = seededRandom(options.seed ?? 42);
  const scale = options.activityScale ?? 1;
  ensureWorkspace(db, options.workspaceId, 'Canopy Demo Co');
  const openStages = listStages(db, options.workspaceId).filter((s) => !s.outcome).map((s) => s.key);
  const sqlite = db.$client;
  const insertPerson = sqlite.prepare(
    `insert into people (workspace_id, slack_user_id, name, email, role, manager_id, tz, quota, profile_refreshed_at, created_at, is_bot, is_deleted, preferences)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '{}') returning id`,
  );
  const insertTeam = sqlite.prepare(`insert into teams (workspace_id, manager_id, name, settings, created_at) values (?, ?, ?, '{}', ?)`);
  const insertActivity = sqlite.prepare(
    `insert into activities (workspace_id, rep_id, type, count, occurred_at, deal_id, stage, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeal = sqlite.prepare(
    `insert into deals (workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, closed_at, last_activity_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  );
  const insertHistory = sqlite.prepare(`insert into deal_stage_history (deal_id, stage, entered_at) values (?, ?, ?)`);
  const nowMs = options.now.toMillis();
  const result: TSyntheticTeam = { managerSlackIds: [], reps: [], activityRows: 0, deals: 0 };

  sqlite.transaction(() => {
    let personNo = 0;
    // 16 first names × 12 last names, stepped so neighbours differ; a number only once all pairs are used.
    const nameFor = () => {
      const n = personNo++;
      return `${FIRST[n % FIRST.length]} ${LAST[(n * 5) % LAST.length]}${n >= FIRST.length * LAST.length ? ` ${n}` : ''}`;
    };
    for (let m = 0; m < options.managers; m++) {
      const slackId = `U0MGR${String(m + 1).padStart(4, '0')}`;
      const name = nameFor();
      const tz = ZONES[m % ZONES.length]!;
      const { id: managerId } = insertPerson.get(options.workspaceId, slackId, name, `${slackId.toLowerCase()}@demo.example`, 'manager', null, tz, null, nowMs, nowMs) as { id: number };
      insertTeam.run(options.workspaceId, managerId, `${name}'s team`, nowMs);
      result.managerSlackIds.push(slackId);
      for (let r = 0; r < options.repsPerManager; r++) {
        const slackId = `U0REP${String(m * options.repsPerManager + r + 1).padStart(5, '0')}`;
        const archetype = ARCHETYPES[(m + r) % ARCHETYPES.length]!;
        const name = nameFor();
        const { id: repId } = insertPerson.get(options.workspaceId, slackId, name, `${slackId.toLowerCase()}@demo.example`, 'rep', managerId, tz, QUOTA_PER_QUARTER, nowMs, nowMs) as { id: number };
        result.reps.push({ slackUserId: slackId, name, archetype: archetype.label, tz });
        const start = options.now.setZone(tz).startOf('day').minus({ days: archetype.daysOfData });
        for (let day = start; day.toMillis() < nowMs; day = day.plus({ days: 1 })) {
          if (day.weekday > 5) continue;
          for (const [type, mean] of [['call', archetype.calls], ['email', archetype.emails], ['social', archetype.social]] as const) {
            const count = Math.min(500, poisson(random, mean * scale));
            if (count === 0) continue;
            const at = Math.min(nowMs - 1, day.plus({ minutes: 9 * 60 + Math.floor(random() * 480) }).toMillis());
            insertActivity.run(options.workspaceId, repId, type, count, at, null, null, at);
            result.activityRows++;
          }
          if (random() >= archetype.dealsPerWeek / 5) continue;
          result.deals++;
          const dealName = `${pick(random, COMPANIES)} ${Math.floor(random() * 900 + 100)}`;
          const path = [openStages[0]!];
          for (let i = 0; i < archetype.advance.length && random() < archetype.advance[i]!; i++) path.push(openStages[i + 1]!);
          const reachedEnd = path.length === openStages.length;
          const times = path.map((_, i) => day.plus({ days: i * (3 + Math.floor(random() * 8)), hours: 10 }).toMillis());
          const lastAt = times[times.length - 1]!;
          const closeAt = lastAt + (2 + Math.floor(random() * 10)) * 86_400_000;
          const closed = closeAt < nowMs && (reachedEnd || random() < 0.8);
          const outcome = !closed ? 'open' : reachedEnd && random() < archetype.winRate ? 'won' : 'lost';
          const visible = path.filter((_, i) => times[i]! < nowMs);
          if (visible.length === 0) continue;
          const furthest = visible[visible.length - 1]!;
          const amount = Math.round((5 + random() * 45) * 1000) * 100;
          const { id: dealId } = insertDeal.get(
            options.workspaceId, repId, `demo-${repId}-${result.deals}`, dealName, dealName.toLowerCase(), amount,
            outcome === 'open' ? furthest : outcome, furthest, outcome, times[0], closed ? closeAt : null, times[visible.length - 1],
          ) as { id: number };
          visible.forEach((stage, i) => {
            insertHistory.run(dealId, stage, times[i]);
            const type = stage === 'demo' ? 'demo' : stage === 'proposal' ? 'proposal' : stage === 'discovery' ? 'meeting' : null;
            if (type) {
              insertActivity.run(options.workspaceId, repId, type, 1, times[i], dealId, stage, times[i]);
              result.activityRows++;
            }
          });
          if (closed) insertHistory.run(dealId, outcome, closeAt);
        }
      }
    }
  })();
  return result;
}
