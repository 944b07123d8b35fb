import { DateTime, IANAZone } from 'luxon';
import type { TCsvInstant } from '../../domain/csv-rows';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

/** Turns a CSV timestamp into epoch ms; one without an offset is read in the given zone. */
export type TInstantResolver = (instant: TCsvInstant, tz: string) => number;

/**
 * A resolver that caches each zone's UTC offset per local day. luxon's exact conversion costs tens
 * of microseconds (Intl under the hood), too slow for 100,000 rows a second; a day whose offset is
 * the same from well before its start to well after its end has no DST change, so one offset serves
 * the whole day. On the few days with a change, luxon converts the start of each quarter hour
 * (changes happen on quarter hours), and the offset it used serves that quarter hour: times in a
 * spring-forward gap move forward and times in a fall-back overlap take the earlier offset, as luxon does.
 */
export function createInstantResolver(): TInstantResolver {
  const zones = new Map<string, Map<number, number>>();
  return (instant, tz) => {
    if (instant.offsetMinutes !== null) return instant.wallMs - instant.offsetMinutes * 60_000;
    let offsets = zones.get(tz);
    if (!offsets) zones.set(tz, (offsets = new Map()));
    const day = Math.floor(instant.wallMs / DAY_MS);
    let offsetMs = offsets.get(day);
    if (offsetMs === undefined) offsets.set(day, (offsetMs = steadyOffsetMs(tz, day)));
    if (!Number.isNaN(offsetMs)) return instant.wallMs - offsetMs;
    // Quarter-hour keys are negative so they never collide with day keys in the same map.
    const quarter = Math.floor(instant.wallMs / QUARTER_MS);
    let quarterOffsetMs = offsets.get(-1 - quarter);
    if (quarterOffsetMs === undefined) {
      const wall = quarter * QUARTER_MS;
      quarterOffsetMs = wall - DateTime.fromMillis(wall, { zone: 'UTC' }).setZone(tz, { keepLocalTime: true }).toMillis();
      offsets.set(-1 - quarter, quarterOffsetMs);
    }
    return instant.wallMs - quarterOffsetMs;
  };
}

/** The zone's offset throughout a local day, or NaN when it may change during that day. */
function steadyOffsetMs(tz: string, day: number): number {
  const zone = IANAZone.create(tz);
  // Zones sit between UTC−12 and UTC+14: these two instants bracket the local day anywhere.
  const before = zone.offset(day * DAY_MS - 15 * HOUR_MS);
  const after = zone.offset((day + 1) * DAY_MS + 13 * HOUR_MS);
  return before === after ? before * 60_000 : Number.NaN;
}
