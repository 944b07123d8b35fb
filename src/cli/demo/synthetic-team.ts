import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { seedDemoTeam, type TDemoActivitySeed, type TDemoDealSeed, type TDemoRepSeed, type TDemoTeamSeed } from '../../services/demo/seed-demo-team';
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
/** Idle days past which an open deal is dormant (the coaching engine's default). */
const DORMANT_DAYS = 90;
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
export async function createSyntheticTeam(db: TDb, options: TSyntheticTeamOptions): Promise<TSyntheticTeam> {
  const result: TSyntheticTeam = { managerSlackIds: [], reps: [], activityRows: 0, deals: 0 };
  await seedDemoTeam(db, {
    workspaceId: options.workspaceId,
    workspaceName: 'Canopy Demo Co',
    now: options.now.toJSDate(),
    teams: (openStages) => generateTeams(openStages, options, result),
  });
  return result;
}

/**
 * The synthetic teams, drawn lazily from one seeded random stream (the same team on every machine), counted
 * into `result` as they are drawn.
 */
function* generateTeams(openStages: readonly string[], options: TSyntheticTeamOptions, result: TSyntheticTeam): Generator<TDemoTeamSeed> {
  const random = seededRandom(options.seed ?? 42);
  let personNo = 0;
  // 16 first names × 12 last names, stepped so neighbours differ; a number only once all pairs are used.
  const nameFor = () => {
    const n = personNo++;
    return `${FIRST[n % FIRST.length]} ${LAST[(n * 5) % LAST.length]}${n >= FIRST.length * LAST.length ? ` ${n}` : ''}`;
  };
  for (let m = 0; m < options.managers; m++) {
    const slackUserId = `U0MGR${String(m + 1).padStart(4, '0')}`;
    const name = nameFor();
    const tz = ZONES[m % ZONES.length]!;
    result.managerSlackIds.push(slackUserId);
    const reps = function* (): Generator<TDemoRepSeed> {
      for (let r = 0; r < options.repsPerManager; r++) {
        const slackUserId = `U0REP${String(m * options.repsPerManager + r + 1).padStart(5, '0')}`;
        const archetype = ARCHETYPES[(m + r) % ARCHETYPES.length]!;
        const name = nameFor();
        result.reps.push({ slackUserId, name, archetype: archetype.label, tz });
        yield { slackUserId, name, email: `${slackUserId.toLowerCase()}@demo.example`, tz, quota: QUOTA_PER_QUARTER, rows: generateRows(random, openStages, archetype, tz, options, result) };
      }
    };
    yield { manager: { slackUserId, name, email: `${slackUserId.toLowerCase()}@demo.example`, tz }, teamName: `${name}'s team`, reps: reps() };
  }
}

/** A rep's weekdays of activity and the deals they opened, day by day, in the order they are written. */
function* generateRows(
  random: () => number,
  openStages: readonly string[],
  archetype: TArchetype,
  tz: string,
  options: TSyntheticTeamOptions,
  result: TSyntheticTeam,
): Generator<TDemoActivitySeed | TDemoDealSeed> {
  const scale = options.activityScale ?? 1;
  const nowMs = options.now.toMillis();
  const start = options.now.setZone(tz).startOf('day').minus({ days: archetype.daysOfData });
  for (let day = start; day.toMillis() < nowMs; day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (const [type, mean] of [['call', archetype.calls], ['email', archetype.emails], ['social', archetype.social]] as const) {
      const count = Math.min(500, poisson(random, mean * scale));
      if (count === 0) continue;
      // Within the rep's working hours (09:00–17:00 in their zone), and never later than `now`: today holds
      // only what was logged so far, so the demo's "today" reads true at any hour it is run.
      const at = workingInstant(day, random);
      if (at >= nowMs) continue;
      result.activityRows++;
      yield { kind: 'activity', type, count, at };
    }
    if (random() >= archetype.dealsPerWeek / 5) continue;
    const no = ++result.deals;
    const dealName = `${pick(random, COMPANIES)} ${Math.floor(random() * 900 + 100)}`;
    const path = [openStages[0]!];
    for (let i = 0; i < archetype.advance.length && random() < archetype.advance[i]!; i++) path.push(openStages[i + 1]!);
    const reachedEnd = path.length === openStages.length;
    // Stage moves and closes on working days in working hours; the minute comes from the deal's number, not
    // from the random stream, so the team drawn stays the one the tests and benchmarks know.
    const times = path.map((_, i) => workingAt(nextWorkingDay(day.plus({ days: i * (3 + Math.floor(random() * 8)) })), no * 7 + i));
    const lastAt = times[times.length - 1]!;
    const closeAt = workingAt(nextWorkingDay(DateTime.fromMillis(lastAt, { zone: tz }).startOf('day').plus({ days: 2 + Math.floor(random() * 10) })), no * 7 + 6);
    // A deal left idle past the dormant line is, in a real CRM, mostly closed lost by then; one in ten is
    // left open, so the brief has a few "close it or revive it?" deals rather than a pipeline of zombies.
    const dormant = nowMs - lastAt > DORMANT_DAYS * 86_400_000 && no % 10 !== 0;
    const closed = closeAt < nowMs && (reachedEnd || random() < 0.8 || dormant);
    const outcome = !closed ? 'open' : reachedEnd && random() < archetype.winRate ? 'won' : 'lost';
    // The stages reached by `now`: a deal never skips one, so the path stops at the first move still to come
    // (each step keeps its own time: filtering would pair a later stage with an earlier stage's time).
    const upcoming = times.findIndex((t) => t >= nowMs);
    const visible = upcoming === -1 ? path : path.slice(0, upcoming);
    if (visible.length === 0) continue;
    const furthest = visible[visible.length - 1]!;
    const amountCents = Math.round((5 + random() * 45) * 1000) * 100;
    const steps = visible.map((stage, i) => ({ stage, at: times[i]!, activity: stageActivity(stage) }));
    result.activityRows += steps.filter((s) => s.activity).length;
    yield {
      kind: 'deal',
      no,
      name: dealName,
      amountCents,
      stage: outcome === 'open' ? furthest : outcome,
      furthestStage: furthest,
      outcome,
      createdAt: times[0]!,
      closedAt: closed ? closeAt : null,
      lastActivityAt: times[visible.length - 1]!,
      steps,
    };
  }
}

/** The same day (or the next Monday, for a weekend) — deals move on working days. */
function nextWorkingDay(day: DateTime): DateTime {
  return day.weekday > 5 ? day.plus({ days: 8 - day.weekday }) : day;
}

/** An instant in the working hours of `day` (10:00–16:00 in its zone), the minute picked by `n`. */
function workingAt(day: DateTime, n: number): number {
  return day.startOf('day').plus({ minutes: 10 * 60 + ((n * 37) % 360) }).toMillis();
}

/** An instant in the working hours (09:00–17:00) of `day`, in its zone. */
function workingInstant(day: DateTime, random: () => number): number {
  return day.startOf('day').plus({ minutes: 9 * 60 + Math.floor(random() * 480) }).toMillis();
}

/** The activity that moves a deal into a stage, logged with it. */
function stageActivity(stage: string): TDemoActivitySeed['type'] | null {
  return stage === 'demo' ? 'demo' : stage === 'proposal' ? 'proposal' : stage === 'discovery' ? 'meeting' : null;
}
