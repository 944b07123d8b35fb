const BARS = '▁▂▃▄▅▆▇█';
const TOP = BARS.length - 1;

/** Renders values as '▁▂▃▄▅▆▇█' scaled to their max; zero, negative and non-finite values are '▁', any positive value at least '▂'. */
export function sparkline(values: readonly number[]): string {
  const clean = values.map((value) => (Number.isFinite(value) && value > 0 ? value : 0));
  const max = clean.reduce((top, value) => (value > top ? value : top), 0);
  if (max === 0) return BARS[0]!.repeat(clean.length);
  // A small but non-zero week must not look like an empty one, hence the floor of 1.
  return clean.map((value) => BARS[value === 0 ? 0 : Math.max(1, Math.round((value / max) * TOP))]).join('');
}
