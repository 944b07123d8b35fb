import { describe, expect, it } from 'vitest';
import { sinceText } from '../../src/domain/relative-time';

const NOW = new Date('2026-12-07T09:05:00Z');
const before = (ms: number) => new Date(NOW.getTime() - ms);

describe('sinceText: relative to the `now` passed in, never the clock', () => {
  it.each([
    { what: 'the same instant', at: NOW, want: 'just now' },
    { what: 'a millisecond after now', at: new Date(NOW.getTime() + 1), want: 'just now' },
    { what: '30 seconds before', at: before(30_000), want: 'just now' },
    { what: '5 minutes before', at: before(5 * 60_000), want: '5 minutes ago' },
    { what: '3 days before', at: before(3 * 86_400_000), want: '3 days ago' },
    { what: 'a year before (a preview far from today)', at: new Date('2025-12-07T09:05:00Z'), want: '1 year ago' },
  ])('$what → $want', ({ at, want }) => {
    expect(sinceText(at, NOW)).toBe(want);
  });
});
