import { DateTime } from 'luxon';
import { type TDb, tablesOf, writeTransaction } from '../db/client';
import { ensureWorkspace, listStages } from '../db/repositories/workspaces';
import { poisson, seededRandom } from '../src/cli/demo/random';
import type { TTier } from '../src/domain/coaching/tiers';

/*
 * Data for the `plan` and `fanout` benchmarks, written with raw prepared INSERTs in one transaction (seeded,
 * a few seconds): a 10,000-person workspace across ten zones for the planner, and 10,000 check-ins due now
 * for the deliver workers.
 */

/** Ten zones, with half-hour (Kolkata), quarter-hour (Kathmandu) and southern-hemisphere DST (Sydney, Auckland) offsets. */
export const PLAN_ZONES = [
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;

const MEETING_TIMES = ['09:30', '10:00', '11:00', '13:30', '14:00', '15:00', '16:00'];
const DAY_MS = 86_400_000;

export type TPlanWorkspaceOptions = {
  workspaceId: string;
  managers: number;
  repsPerManager: number;
  /** When the tier snapshots, expectations and 1:1s were made (before every instant planned). */
  snapshotAt: DateTime;
  /** Weekday activity is generated for [activityFrom, activityTo). */
  activityFrom: DateTime;
  activityTo: DateTime;
  /** Local dates (yyyy-MM-dd) open action items fall due on. */
  actionItemDates: readonly string[];
  seed?: number;
};

export type TPlanWorkspace = {
  people: number;
  managers: number;
  reps: number;
  zones: number;
  tiers: Record<TTier, number>;
  oneOnOnes: number;
  activities: number;
  deals: number;
  actionItems: number;
  callReviews: number;
};

/**
 * Managers with their teams (one zone per team, one rep in ten remote in another zone), a weekly 1:1 for every
 * rep, one tier snapshot per rep (20 % autonomous, 40 % guided, 25 % focused, 15 % ramping) with its
 * expectations (focused reps: calls per day), weekday activity between 50 % and 130 % of pace, two open deals
 * per rep (about a third idle past their stage's threshold), an open action item for one rep in four and a call
 * review shared in the two days before the snapshot for one rep in ten.
 * Everyone keeps the default settings.
 */
export async function createPlanWorkspace(db: TDb, options: TPlanWorkspaceOptions): Promise<TPlanWorkspace> {
  const random = seededRandom(options.seed ?? 11);
  const { workspaceId } = options;
  await ensureWorkspace(db, workspaceId, 'Canopy Plan Bench');
  const openStages = (await listStages(db, workspaceId)).filter((s) => !s.outcome).map((s) => s.key);
  const sqlite = db.$client;
  const q = {
    person: sqlite.prepare(
      `insert into people (workspace_id, slack_user_id, name, email, role, manager_id, tz, quota, profile_refreshed_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, 4, ?, ?) returning id`,
    ),
    team: sqlite.prepare(`insert into teams (workspace_id, manager_id, name, created_at) values (?, ?, ?, ?)`),
    oneOnOne: sqlite.prepare(
      `insert into one_on_ones (workspace_id, manager_id, rep_id, cadence, weekday, local_time, tz, anchor_date, created_at)
       values (?, ?, ?, 'weekly', ?, ?, ?, '2026-01-05', ?) returning id`,
    ),
    tier: sqlite.prepare(
      `insert into tier_snapshots (workspace_id, person_id, tier, reason_code, reason_text, computed_at) values (?, ?, ?, 'bench', 'generated for the benchmark', ?)`,
    ),
    expectation: sqlite.prepare(
      `insert into expectations (workspace_id, person_id, activity_type, per, amount, derivation, computed_at) values (?, ?, ?, ?, ?, ?, ?)`,
    ),
    activity: sqlite.prepare(`insert into activities (workspace_id, rep_id, type, count, occurred_at, created_at) values (?, ?, ?, ?, ?, ?)`),
    deal: sqlite.prepare(
      `insert into deals (workspace_id, rep_id, external_id, name, name_key, amount_cents, stage, furthest_stage, outcome, created_at, last_activity_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) returning id`,
    ),
    history: sqlite.prepare(`insert into deal_stage_history (deal_id, stage, entered_at) values (?, ?, ?)`),
    meeting: sqlite.prepare(`insert into meetings (one_on_one_id, starts_at) values (?, ?) returning id`),
    actionItem: sqlite.prepare(`insert into action_items (meeting_id, owner_id, text, due_date, created_at) values (?, ?, ?, ?, ?)`),
    review: sqlite.prepare(
      `insert into call_reviews (workspace_id, rep_id, reviewer_id, url, status, went_well, one_thing, one_thing_stage, shared_at, created_at)
       values (?, ?, ?, ?, 'shared', 'Good questions; you let them talk.', 'Ask who else decides.', ?, ?, ?)`,
    ),
  };
  const snapshotMs = options.snapshotAt.toMillis();
  const createdMs = snapshotMs - 90 * DAY_MS;
  const toMs = options.activityTo.toMillis();
  const out: TPlanWorkspace = { people: 0, managers: 0, reps: 0, zones: PLAN_ZONES.length, tiers: { autonomous: 0, guided: 0, focused: 0, ramping: 0 }, oneOnOnes: 0, activities: 0, deals: 0, actionItems: 0, callReviews: 0 };

  // Local midnights of the weekdays in the activity window, per zone, computed once (luxon is the slow part).
  const weekdays = new Map<string, number[]>();
  for (const tz of PLAN_ZONES) {
    const days: number[] = [];
    for (let day = options.activityFrom.setZone(tz).startOf('day'); day.toMillis() < toMs; day = day.plus({ days: 1 })) if (day.weekday <= 5) days.push(day.toMillis());
    weekdays.set(tz, days);
  }

  sqlite.transaction(() => {
    for (let m = 0; m < options.managers; m++) {
      const zone = PLAN_ZONES[m % PLAN_ZONES.length]!;
      const slackId = `U0M${String(m + 1).padStart(5, '0')}`;
      const managerId = (q.person.get(workspaceId, slackId, `Manager ${m + 1}`, `${slackId.toLowerCase()}@bench.example`, 'manager', null, zone, createdMs, createdMs) as { id: number }).id;
      q.team.run(workspaceId, managerId, `Team ${m + 1}`, createdMs);
      out.managers++;
      for (let r = 0; r < options.repsPerManager; r++) {
        const n = m * options.repsPerManager + r + 1;
        const repSlackId = `U0R${String(n).padStart(6, '0')}`;
        const tz = random() < 0.1 ? PLAN_ZONES[Math.floor(random() * PLAN_ZONES.length)]! : zone;
        const repId = (q.person.get(workspaceId, repSlackId, `Rep ${n}`, `${repSlackId.toLowerCase()}@bench.example`, 'rep', managerId, tz, createdMs, createdMs) as { id: number }).id;
        out.reps++;
        const oneOnOneId = (q.oneOnOne.get(workspaceId, managerId, repId, 1 + ((m + r) % 5), MEETING_TIMES[(3 * r + m) % MEETING_TIMES.length], zone, createdMs) as { id: number }).id;
        out.oneOnOnes++;

        const roll = random();
        const tier: TTier = roll < 0.2 ? 'autonomous' : roll < 0.6 ? 'guided' : roll < 0.85 ? 'focused' : 'ramping';
        q.tier.run(workspaceId, repId, tier, snapshotMs);
        out.tiers[tier]++;
        const weekly = { call: 30 + Math.round(random() * 30), email: 20 + Math.round(random() * 20), meeting: 3 + Math.round(random() * 4) };
        for (const [type, amount] of Object.entries(weekly)) {
          const daily = tier === 'focused' && type === 'call';
          const value = daily ? Math.round(amount / 5) : amount;
          q.expectation.run(workspaceId, repId, type, daily ? 'day' : 'week', value, JSON.stringify({ text: `${value} ${type}s a ${daily ? 'day' : 'week'} to reach the goal`, weeklyAmount: amount }), snapshotMs);
        }

        const effort = 0.5 + random() * 0.8;
        for (const dayStart of weekdays.get(tz)!) {
          for (const [type, amount] of Object.entries(weekly)) {
            const count = Math.min(500, poisson(random, (amount / 5) * effort));
            const at = dayStart + (9 * 60 + Math.floor(random() * 480)) * 60_000;
            if (count === 0 || at >= toMs) continue;
            q.activity.run(workspaceId, repId, type, count, at, at);
            out.activities++;
          }
        }

        for (let d = 0; d < 2; d++) {
          const stageIndex = Math.floor(random() * openStages.length);
          const stalled = random() < 0.35;
          // Entered its stage 15–30 days before (stalled) or 1–5 days before the snapshot.
          const enteredAt = snapshotMs - (stalled ? 15 + random() * 15 : 1 + random() * 4) * DAY_MS;
          const createdAt = enteredAt - stageIndex * 5 * DAY_MS;
          const name = `Account ${n}-${d}`;
          const dealId = (q.deal.get(workspaceId, repId, `bench-${n}-${d}`, name, name.toLowerCase(), 1_000_000 + Math.round(random() * 4_000_000), openStages[stageIndex], openStages[stageIndex], createdAt, enteredAt) as { id: number }).id;
          for (let s = 0; s <= stageIndex; s++) q.history.run(dealId, openStages[s], createdAt + s * 5 * DAY_MS);
          out.deals++;
        }

        if (random() < 0.25) {
          const meetingId = (q.meeting.get(oneOnOneId, snapshotMs - 4 * DAY_MS) as { id: number }).id;
          const due = options.actionItemDates[Math.floor(random() * options.actionItemDates.length)]!;
          q.actionItem.run(meetingId, repId, `Send the proposal to Account ${n}`, due, snapshotMs - 4 * DAY_MS);
          out.actionItems++;
        }

        // One rep in ten has a call review their manager shared in the two days before the snapshot, DM not yet decided.
        if (random() < 0.1) {
          const sharedAt = snapshotMs - Math.floor(random() * 2 * DAY_MS);
          q.review.run(workspaceId, repId, managerId, `https://app.gong.io/call?id=bench-${n}`, openStages[1] ?? openStages[0], sharedAt, sharedAt);
          out.callReviews++;
        }
      }
    }
  })();
  out.people = out.managers + out.reps;
  return out;
}

export type TPendingCheckinsOptions = {
  workspaceId: string;
  recipients: number;
  /** Every check-in is due at this instant. */
  dueAt: Date;
  /** Recipients' zones, round robin (the caller picks ones where `dueAt` is well inside the local day). */
  zones: readonly string[];
};

/**
 * `recipients` reps, each with a tier snapshot and a daily check-in (their own setting) due at `dueAt`, pending:
 * what the planner leaves for the deliver queue. Working hours are every day, 00:00–23:59, so the check-ins stay
 * timely whenever the benchmark runs (the composer re-checks working hours at send time). Returns the delivery ids.
 */
export async function createPendingCheckins(db: TDb, options: TPendingCheckinsOptions): Promise<number[]> {
  const { workspaceId } = options;
  await ensureWorkspace(db, workspaceId, 'Canopy Fanout Bench');
  if (db.$engine === 'postgres') return pendingCheckinsThroughBuilders(db, options);
  const sqlite = db.$client;
  const person = sqlite.prepare(
    `insert into people (workspace_id, slack_user_id, name, role, tz, preferences, profile_refreshed_at, created_at) values (?, ?, ?, 'rep', ?, ?, ?, ?) returning id`,
  );
  const tier = sqlite.prepare(`insert into tier_snapshots (workspace_id, person_id, tier, reason_code, reason_text, computed_at) values (?, ?, 'guided', 'bench', 'generated for the benchmark', ?)`);
  const delivery = sqlite.prepare(
    `insert into deliveries (workspace_id, kind, recipient_id, period_key, status, reason, due_at, created_at) values (?, 'checkin', ?, ?, 'pending', ?, ?, ?) returning id`,
  );
  const preferences = JSON.stringify({ checkins: 'daily', workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '00:00', workEnd: '23:59' });
  const dueMs = options.dueAt.getTime();
  const localDates = new Map(options.zones.map((tz) => [tz, DateTime.fromMillis(dueMs, { zone: tz }).toISODate()!]));
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < options.recipients; i++) {
      const tz = options.zones[i % options.zones.length]!;
      const slackId = `U0F${String(i + 1).padStart(6, '0')}`;
      const personId = (person.get(workspaceId, slackId, `Rep ${i + 1}`, tz, preferences, dueMs - DAY_MS, dueMs - DAY_MS) as { id: number }).id;
      tier.run(workspaceId, personId, dueMs - DAY_MS);
      ids.push((delivery.get(workspaceId, personId, `checkin:${localDates.get(tz)}`, 'sent: daily check-in (their setting)', dueMs, dueMs) as { id: number }).id);
    }
  })();
  return ids;
}

/** The same rows on PostgreSQL (the pacing tests' few hundred, not the fan-out benchmark's), through the query builders. */
async function pendingCheckinsThroughBuilders(db: TDb, options: TPendingCheckinsOptions): Promise<number[]> {
  const { people, tierSnapshots, deliveries } = tablesOf(db);
  const { workspaceId } = options;
  const preferences = { checkins: 'daily', workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: '00:00', workEnd: '23:59' };
  const dueMs = options.dueAt.getTime();
  const before = new Date(dueMs - DAY_MS);
  return writeTransaction(db, async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < options.recipients; i++) {
      const tz = options.zones[i % options.zones.length]!;
      const [person] = await tx
        .insert(people)
        .values({ workspaceId, slackUserId: `U0F${String(i + 1).padStart(6, '0')}`, name: `Rep ${i + 1}`, role: 'rep', tz, preferences, profileRefreshedAt: before, createdAt: before })
        .returning({ id: people.id });
      await tx.insert(tierSnapshots).values({ workspaceId, personId: person!.id, tier: 'guided', reasonCode: 'bench', reasonText: 'generated for the benchmark', computedAt: before });
      const localDate = DateTime.fromMillis(dueMs, { zone: tz }).toISODate()!;
      const [delivery] = await tx
        .insert(deliveries)
        .values({ workspaceId, kind: 'checkin', recipientId: person!.id, periodKey: `checkin:${localDate}`, status: 'pending', reason: 'sent: daily check-in (their setting)', dueAt: options.dueAt, createdAt: options.dueAt })
        .returning({ id: deliveries.id });
      ids.push(delivery!.id);
    }
    return ids;
  });
}
