import { DateTime } from 'luxon';
import { dayLabel } from './relative-time';
import { ACTIVITY_TYPES, type TActivityType, type TStage } from './types';

/*
 * The rep's deals at a glance (`/stats deals`, the Home tab): what was logged on each deal lately, and which
 * deals are worth the room when there are more than a screen holds.
 */

/** One thing logged on a deal: a day's activity ('Tue: 2 calls, 1 email') or a note ('close date pushed to Q1'). */
export type TDealLogItem = {
  /** Epoch ms of the latest row in it. */
  at: number;
  /** 'Today', 'Yesterday', 'Tue', '3 Nov' — in the zone of `now`. */
  day: string;
  what: { kind: 'activity'; counts: { type: TActivityType; count: number }[] } | { kind: 'note'; text: string };
};

/** How many things logged on a deal are shown: enough for its story, short enough for a phone. */
export const DEAL_STORY_ITEMS = 3;

/**
 * The last `limit` things logged on one deal, newest first: its activity summed by local day (types in the
 * usual order), each note its own item.
 */
export function recentDealItems(
  activities: readonly { type: TActivityType; count: number; occurredAt: number }[],
  notes: readonly { text: string; occurredAt: number }[],
  now: DateTime,
  limit = DEAL_STORY_ITEMS,
): TDealLogItem[] {
  const days = new Map<string, { at: number; counts: Map<TActivityType, number> }>();
  for (const row of activities) {
    if (!(row.count > 0)) continue;
    const key = dayKey(row.occurredAt, now);
    let day = days.get(key);
    if (!day) days.set(key, (day = { at: row.occurredAt, counts: new Map() }));
    day.at = Math.max(day.at, row.occurredAt);
    day.counts.set(row.type, (day.counts.get(row.type) ?? 0) + row.count);
  }
  const items: TDealLogItem[] = [...days.values()].map(({ at, counts }) => ({
    at,
    day: dayLabel(new Date(at), now),
    what: { kind: 'activity', counts: ACTIVITY_TYPES.filter((type) => counts.has(type)).map((type) => ({ type, count: counts.get(type)! })) },
  }));
  for (const note of notes) items.push({ at: note.occurredAt, day: dayLabel(new Date(note.occurredAt), now), what: { kind: 'note', text: note.text } });
  return items.sort((a, b) => b.at - a.at).slice(0, Math.max(0, limit));
}

function dayKey(ms: number, now: DateTime): string {
  return DateTime.fromMillis(ms, { zone: now.zone }).toISODate() ?? '';
}

/** What the deals view needs to rank a deal. */
export type TRankedDeal = { id: number; stage: string; amountCents: number | null; idle: { kind: 'stalled' | 'dormant'; idleDays: number } | null };

/**
 * The deals worth the room when only `budget` fit: stalled ones first (each a move to make this week), then the
 * rest from the latest stage back (closest to money), larger amounts first; dormant deals last, longest idle
 * first (SPEC §2: listed, never pushed). Ties by id, so the choice never depends on the input's order.
 */
export function pickDeals<T extends TRankedDeal>(deals: readonly T[], stages: readonly TStage[], budget: number): { shown: T[]; hidden: T[] } {
  const position = new Map(stages.map((s) => [s.key, s.position]));
  const group = (deal: T) => (deal.idle?.kind === 'stalled' ? 0 : deal.idle?.kind === 'dormant' ? 2 : 1);
  const ranked = [...deals].sort(
    (a, b) =>
      group(a) - group(b) ||
      (group(a) === 2 ? b.idle!.idleDays - a.idle!.idleDays : 0) ||
      (position.get(b.stage) ?? -1) - (position.get(a.stage) ?? -1) ||
      (b.amountCents ?? 0) - (a.amountCents ?? 0) ||
      a.id - b.id,
  );
  const keep = Math.max(0, Math.floor(budget));
  return { shown: ranked.slice(0, keep), hidden: ranked.slice(keep) };
}
