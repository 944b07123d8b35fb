import { IANAZone } from 'luxon';
import type { TCsvInstant } from '../../domain/csv-rows';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MONTH_MS = 31 * DAY_MS;

/** Turns a CSV timestamp into epoch ms; one without an offset is read in the given zone. */
export type TInstantResolver = (instant: TCsvInstant, tz: string) => number;

/** A day with a UTC-offset change: the offsets either side (ms) and the instant it happens. */
type TChange = { before: number; after: number; at: number };

/** Per zone: offsets by 31-day span of wall time (NaN: it changes within), and by day for the changing spans. */
type TZoneOffsets = { spans: Map<number, number>; days: Map<number, number | TChange> };

// Offsets depend only on the zone rules, which do not change while the process runs: shared by all imports.
const zones = new Map<string, TZoneOffsets>();

/**
 * Reads wall-clock times in a zone without asking Intl for each row (microseconds a call, too slow
 * for 100,000 rows a second). A span of wall time whose offset is the same well before and well
 * after it has no change, so one offset serves it all: a 31-day span, else a day. On a day with a
 * change, the instant of the change is found once. A wall time that does not exist (spring forward)
 * moves forward by the gap, and one that exists twice (fall back) is the first of the two: the
 * "compatible" rule of java.time and Temporal. (luxon's own choice in an overlap depends on the
 * current date, so it is not used.)
 */
export function createInstantResolver(): TInstantResolver {
  return (instant, tz) => {
    if (instant.offsetMinutes !== null) return instant.wallMs - instant.offsetMinutes * MINUTE_MS;
    const wall = instant.wallMs;
    let offsets = zones.get(tz);
    if (!offsets) zones.set(tz, (offsets = { spans: new Map(), days: new Map() }));
    const span = Math.floor(wall / MONTH_MS);
    let spanOffset = offsets.spans.get(span);
    if (spanOffset === undefined) offsets.spans.set(span, (spanOffset = steadyOffset(tz, span * MONTH_MS, MONTH_MS)));
    if (!Number.isNaN(spanOffset)) return wall - spanOffset;
    const day = Math.floor(wall / DAY_MS);
    let dayOffset = offsets.days.get(day);
    if (dayOffset === undefined) offsets.days.set(day, (dayOffset = dayRule(tz, day)));
    if (typeof dayOffset === 'number') return wall - dayOffset;
    const { before, after, at } = dayOffset;
    if (wall - before < at) return wall - before;
    return wall - after >= at ? wall - after : wall - before;
  };
}

/** The zone's offset (ms) throughout a span of wall time, or NaN when it may change within it. */
function steadyOffset(tz: string, wallStart: number, length: number): number {
  const zone = IANAZone.create(tz);
  // Zones sit between UTC−12 and UTC+14: these two instants bracket the span's wall times anywhere.
  const before = zone.offset(wallStart - 15 * HOUR_MS);
  const after = zone.offset(wallStart + length + 13 * HOUR_MS);
  return before === after ? before * MINUTE_MS : Number.NaN;
}

/** The day's one offset, or its change, found by bisection to the minute (changes happen on whole minutes). */
function dayRule(tz: string, day: number): number | TChange {
  const steady = steadyOffset(tz, day * DAY_MS, DAY_MS);
  if (!Number.isNaN(steady)) return steady;
  const zone = IANAZone.create(tz);
  let low = Math.floor((day * DAY_MS - 15 * HOUR_MS) / MINUTE_MS);
  let high = Math.ceil(((day + 1) * DAY_MS + 13 * HOUR_MS) / MINUTE_MS);
  const before = zone.offset(low * MINUTE_MS);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zone.offset(mid * MINUTE_MS) === before) low = mid;
    else high = mid;
  }
  return { before: before * MINUTE_MS, after: zone.offset(high * MINUTE_MS) * MINUTE_MS, at: high * MINUTE_MS };
}
