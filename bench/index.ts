export {};
/**
 * `npm run bench [name…]`: runs the benchmarks and prints their figures, each beside a floor measured
 * in the same run on the same machine. Names: parser, csv-import, stats-http, recompute.
 */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  parser: () => import('./parser'),
  'csv-import': () => import('./csv-import'),
  'stats-http': () => import('./stats-http'),
  recompute: () => import('./recompute'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n== ${name}`);
  const { run } = await BENCHES[name]!();
  await run();
}
