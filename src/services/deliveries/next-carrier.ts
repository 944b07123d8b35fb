import { DateTime } from 'luxon';
import { planInstantsBetween } from '../../domain/checkin-nudge-schedule';
import { checkinCadence, type TPolicyPerson } from '../../domain/nudge-policy';
import { digestSlot, workingHoursOf } from '../../domain/preferences';
import { holidayOn } from '../settings/holidays';
import { digestTimesBetween } from './sources/digest-source';
import type { TPlanMemo } from './types';

/*
 * The rep's next carrier — their next check-in or weekly digest, the messages that bring along a call review whose own
 * DM was held back — found with the very schedule functions the check-in and digest sources plan with
 * (`planInstantsBetween`, `digestTimesBetween`), so the review source, the reviewer's confirmation and the carriers
 * agree on it.
 */

export type TCarrierKind = 'checkin' | 'digest';
export type TNextCarrier = { kind: TCarrierKind; at: DateTime };

/** A weekly digest always falls within a week: this far ahead is enough to find the next carrier. */
const AHEAD_DAYS = 8;

/** A review DM due this close before the rep's next carrier is not sent on its own: the carrier brings it. */
export const CARRIER_HOLD_MINUTES = 60;

/**
 * The rep's first check-in or digest due at or after `at` (a tie: the digest); null when the zone is unknown. `memo`
 * (the planner's): the carriers of each distinct schedule computed once in the run, over `[windowFrom, at + 8 days]`.
 */
export function nextCarrier(person: TPolicyPerson, at: DateTime, memo?: { memo: TPlanMemo; windowFrom: DateTime }): TNextCarrier | null {
  if (!memo) return firstFrom(carriersBetween(person, at.minus({ milliseconds: 1 }), at.plus({ days: AHEAD_DAYS })), at);
  const prefs = person.preferences;
  const cadence = checkinCadence(person.tier, prefs);
  const digest = digestSlot(prefs);
  const hours = workingHoursOf(prefs);
  const key = ['carriers', person.tz, hours.days.join(','), hours.start, hours.end, prefs.checkinTime, cadence, prefs.holidayCountry, prefs.holidayRegion, digest.day, digest.time].join('|');
  // The run's window is a day back and 15 minutes ahead: a week and a day past its start covers every `at` in it.
  const from = memo.windowFrom;
  const carriers = memo.memo(key, () => carriersBetween(person, from.minus({ milliseconds: 1 }), from.plus({ days: AHEAD_DAYS + 2 })));
  return firstFrom(carriers, at) ?? firstFrom(carriersBetween(person, at.minus({ milliseconds: 1 }), at.plus({ days: AHEAD_DAYS })), at);
}

/** Every check-in and digest of the person in (from, to], by time; none for an unknown zone. */
function carriersBetween(person: TPolicyPerson, from: DateTime, to: DateTime): TNextCarrier[] {
  const prefs = person.preferences;
  const cadence = checkinCadence(person.tier, prefs);
  try {
    const isHoliday = (date: string) => holidayOn(prefs.holidayCountry, prefs.holidayRegion, date) !== null;
    const checkins =
      cadence === 'off'
        ? []
        : planInstantsBetween({ tz: person.tz, hours: workingHoursOf(prefs), checkinTime: prefs.checkinTime, checkins: cadence, nudges: false, isHoliday }, from, to).map(
            (i): TNextCarrier => ({ kind: 'checkin', at: i.dueAt }),
          );
    const digests = digestTimesBetween({ ...digestSlot(prefs), tz: person.tz }, from, to).map((at): TNextCarrier => ({ kind: 'digest', at }));
    // A tie goes to the digest: listed first, and the sort is stable.
    return [...digests, ...checkins].sort((a, b) => a.at.toMillis() - b.at.toMillis());
  } catch {
    return [];
  }
}

function firstFrom(carriers: readonly TNextCarrier[], at: DateTime): TNextCarrier | null {
  const ms = at.toMillis();
  return carriers.find((c) => c.at.toMillis() >= ms) ?? null;
}

/** Whether a DM due at `at` is close enough before the carrier (at most `CARRIER_HOLD_MINUTES`) for the carrier to bring it. */
export function carrierBringsIt(carrier: TNextCarrier | null, at: DateTime): carrier is TNextCarrier {
  if (!carrier) return false;
  const gap = carrier.at.toMillis() - at.toMillis();
  return gap >= 0 && gap <= CARRIER_HOLD_MINUTES * 60_000;
}
