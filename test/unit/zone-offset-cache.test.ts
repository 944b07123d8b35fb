import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import '../../src/domain/zone-offset-cache';

/** The memo must give exactly what Intl gives, across DST changes, half- and quarter-hour zones and bad names. */
describe('memoised zone offsets', () => {
  const uncached = (zone: string, ts: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ts);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60_000);
  };

  it.each(['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Sydney', 'Pacific/Auckland', 'America/Sao_Paulo'])(
    '%s: every hour of 2026, asked twice, matches Intl',
    (zone) => {
      const start = Date.UTC(2026, 0, 1);
      for (let pass = 0; pass < 2; pass++) {
        for (let ts = start; ts < start + 365 * 86_400_000; ts += 3_600_000 + 1) expect(IANAZone.create(zone).offset(ts)).toBe(uncached(zone, ts));
      }
    },
  );

  it('wall times across a DST change are the ones luxon gave before', () => {
    expect(DateTime.fromISO('2026-03-08T01:30', { zone: 'America/New_York' }).plus({ hours: 1 }).toISO()).toBe('2026-03-08T03:30:00.000-04:00');
    expect(DateTime.fromISO('2026-10-04T02:30', { zone: 'Australia/Sydney' }).toISO()).toBe('2026-10-04T03:30:00.000+11:00');
  });

  it('zone names: valid, invalid and empty, asked twice', () => {
    for (let pass = 0; pass < 2; pass++) {
      expect(IANAZone.isValidZone('Europe/Berlin')).toBe(true);
      expect(IANAZone.isValidZone('Fantasia/Castle')).toBe(false);
      expect(IANAZone.isValidZone('')).toBe(false);
    }
  });
});
