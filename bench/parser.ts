import { pathToFileURL } from 'node:url';
import { parseActivityText } from '../src/domain/activity-grammar';

/**
 * Throughput of the activity grammar on short, realistic messages (SPEC §4), next to a floor measured in
 * the same run: splitting and lowercasing the same corpus, the least any parser has to do.
 */

const TARGET = 500_000;
const MIN_MS = 1_000;
const WINDOWS = 3;

const DEALS = [
  'Acme', 'Acme Corp', 'Globex', 'Initech', 'Hooli', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Pied Piper',
  'Soylent',
];
const AMOUNTS = ['$24k', '$12,500', '$1.2m', '12.5k', '€3,000', '$8,000', '$150k'];
const DAYS = ['yesterday:', 'mon', 'tue:', 'friday', '2 days ago', 'today:'];
const TEMPLATES: ((deal: string, n: number, amount: string, day: string) => string)[] = [
  (_d, n) => `${n} calls, ${n % 5} emails`,
  (_d, n) => `${n} dials + 1 mtg`,
  (d) => `demo with ${d}`,
  (d, n) => `${(n % 3) + 1} demos w/ ${d}`,
  (d, _n, a) => `sent proposal to ${d} ${a}`,
  (d) => `moved ${d} to negotiation`,
  (d, _n, a) => `won ${d} ${a}`,
  (d) => `lost ${d}`,
  (_d, n, _a, day) => `${day} ${n} calls`,
  (d) => `called ${d} twice`,
  (_d, n) => `${n} cold calls; ${n % 7} follow-ups; 1 linkedin message`,
  (d) => `${d} -> demo`,
  (d) => `${d} now in discovery`,
  (d, n) => `yesterday: ${n} dials, met with ${d}\n- 2 emails`,
  (d) => `quick intro call with ${d}`,
  (_d, n) => `${n} calls 3 emails`,
  (d) => `emailed the CFO at ${d}`,
  (_d, n) => `made ${n} calls and booked a meeting`,
  (d, _n, a) => `${d}: proposal ${a}`,
  () => 'thanks!',
  () => 'some calls',
  (_d, n) => `${n * 100} calls`,
  (d) => `demo with <@U0123ABC> and ${d} &amp; 2 emails`,
  (d) => `<https://acme.example|${d}> demo`,
];

/** A few hundred varied messages. */
export function buildCorpus(size = 400): string[] {
  const corpus: string[] = [];
  for (let i = 0; i < size; i++) {
    const template = TEMPLATES[i % TEMPLATES.length] as (typeof TEMPLATES)[number];
    const deal = DEALS[(i * 7) % DEALS.length] ?? 'Acme';
    const amount = AMOUNTS[(i * 3) % AMOUNTS.length] ?? '$1k';
    const day = DAYS[(i * 5) % DAYS.length] ?? 'mon';
    corpus.push(template(deal, (i % 23) + 1, amount, day));
  }
  // Messages arrive from JSON.parse as flat strings; template literals build ropes, which read slower.
  return JSON.parse(JSON.stringify(corpus)) as string[];
}

/**
 * Messages per second of `work` over the corpus, cycling it for MIN_MS after a warm-up; the best of
 * WINDOWS such windows, since a shared machine only ever makes a window slower.
 */
function measure(corpus: readonly string[], work: (text: string) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= work(corpus[i % corpus.length] ?? '') ? 1 : 0;
  let best = 0;
  for (let window = 0; window < WINDOWS; window++) {
    let done = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < MIN_MS) {
      for (let i = 0; i < corpus.length; i++) sink ^= work(corpus[i] ?? '') ? 1 : 0;
      done += corpus.length;
      elapsed = performance.now() - started;
    }
    best = Math.max(best, (done / elapsed) * 1000);
  }
  if (sink === 2) console.log(''); // Keeps the results alive so the work is not optimised away.
  return best;
}

function splitFloor(text: string): number {
  return text.toLowerCase().split(/[\s,;+]+/).length;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Runs the benchmark and prints one line. */
export async function run(): Promise<void> {
  const corpus = buildCorpus();
  const parser = measure(corpus, (text) => parseActivityText(text).items.length);
  const floor = measure(corpus, splitFloor);
  const ratio = (parser / floor).toFixed(2);
  console.log(
    `parser: ${format(parser)} msg/s (target ≥ ${format(TARGET)}) — ` +
      `floor: String.prototype.split on the same corpus ${format(floor)} msg/s, ratio ${ratio}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
