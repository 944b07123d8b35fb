import { pathToFileURL } from 'node:url';
import { parseActivityText } from '../src/domain/activity-grammar';
import { indexDeals, matchDeal, similarDeals, type TDealCandidate, type TDealIndex } from '../src/domain/deal-matching';
import { seededRandom } from '../src/cli/demo/random';

/**
 * Deal matching (issue 12 §1) for a rep holding 200 open deals and 300 closed: log lines that name deals
 * (exactly, by a prefix, ambiguously, an unknown or a closed one) parsed by the activity grammar, then each
 * named deal matched; next to a floor measured in the same run, the grammar alone on the same lines. Also
 * the cost of `indexDeals` for those 500 deals, with names never seen (cold) and seen before (warm: the
 * service re-indexes the rep's deals on every message).
 */

const TARGET = 50_000;
const MIN_MS = 1_000;
const WINDOWS = 3;
const OPEN_DEALS = 200;
const CLOSED_DEALS = 300;

/** Companies with many deals each ("Acme" alone is ambiguous), and companies with one open deal. */
const BUSY = ['Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Soylent', 'Tyrell'];
const SINGLE = [
  'Cyberdyne Systems', 'Aperture Science', 'Vandelay Industries', 'Pied Piper', 'Dunder Mifflin', 'Gringotts Bank',
  'Oceanic Airlines', 'Monarch Solutions', 'Nakatomi Trading', 'Massive Dynamic', 'Prestige Worldwide', 'Sterling Cooper',
  'Bluth Company', 'Los Pollos Hermanos', 'Krusty Krab', 'Gekko & Co', 'Duff Beer', 'Virtucon', 'Genco Olive Oil',
  'Müller GmbH', 'Nestlé S.A.', 'Hoffmann AG', 'Société Lumière', 'Rekall Inc.', 'Oscorp Corporation',
];
const CLOSED_ONLY = ['Zenith Labs', 'Blue Sun Corporation', 'Weyland-Yutani', 'InGen', 'Spacely Sprockets', 'Cogswell Cogs'];
const UNKNOWN = ['Zorblax', 'Quantum Fig', 'Northwind', 'Contoso', 'Fabrikam Ltd', 'Tailspin Toys'];
const SUFFIXES = ['', '', '', ' Inc.', ' Corp', ' Labs', ' Europe', ' GmbH', ' Ltd'];

/** The rep's deals, drawn from a seeded stream: the same book on every run. */
export function buildDeals(random = seededRandom(12)): TDealCandidate[] {
  const deals: TDealCandidate[] = [];
  const number = () => 100 + Math.floor(random() * 900);
  const suffix = () => SUFFIXES[Math.floor(random() * SUFFIXES.length)]!;
  for (const name of SINGLE) deals.push({ id: deals.length + 1, name, outcome: 'open' });
  while (deals.length < OPEN_DEALS) {
    const company = BUSY[deals.length % BUSY.length]!;
    deals.push({ id: deals.length + 1, name: `${company} ${number()}${suffix()}`, outcome: 'open' });
  }
  for (const name of CLOSED_ONLY) deals.push({ id: deals.length + 1, name, outcome: random() < 0.5 ? 'won' : 'lost' });
  while (deals.length < OPEN_DEALS + CLOSED_DEALS) {
    const company = [...BUSY, ...SINGLE][Math.floor(random() * (BUSY.length + SINGLE.length))]!;
    deals.push({ id: deals.length + 1, name: `${company} ${number()}${suffix()}`, outcome: random() < 0.3 ? 'won' : 'lost' });
  }
  return deals;
}

/** How a line names its deal: the whole name, a prefix of one deal, a company with many deals, unknown, closed. */
function namesFor(deals: readonly TDealCandidate[]): string[][] {
  const open = deals.filter((d) => d.outcome === 'open' && !SINGLE.includes(d.name));
  const exact = open.slice(0, 40).map((d) => d.name);
  const prefix = SINGLE.map((name) => name.split(' ')[0]!.replace(/[^\p{L}]/gu, '').slice(0, 5));
  const numbered = open.slice(40, 70).map((d) => d.name.split(' ').slice(0, 2).join(' ').slice(0, -1));
  return [exact, exact, [...prefix, ...numbered], BUSY.map((c) => c.toLowerCase()), UNKNOWN, CLOSED_ONLY];
}

const TEMPLATES: ((deal: string, n: number) => string)[] = [
  (d) => `demo with ${d}`,
  (d, n) => `${n} calls, demo w/ ${d}, 2 emails`,
  (d) => `sent proposal to ${d} $24k`,
  (d) => `moved ${d} to negotiation`,
  (d) => `won ${d} $12,500`,
  (d) => `lost ${d}`,
  (d) => `${d}: 2 calls`,
  (d) => `quick intro call with ${d}`,
  (d, n) => `yesterday: ${n} dials, met with ${d}`,
  (d) => `emailed the CFO at ${d}`,
  (d) => `${d} -> demo`,
  (_d, n) => `${n} calls 3 emails`,
];

/** A few hundred log lines, about one in twelve naming no deal. */
export function buildLines(deals: readonly TDealCandidate[], size = 600): string[] {
  const names = namesFor(deals);
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const group = names[i % names.length]!;
    const deal = group[Math.floor(i / names.length) % group.length]!;
    lines.push(TEMPLATES[(i * 5) % TEMPLATES.length]!(deal, (i % 23) + 1));
  }
  // Messages arrive from JSON.parse as flat strings; template literals build ropes, which read slower.
  return JSON.parse(JSON.stringify(lines)) as string[];
}

/**
 * Parses a line and matches each deal it names; the count of deals matched (one, several or closed). As the
 * logging service does, a name no tier matches is also looked up among close names (typos) before a new
 * deal would be made.
 */
function parseAndMatch(index: TDealIndex, line: string): number {
  let found = 0;
  for (const item of parseActivityText(line).items) {
    if (!('deal' in item) || item.deal === undefined) continue;
    if (matchDeal(index, item.deal).kind !== 'none') found++;
    else found += similarDeals(index, item.deal).length;
  }
  return found;
}

/** Lines per second of `work`, cycling the lines for MIN_MS after a warm-up; every window's figure, best first. */
function measure(lines: readonly string[], work: (line: string) => number): number[] {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= work(lines[i % lines.length]!);
  const windows: number[] = [];
  for (let window = 0; window < WINDOWS; window++) {
    let done = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < MIN_MS) {
      for (let i = 0; i < lines.length; i++) sink ^= work(lines[i]!);
      done += lines.length;
      elapsed = performance.now() - started;
    }
    windows.push((done / elapsed) * 1000);
  }
  if (sink === -1) console.log(''); // Keeps the results alive so the work is not optimised away.
  return windows.sort((a, b) => b - a);
}

/** Median microseconds of `rounds` calls of `work(round)`. */
function medianMicros(rounds: number, work: (round: number) => unknown): number {
  const times: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    sink ^= work(round) ? 1 : 0;
    times.push((performance.now() - started) * 1000);
  }
  if (sink === 2) console.log('');
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const deals = buildDeals();
  const lines = buildLines(deals);
  const index = indexDeals(deals);
  const kinds = new Map<string, number>();
  for (const line of lines) {
    for (const item of parseActivityText(line).items) {
      if ('deal' in item && item.deal !== undefined) {
        const kind = matchDeal(index, item.deal).kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
  }

  const matched = measure(lines, (line) => parseAndMatch(index, line));
  const reindexed = measure(lines, (line) => parseAndMatch(indexDeals(deals), line));
  const floor = measure(lines, (line) => parseActivityText(line).items.length);
  // Each round indexes its own copy, made beforehand, with fresh strings as a database read gives them.
  // Cold: names never folded before (a suffix per round defeats the cache); warm: the same names again.
  const ROUNDS = 300;
  const copies = (source: TDealCandidate[], rename: (name: string, round: number) => string) =>
    Array.from({ length: ROUNDS }, (_, round) => JSON.parse(JSON.stringify(source.map((d) => ({ ...d, name: rename(d.name, round) })))) as TDealCandidate[]);
  const coldCopies = copies(deals, (name, round) => `${name} r${round}`);
  const warmCopies = copies(deals, (name) => name);
  const openCopies = copies(deals.filter((d) => d.outcome === 'open'), (name) => name);
  // indexDeals defers its work to the first match: time both, the unknown name reading every deal, open and closed.
  const cold = medianMicros(ROUNDS, (round) => matchDeal(indexDeals(coldCopies[round]!), 'Zorblax'));
  const warm = medianMicros(ROUNDS, (round) => matchDeal(indexDeals(warmCopies[round]!), 'Zorblax'));
  const warmOpen = medianMicros(ROUNDS, (round) => matchDeal(indexDeals(openCopies[round]!), 'Zorblax'));

  const best = (windows: number[]) => windows[0]!;
  const median = (windows: number[]) => windows[Math.floor(windows.length / 2)]!;
  const mix = [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ');
  console.log(`deal-matching: ${lines.length} lines, ${OPEN_DEALS} open + ${CLOSED_DEALS} closed deals; deals named: ${mix}`);
  console.log(
    `  parse + match, index built once: ${format(best(matched))} lines/s (median window ${format(median(matched))}; target ≥ ${format(TARGET)}) — ` +
      `floor: the grammar alone on the same lines ${format(best(floor))} lines/s, ratio ${(best(matched) / best(floor)).toFixed(2)}`,
  );
  console.log(`  parse + indexDeals + match on every line, as the service does (names cached): ${format(best(reindexed))} lines/s (median window ${format(median(reindexed))})`);
  console.log(
    `  indexDeals + a first matchDeal of an unknown name, ${deals.length} deals: ${cold.toFixed(0)} µs with names never seen, ` +
      `${warm.toFixed(1)} µs with names seen before; ${OPEN_DEALS} open deals only: ${warmOpen.toFixed(1)} µs seen before (medians of ${ROUNDS})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
