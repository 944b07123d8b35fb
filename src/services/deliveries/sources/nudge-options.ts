import { DateTime } from 'luxon';
import type { TDb } from '../../../../db/client';
import { listExpectationsOfRuns, listOpenActionItemsDue, listQuietOpenDealsOf, sumActivityIn } from '../../../../db/repositories/planning-facts';
import { listStages } from '../../../../db/repositories/workspaces';
import type { TPlanInstant } from '../../../domain/checkin-nudge-schedule';
import { dealAsOf } from '../../../domain/coaching/deal-as-of';
import { countOf, paceAgainst } from '../../../domain/coaching/expectations';
import { DAY_MS } from '../../../domain/coaching/inputs';
import { getCoachingSettings } from '../../setup/coaching-settings';
import { elapsedShareOfDay, elapsedShareOfWeek, type TWorkingTime } from '../../../domain/coaching/progress';
import { findStalledDeals } from '../../../domain/coaching/stalled-deals';
import { policyReasonKey, type TNudgeKind } from '../../../domain/nudge-policy';
import type { TActivityType } from '../../../domain/types';
import type { TScheduledRep } from './checkin-nudge-reps';

/*
 * The nudges that would help at each evaluation instant, found with a few statements for all the reps whose
 * instant falls in the window (never one per rep): behind pace on an expectation (not met, not on pace), a deal
 * idle past its stage's threshold, an open action item due today or by the next working day.
 */

export type TEvaluation = { rep: TScheduledRep; instant: TPlanInstant };

export type TNudgeOption = {
  rep: TScheduledRep;
  nudge: TNudgeKind;
  dueAt: DateTime;
  periodKey: string;
  subjectId: number | null;
  /** Why, with the numbers, for the delivery's reason. */
  detail: string;
  /** Among options of one kind at one instant, the higher the more useful. */
  score: number;
};

const key = (nudge: TNudgeKind, subject: string) => policyReasonKey({ kind: 'nudge', nudge }, subject);

/**
 * Behind pace, judged at the evaluation instant (its share of the rep's working day or week, everything logged
 * so far), as `/stats` shows it: for each instant the expectation furthest behind, relative to its amount. Met
 * or on pace, nothing logged that day, or nothing done yet on that expectation: no option.
 */
export async function behindPaceOptions(db: TDb, evaluations: readonly TEvaluation[], now: DateTime): Promise<TNudgeOption[]> {
  const judged = evaluations.filter((e) => e.rep.computedAt !== null && e.instant.kind === 'behind_pace');
  if (judged.length === 0) return [];
  const runs = [...new Map(judged.map((e) => [e.rep.person.id, { personId: e.rep.person.id, computedAt: e.rep.computedAt! }])).values()];
  const expectations = groupBy(await listExpectationsOfRuns(db, runs), (x) => x.personId);
  const moments = judged.map((e) => momentOf(e.instant, e.rep.person.tz, e.rep.policy.preferences));
  const windows = judged.map((e, i) => ({ repId: e.rep.person.id, weekStart: moments[i]!.weekStart, dayStart: moments[i]!.dayStart, at: Math.max(now.toMillis(), e.instant.dueAt.toMillis()) }));
  const sums = groupBy(await sumActivityIn(db, windows), (s) => s.index);
  const options: TNudgeOption[] = [];
  judged.forEach((e, index) => {
    if (e.instant.kind !== 'behind_pace') return;
    const per = e.instant.per;
    const mine = (expectations.get(e.rep.person.id) ?? []).filter((x) => x.per === per);
    if (mine.length === 0) return;
    const moment = moments[index]!;
    const sum = sums.get(index) ?? [];
    // Nothing logged today: no "0 of N" nudge, the check-in asks instead (SPEC §2).
    if (!sum.some((s) => s.day > 0)) return;
    const done = new Map(sum.map((s) => [s.type, per === 'day' ? s.day : s.week]));
    const behind = mine
      .map((x) => ({ x, done: done.get(x.type) ?? 0, pace: paceAgainst(x, done.get(x.type) ?? 0, per === 'day' ? moment.dayShare : moment.weekShare) }))
      // Only the rep's own expectations, and never one with nothing done yet: that only says "you logged nothing".
      .filter((p) => p.pace.status === 'behind' && p.done > 0)
      .map((p) => ({ ...p, share: p.pace.gap / Math.max(1, p.x.amount) }))
      .sort((a, b) => b.share - a.share);
    const worst = behind[0];
    if (!worst) return;
    const { type, amount } = worst.x;
    const numbers = `${worst.done} of ${countOf(type, amount)}`;
    const when = per === 'week' ? `this week (${numbers} by ${moment.weekLabel})` : `today (${numbers} by ${moment.dayLabel})`;
    options.push({
      rep: e.rep,
      nudge: 'behind_pace',
      dueAt: e.instant.dueAt,
      periodKey: key('behind_pace', `${e.instant.period}:${type}`),
      subjectId: null,
      detail: `${e.rep.policy.name} is behind on ${nounOf(type)} ${when}`,
      score: worst.share,
    });
  });
  return options;
}

type TMoment = { weekStart: number; dayStart: number; weekShare: number; dayShare: number; weekLabel: string; dayLabel: string };

// Reps sharing a schedule share its instant objects: the zone arithmetic is done once per instant and zone.
const moments = new WeakMap<TPlanInstant, Map<string, TMoment>>();

/** The instant in the rep's zone: the start of its week and day, the shares of their working time gone by (as `/stats` prorates), labels. */
function momentOf(instant: TPlanInstant, tz: string, working: TWorkingTime): TMoment {
  let byZone = moments.get(instant);
  if (!byZone) moments.set(instant, (byZone = new Map()));
  const key = `${tz}|${working.workingDays.join(',')}|${working.workStart}|${working.workEnd}`;
  let moment = byZone.get(key);
  if (!moment) {
    const local = instant.dueAt.setZone(tz);
    moment = {
      weekStart: local.startOf('week').toMillis(),
      dayStart: local.startOf('day').toMillis(),
      weekShare: elapsedShareOfWeek(local, working),
      dayShare: elapsedShareOfDay(local, working),
      weekLabel: local.toFormat('ccc HH:mm', { locale: 'en-US' }),
      dayLabel: local.toFormat('HH:mm'),
    };
    byZone.set(key, moment);
  }
  return moment;
}

/** Each open deal idle in its stage past the stage's threshold (the workspace's, `/coach setup`) and not dormant, at each instant. */
export async function stalledDealOptions(db: TDb, workspaceId: string, evaluations: readonly TEvaluation[], now: DateTime): Promise<TNudgeOption[]> {
  const judged = evaluations.filter((e) => e.instant.kind === 'stalled_deal');
  if (judged.length === 0) return [];
  const stages = await listStages(db, workspaceId);
  const stageName = (stage: string) => stages.find((s) => s.key === stage)?.name ?? stage;
  const { staleDays, dormantDays } = await getCoachingSettings(db, workspaceId);
  // No deal quiet for less than the shortest threshold can be stalled: only the others are read.
  const quietSince = now.toMillis() - Math.min(...Object.values(staleDays).filter((d) => d > 0)) * DAY_MS;
  const deals = groupBy(await listQuietOpenDealsOf(db, [...new Set(judged.map((e) => e.rep.person.id))], now.toMillis(), quietSince), (d) => d.repId);
  return judged.flatMap((e) => {
    const at = Math.max(now.toMillis(), e.instant.dueAt.toMillis());
    const open = (deals.get(e.rep.person.id) ?? []).map((deal) => dealAsOf(deal, at, stages));
    return findStalledDeals(open, at, staleDays, dormantDays).map((deal) => ({
      rep: e.rep,
      nudge: 'stalled_deal' as const,
      dueAt: e.instant.dueAt,
      periodKey: key('stalled_deal', `${deal.dealId}:${deal.stage}`),
      subjectId: deal.dealId,
      detail: `${e.rep.policy.name}'s deal ${deal.name} has had no activity for ${deal.idleDays} days in ${stageName(deal.stage)} (threshold ${deal.threshold})`,
      score: deal.idleDays / deal.threshold,
    }));
  });
}

/** Each open action item the rep owns that is due on the instant's local date or by the next working day. */
export async function actionItemOptions(db: TDb, evaluations: readonly TEvaluation[]): Promise<TNudgeOption[]> {
  const judged = evaluations.flatMap((e) => (e.instant.kind === 'action_item_due' ? [{ rep: e.rep, instant: e.instant }] : []));
  if (judged.length === 0) return [];
  const from = judged.reduce((min, e) => (e.instant.period < min ? e.instant.period : min), judged[0]!.instant.period);
  const to = judged.reduce((max, e) => (e.instant.dueBy > max ? e.instant.dueBy : max), judged[0]!.instant.dueBy);
  const items = groupBy(await listOpenActionItemsDue(db, [...new Set(judged.map((e) => e.rep.person.id))], from, to), (i) => i.ownerId);
  return judged.flatMap(({ rep, instant }) =>
    (items.get(rep.person.id) ?? [])
      .filter((item) => item.dueDate >= instant.period && item.dueDate <= instant.dueBy)
      .map((item) => ({
        rep,
        nudge: 'action_item_due' as const,
        dueAt: instant.dueAt,
        periodKey: key('action_item_due', String(item.id)),
        subjectId: item.id,
        detail: `${rep.policy.name}'s action item #${item.id} is due ${item.dueDate === instant.period ? 'today' : item.dueDate}`,
        // The soonest due first.
        score: -DateTime.fromISO(item.dueDate, { zone: 'utc' }).toMillis() / 86_400_000,
      })),
  );
}

/** Map.groupBy, which Node 20 does not have. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function nounOf(type: TActivityType): string {
  return countOf(type, 2).replace(/^2 /, '');
}
