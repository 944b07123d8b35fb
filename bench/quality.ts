import { pathToFileURL } from 'node:url';
import { measureFocusQuality, summarize, TEAM_MIX } from './quality-data';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const WEEKS = 4;
const TARGET = { found: 0.9, healthyWithFocus: 0.05 };
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * `quality`: the focus-area engine on planted-truth teams (bench/quality-data.ts), one team of 36 reps per
 * seed, WEEKS weekly recomputes each: planted weak stage found, healthy reps given a focus, week-to-week changes.
 */
export function run(): void {
  const started = performance.now();
  const figures = SEEDS.map((seed) => measureFocusQuality(seed, WEEKS));
  const wallMs = performance.now() - started;
  console.log(`quality: ${SEEDS.length} seeds × 1 team of ${Object.values(TEAM_MIX).reduce((a, b) => a + b, 0)} reps ${JSON.stringify(TEAM_MIX)}, ${WEEKS} weekly recomputes`);
  console.log('  seed  found   healthy+focus  strong+focus  weak-overall+focus  new-hire+focus  weekly changes');
  for (const f of figures) {
    console.log(`  ${String(f.seed).padStart(4)}  ${`${f.plantedFound}/${f.planted}`.padEnd(6)}  ${`${f.healthyWithFocus}/${f.healthy}`.padEnd(13)}  ${`${f.strongWithFocus}/${f.strong}`.padEnd(12)}  ${`${f.weakOverallWithFocus}/${f.weakOverall}`.padEnd(18)}  ${`${f.newHireWithFocus}/${f.newHires}`.padEnd(14)}  ${f.focusChanges}/${f.repWeeks}`);
  }
  const s = summarize(figures);
  console.log(`  planted weak stage found     ${pct(s.found)} (target ≥ ${pct(TARGET.found)})`);
  console.log(`  healthy reps given a focus   ${pct(s.healthyWithFocus)} (target ≤ ${pct(TARGET.healthyWithFocus)})`);
  console.log(`  strong reps given a focus    ${pct(s.strongWithFocus)}`);
  console.log(`  weak-overall given a focus   ${pct(s.weakOverallWithFocus)}`);
  console.log(`  new hires given a focus      ${pct(s.newHireWithFocus)}`);
  console.log(`  focus changed week to week   ${pct(s.weeklyChanges)} of rep-weeks (truth unchanged)`);
  console.log(`  wall time                    ${(wallMs / 1000).toFixed(2)} s`);
  const ok = s.found >= TARGET.found && s.healthyWithFocus <= TARGET.healthyWithFocus;
  console.log(`  ${ok ? 'PASS' : 'FAIL'}`);
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
