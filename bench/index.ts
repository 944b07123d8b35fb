/**
 * `npm run bench [name…]`: runs each benchmark in its own process (so one's memory peak or warm JIT
 * never colours another's figures) and prints its figures beside a floor measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Each benchmark's file and the Node flags its production counterpart runs with (see package.json). */
const BENCHES: Record<string, { file: string; nodeFlags: string[] }> = {
  parser: { file: 'parser.ts', nodeFlags: [] },
  'deal-matching': { file: 'deal-matching.ts', nodeFlags: [] },
  'csv-import': { file: 'csv-import.ts', nodeFlags: ['--max-semi-space-size=64'] },
  'stats-http': { file: 'stats-http.ts', nodeFlags: [] },
  recompute: { file: 'recompute.ts', nodeFlags: [] },
  plan: { file: 'plan.ts', nodeFlags: [] },
  fanout: { file: 'fanout.ts', nodeFlags: [] },
  quality: { file: 'quality.ts', nodeFlags: [] },
  /** recompute, /stats and plan on SQLite and on a PostgreSQL copy of the same data, side by side. */
  engines: { file: 'engines.ts', nodeFlags: [] },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n== ${name}`);
  const { file, nodeFlags } = BENCHES[name]!;
  const run = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', join(HERE, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
