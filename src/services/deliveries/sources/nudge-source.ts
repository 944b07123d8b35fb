import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { countUnsolicitedAround, countUnsolicitedIn, listNudgedInstants, listRecordedKeys, recordedKey } from '../../../../db/repositories/planning-facts';
import type { TNudgeKind, TPolicyInput } from '../../../domain/nudge-policy';
import { askPolicy, budgetWindowsAt, decidePlanned, scheduledReps, timely } from './checkin-nudge-reps';
import { actionItemOptions, behindPaceOptions, stalledDealOptions, type TEvaluation, type TNudgeOption } from './nudge-options';
import { addCounts, budgetCounts, scheduledAheadOf } from '../policy-person';
import type { TPlanCandidate, TPlanSource } from '../types';

/**
 * Nudges (SPEC §2), only when they help: behind pace on an expectation mid-period (not met, not on pace), a deal
 * stalled in its stage, an open action item near its due date. At most one per person per evaluation instant
 * (the most useful); the no-nagging policy and the tier's budget do the rest, counted inside `resolve` so the
 * candidates recorded earlier in the same transaction count.
 *
 * Keys: `nudge:behind_pace:<week or date>:<type>` (once per period and expectation), `nudge:stalled_deal:<deal>:<stage>`
 * (once per deal and stage) and `nudge:action_item_due:<item>` (once per item). The last two have no date, so a
 * suppressed row would use the reason up for good: they are proposed only when the policy, asked beforehand with
 * the budget as it stands, would send them; otherwise they wait for the next working day's evaluation.
 * Evaluations no longer timely (the working day they were due on is over) are not made at all.
 */
export const nudgeSource: TPlanSource = async (db, context) => {
  const now = DateTime.fromJSDate(context.now, { zone: 'utc' });
  const candidates: TEvaluation[] = (await scheduledReps(db, context, 'nudges')).flatMap((rep) =>
    rep.instants.filter((instant) => instant.kind !== 'checkin' && !rep.policy.preferences.nudgesOff.includes(instant.kind) && timely(now, instant.dueAt, rep.policy)).map((instant) => ({ rep, instant })),
  );
  // One nudge per person and instant, across runs too: an instant an earlier run used is not evaluated again.
  const used = await listNudgedInstants(db, candidates.map((e) => ({ recipientId: e.rep.person.id, dueAt: e.instant.dueAt.toMillis() })));
  const evaluations = candidates.filter((e) => !used.has(`${e.rep.person.id}|${e.instant.dueAt.toMillis()}`));
  const options = [...(await actionItemOptions(db, evaluations)), ...(await behindPaceOptions(db, evaluations, now)), ...(await stalledDealOptions(db, context.workspaceId, evaluations, now))];
  const keyOf = (o: TNudgeOption) => ({ kind: 'nudge', recipientId: o.rep.person.id, periodKey: o.periodKey });
  const recorded = await listRecordedKeys(db, options.map(keyOf));
  const fresh = options.filter((o) => !recorded.has(recordedKey(keyOf(o))));
  return (await pickPerInstant(db, fresh, now)).map(
    (o): TPlanCandidate => ({
      workspaceId: context.workspaceId,
      kind: 'nudge',
      recipient: o.rep.person,
      periodKey: o.periodKey,
      dueAt: o.dueAt,
      resolve: async (tx, at) => ({
        subjectId: o.subjectId,
        decision: await decidePlanned(o.rep.policy, { kind: 'nudge', nudge: o.nudge, detail: o.detail }, o.dueAt, at, (when) => countsAt(tx, o, when)),
      }),
    }),
  );
};

/** Most useful first: a commitment with a date, then this period's pace, then a quiet deal. */
const PRIORITY: Readonly<Record<TNudgeKind, number>> = { action_item_due: 0, behind_pace: 1, stalled_deal: 2 };
const DATED: ReadonlySet<TNudgeKind> = new Set(['behind_pace']);

/**
 * One option per person and instant. For a person with undated options, each is first put to the policy with
 * the budget as recorded plus what this run picks before it; an undated option it would hold back is left for
 * another day, a dated one is still proposed (the planner records why it was held back).
 */
async function pickPerInstant(db: TDb, options: readonly TNudgeOption[], now: DateTime): Promise<TNudgeOption[]> {
  const groups = new Map<string, TNudgeOption[]>();
  for (const option of options) {
    const key = `${option.rep.person.id}|${option.dueAt.toMillis()}`;
    groups.set(key, [...(groups.get(key) ?? []), option]);
  }
  const ordered = [...groups.values()]
    .map((group) => group.sort((a, b) => PRIORITY[a.nudge] - PRIORITY[b.nudge] || b.score - a.score || a.periodKey.localeCompare(b.periodKey)))
    .sort((a, b) => a[0]!.dueAt.toMillis() - b[0]!.dueAt.toMillis() || a[0]!.rep.person.id - b[0]!.rep.person.id);
  const checked = new Set(options.filter((o) => !DATED.has(o.nudge)).map((o) => o.rep.person.id));
  const counts = await recordedCounts(db, ordered.filter((g) => checked.has(g[0]!.rep.person.id)), now);
  const pickedAt = new Map<number, number[]>();
  const picked: TNudgeOption[] = [];
  for (const group of ordered) {
    const first = group[0]!;
    const personId = first.rep.person.id;
    if (!checked.has(personId)) {
      picked.push(first);
      continue;
    }
    const at = DateTime.max(now, first.dueAt);
    const windows = windowsOf(first, at);
    const earlier = pickedAt.get(personId) ?? [];
    const base = counts.get(`${personId}|${first.dueAt.toMillis()}`) ?? { today: 0, thisWeek: 0 };
    const soFar = {
      today: base.today + earlier.filter((t) => t >= windows.dayStart && t < windows.dayEnd).length,
      thisWeek: base.thisWeek + earlier.filter((t) => t >= windows.weekStart && t < windows.weekEnd).length,
    };
    const sendable = group.find((o) => wouldSend(o, at, soFar));
    const choice = sendable ?? group.find((o) => DATED.has(o.nudge));
    if (!choice) continue;
    picked.push(choice);
    if (sendable) pickedAt.set(personId, [...earlier, at.toMillis()]);
  }
  return picked;
}

function wouldSend(option: TNudgeOption, at: DateTime, counts: { today: number; thisWeek: number }): boolean {
  return askPolicy(option.rep.policy, { kind: 'nudge', nudge: option.nudge, detail: option.detail }, at, counts).send;
}

function windowsOf(option: TNudgeOption, at: DateTime) {
  return budgetWindowsAt(option.rep.person.id, option.rep.person.tz, at);
}

/** The person's budget used in their day and week around `at` (every kind, the scheduled check-ins and digest ahead included), read inside the planner's transaction. */
async function countsAt(tx: TDb, option: TNudgeOption, at: DateTime): Promise<TPolicyInput['counts']> {
  return budgetCounts(await countUnsolicitedAround(tx, windowsOf(option, at)), scheduledAheadOf(option.rep.policy, at));
}

/** The budget already used around each group's instant, as recorded (one statement for all of them). */
async function recordedCounts(db: TDb, groups: readonly TNudgeOption[][], now: DateTime): Promise<Map<string, { today: number; thisWeek: number }>> {
  const firsts = groups.map((g) => g[0]!);
  const counts = await countUnsolicitedIn(db, firsts.map((o) => windowsOf(o, DateTime.max(now, o.dueAt))));
  return new Map(
    firsts.map((o, i) => [`${o.rep.person.id}|${o.dueAt.toMillis()}`, addCounts(counts[i] ?? { today: 0, thisWeek: 0 }, scheduledAheadOf(o.rep.policy, DateTime.max(now, o.dueAt)))]),
  );
}
