import { describe, expect, it } from 'vitest';
import { spreadDelays } from '../../jobs/definitions';
import { intervalFor, paceDecision, pushBack, reserveSlot } from '../../jobs/pacer';

describe('per-workspace pacing: the slot arithmetic', () => {
  it.each([
    { name: 'a first send goes now', next: null, now: 1_000, want: { slot: 1_000, next: 1_200 } },
    { name: 'a workspace idle since its last slot goes now', next: 900, now: 1_000, want: { slot: 1_000, next: 1_200 } },
    { name: 'the slot exactly due goes now', next: 1_000, now: 1_000, want: { slot: 1_000, next: 1_200 } },
    { name: 'a busy workspace waits for its next slot', next: 1_150, now: 1_000, want: { slot: 1_150, next: 1_350 } },
    { name: 'a backlog queues further out', next: 41_000, now: 1_000, want: { slot: 41_000, next: 41_200 } },
  ])('reserveSlot: $name', ({ next, now, want }) => {
    expect(reserveSlot(next, now, 200)).toEqual(want);
  });

  it('reserves consecutive slots one interval apart', () => {
    let next: number | null = null;
    const slots: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = reserveSlot(next, 10_000, 250);
      slots.push(r.slot);
      next = r.next;
    }
    expect(slots).toEqual([10_000, 10_250, 10_500, 10_750, 11_000]);
  });

  it.each([
    { name: 'pushes an idle workspace past Retry-After', next: null, now: 5_000, wait: 2_000, want: 7_000 },
    { name: 'pushes a busy one past it too', next: 5_400, now: 5_000, wait: 2_000, want: 7_000 },
    { name: 'leaves a backlog reaching further alone', next: 9_000, now: 5_000, wait: 2_000, want: 9_000 },
  ])('pushBack: $name', ({ next, now, wait, want }) => {
    expect(pushBack(next, now, wait)).toEqual(want);
  });

  it.each([
    { rate: 5, want: 200 },
    { rate: 4, want: 250 },
    { rate: 3, want: 334 },
    { rate: 1, want: 1_000 },
    { rate: 2_000, want: 1 },
  ])('intervalFor($rate/s) = $want ms, never faster than the rate', ({ rate, want }) => {
    expect(intervalFor(rate)).toBe(want);
    expect(1_000 / intervalFor(rate)).toBeLessThanOrEqual(rate);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('intervalFor refuses a rate of %s', (rate) => {
    expect(() => intervalFor(rate)).toThrow(/positive number/);
  });

  it.each([
    { name: 'a slot now or past: send', slot: 1_000, now: 1_000, want: { action: 'send' } },
    { name: 'a slot long past (the worker was busy): send', slot: 400, now: 1_000, want: { action: 'send' } },
    { name: 'a slot a few ms off: sleep in place', slot: 1_015, now: 1_000, want: { action: 'sleep', ms: 15 } },
    { name: 'a slot further off: back to the queue until then', slot: 1_200, now: 1_000, want: { action: 'delay', until: 1_200 } },
  ])('paceDecision: $name', ({ slot, now, want }) => {
    expect(paceDecision(slot, now, 20)).toEqual(want);
  });

  it('spreadDelays: each workspace\'s deliveries due together are queued one interval apart; later ones keep their due time', () => {
    const spread = spreadDelays(200);
    const got = [
      ['T0A', 0],
      ['T0A', 0],
      ['T0B', 0],
      ['T0A', 0],
      ['T0B', 0],
      ['T0A', 5_000],
      ['T0A', 5_100],
    ].map(([ws, due]) => spread(ws as string, due as number));
    expect(got).toEqual([0, 200, 0, 400, 200, 5_000, 5_200]);
    // Without a spread (what `cli run plan` does) each job is queued at its due time.
    expect([0, 0, 0].map((due) => spreadDelays(0)('T0A', due))).toEqual([0, 0, 0]);
  });
});
