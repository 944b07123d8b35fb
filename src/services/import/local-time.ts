import { IANAZone } from 'luxon';
import type { TCsvInstant } from '../../domain/csv-rows';

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;
const MONTH_MS = 31 * DAY_MS;

/** Turns a CSV timestamp into epoch ms; one without an offset is read in the given zone. */
export type TInstantResolver = (instant: TCsvInstant, tz: string) => number;

/** A zone's offsets by span of wall-clock time; NaN marks a span with a change in it. */
type TZoneOffsets = { months: Map<number, number>; days: Map<number, number>; quarters: Map<number, number> };

/**
 * A resolver that caches each zone's UTC offset: a zone lookup costs microseconds (Intl under the
 * hood), too slow for 100,000 rows a second. A span of wall time whose offset is the same well
 * before and well after it has no DST change, so one offset serves it all: a 31-day span, else a
 * day. On the few days with a change, the offset is worked out per quarter hour (changes happen on
 * quarter hours). A wall time that does not exist (spring forward) moves forward by the gap, and one
 * that exists twice (fall back) is the first of the two: java.time's and Temporal's "compatible" rule.
 */
export function createInstantResolver(): TInstantResolver {
  const zones = new Map<string, TZoneOffsets>();
  return (instant, tz) => {
    if (instant.offsetMinutes !== null) return instant.wallMs - instant.offsetMinutes * 60_000;
    const wall = instant.wallMs;
    let offsets = zones.get(tz);
    if (!offsets) zones.set(tz, (offsets = { months: new Map(), days: new Map(), quarters: new Map() }));
    const offsetMs =
      cached(offsets.months, Math.floor(wall / MONTH_MS), (m) => steadyOffsetMs(tz, m * MONTH_MS, MONTH_MS)) ??
      cached(offsets.days, Math.floor(wall / DAY_MS), (d) => steadyOffsetMs(tz, d * DAY_MS, DAY_MS)) ??
      cached(offsets.quarters, Math.floor(wall / QUARTER_MS), (q) => exactOffsetMs(tz, q * QUARTER_MS))!;
    return wall - offsetMs;
  };
}

/** The cached offset of a span (computed on first use), or undefined when the span has a change in it. */
function cached(spans: Map<number, number>, span: number, compute: (span: number) => number): number | undefined {
  let offsetMs = spans.get(span);
  if (offsetMs === undefined) spans.set(span, (offsetMs = compute(span)));
  return Number.isNaN(offsetMs) ? undefined : offsetMs;
}

/** The zone's offset throughout a span of wall time, or NaN when it may change within it. */
function steadyOffsetMs(tz: string, wallStart: number, length: number): number {
  const zone = IANAZone.create(tz);
  // Zones sit between UTC−12 and UTC+14: these two instants bracket the span's wall times anywhere.
  const before = zone.offset(wallStart - 15 * HOUR_MS);
  const after = zone.offset(wallStart + length + 13 * HOUR_MS);
  return before === after ? before * 60_000 : Number.NaN;
}

/**
 * The offset for a wall time near a change: the one in force before the change when the wall time
 * exists then or nowhere (a gap), else the one after. luxon's own answer for an overlap depends on
 * the current date, so it is not used.
 */
function exactOffsetMs(tz: string, wall: number): number {
  const zone = IANAZone.create(tz);
  const before = zone.offset(wall - DAY_MS) * 60_000;
  const after = zone.offset(wall + DAY_MS) * 60_000;
  if (before === after || zone.offset(wall - before) * 60_000 === before) return before;
  return zone.offset(wall - after) * 60_000 === after ? after : before;
}
