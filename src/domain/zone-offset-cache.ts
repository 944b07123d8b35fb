import { IANAZone } from 'luxon';

/*
 * Luxon asks Intl for a zone's UTC offset on every zoned DateTime it makes (`formatToParts`, ~5 µs each), and the
 * planners make millions: every person's day and week boundaries, wall times and schedules. An offset is a pure
 * function of the zone and the instant, and people in one zone share their instants (midnights, 09:00…), so the
 * answer is memoised per zone and exact instant. Bounded: a zone's memo is dropped whole when it fills up.
 * `IANAZone.isValidZone` builds an Intl.DateTimeFormat each call (schedules check every person's zone): memoised by name.
 */

const MAX_PER_ZONE = 100_000;
const MAX_ZONE_NAMES = 1_000;
const memo = new WeakMap<IANAZone, Map<number, number>>();
const validNames = new Map<string, boolean>();
const PATCHED = Symbol.for('canopy.zoneOffsetCache');

type TPatchable = typeof IANAZone.prototype & { [PATCHED]?: true };

/** Installs the memo on luxon's IANAZone (once per process; importing this module is enough). */
export function installZoneOffsetCache(): void {
  const proto = IANAZone.prototype as TPatchable;
  if (proto[PATCHED]) return;
  const offset = proto.offset;
  proto.offset = function cachedOffset(this: IANAZone, ts: number): number {
    let known = memo.get(this);
    if (!known) memo.set(this, (known = new Map()));
    let minutes = known.get(ts);
    if (minutes === undefined) {
      minutes = offset.call(this, ts);
      if (known.size >= MAX_PER_ZONE) known.clear();
      known.set(ts, minutes);
    }
    return minutes;
  };
  const isValidZone = IANAZone.isValidZone.bind(IANAZone);
  IANAZone.isValidZone = (zone: string): boolean => {
    let valid = validNames.get(zone);
    if (valid === undefined) {
      valid = isValidZone(zone);
      // Names come from Slack profiles and CSVs: bounded, so odd ones cannot grow it without limit.
      if (validNames.size >= MAX_ZONE_NAMES) validNames.clear();
      validNames.set(zone, valid);
    }
    return valid;
  };
  proto[PATCHED] = true;
}

installZoneOffsetCache();
