import { DateTime } from 'luxon';
import type { TDb } from '../../../db/client';
import { listOpenDealFacts } from '../../../db/repositories/brief-facts';
import { listRecentDealActivity, listRecentDealNotes } from '../../../db/repositories/deal-story';
import { findPersonById, type TPersonRow } from '../../../db/repositories/people';
import { listStages } from '../../../db/repositories/workspaces';
import { dealAsOf } from '../../domain/coaching/deal-as-of';
import { DAY_MS } from '../../domain/coaching/inputs';
import { getCoachingSettings } from '../setup/coaching-settings';
import { classifyIdleDeals } from '../../domain/coaching/stalled-deals';
import { DEAL_STORY_ITEMS, recentDealItems } from '../../domain/deal-view';
import { resolvePeriod, type TPeriodName } from '../../domain/periods';
import { sinceText } from '../../domain/relative-time';
import type { TDealView, TRepDealsView } from '../../slack/blocks/view-models/deals';

// Rows read per deal: a day of several types can take a few rows, and the story shows three days or notes.
const ROWS_PER_DEAL = 12;

export type TRepDealsInput = { viewerIsRep: boolean; period?: TPeriodName };

/**
 * `/stats [period] deals` and the Home tab's "Your deals": the rep's open deals as of `now` (a deal closed later
 * is still open then), each with its stage, amount, days in the stage, last activity, whether the coaching engine
 * counts it stalled or dormant, and the last things logged on it — within `period` when one is given. Days and
 * weekdays are the rep's.
 */
export async function getRepDeals(db: TDb, rep: TPersonRow, now: Date, input: TRepDealsInput): Promise<TRepDealsView> {
  const nowMs = now.getTime();
  // What was logged at this very instant still counts (as in /stats).
  const asOf = new Date(nowMs + 1);
  const local = DateTime.fromJSDate(asOf, { zone: rep.tz });
  const stages = await listStages(db, rep.workspaceId);
  const open = (await listOpenDealFacts(db, rep.id, nowMs))
    .map((deal) => dealAsOf(deal, nowMs, stages))
    .filter((deal) => deal.outcome === 'open');
  // The coaching engine's classification, with the workspace's thresholds as the brief and the digest use them.
  const { staleDays, dormantDays } = await getCoachingSettings(db, rep.workspaceId);
  const { stalled, dormant } = classifyIdleDeals(open, nowMs, staleDays, dormantDays);
  const idle = new Map<number, TDealView['idle']>([
    ...stalled.map((d) => [d.dealId, { kind: 'stalled' as const, idleDays: d.idleDays }] as const),
    ...dormant.map((d) => [d.dealId, { kind: 'dormant' as const, idleDays: d.idleDays }] as const),
  ]);

  const period = input.period ? resolvePeriod(input.period, local) : null;
  const from = period ? period.start.toJSDate() : new Date(0);
  const to = period && !period.inProgress ? period.end.toJSDate() : asOf;
  const ids = open.map((deal) => deal.id);
  const activities = groupBy(await listRecentDealActivity(db, ids, from, to, ROWS_PER_DEAL));
  const notes = groupBy(await listRecentDealNotes(db, ids, from, to, DEAL_STORY_ITEMS));

  const deals = open.map((deal): TDealView => {
    // An import without stage dates leaves the day the deal entered its stage unknown: said, not invented.
    const entered = deal.stageEnteredAt[deal.stage];
    const enteredAt = entered === undefined ? null : Math.max(deal.createdAt, entered);
    return {
      id: deal.id,
      name: deal.name,
      stage: deal.stage,
      amountCents: deal.amountCents,
      daysInStage: enteredAt === null ? null : Math.max(0, Math.floor((nowMs - enteredAt) / DAY_MS)),
      lastActivityText: deal.lastActivityAt === null ? null : sinceText(new Date(deal.lastActivityAt), now),
      idle: idle.get(deal.id) ?? null,
      recent: recentDealItems(activities.get(deal.id) ?? [], notes.get(deal.id) ?? [], local),
    };
  });
  return {
    personName: rep.name || rep.slackUserId,
    isSelf: input.viewerIsRep,
    stages,
    deals,
    period: period && { label: period.label, rangeText: period.rangeText },
    dormantDays,
  };
}

/** The same, for a rep known by id (the stats thread gets ids, never rows); undefined if they are gone. */
export async function getRepDealsById(db: TDb, repId: number, now: Date, input: TRepDealsInput): Promise<TRepDealsView | undefined> {
  const rep = await findPersonById(db, repId);
  return rep && getRepDeals(db, rep, now, input);
}

function groupBy<T extends { dealId: number }>(rows: readonly T[]): Map<number, T[]> {
  const byDeal = new Map<number, T[]>();
  for (const row of rows) {
    const list = byDeal.get(row.dealId);
    if (list) list.push(row);
    else byDeal.set(row.dealId, [row]);
  }
  return byDeal;
}
