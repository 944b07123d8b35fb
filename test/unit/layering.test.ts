import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(ROOT, 'test/fixtures/layering');
const config = require(resolve(ROOT, '.dependency-cruiser.cjs'));

/** Runs the project's rules from `cwd` over `paths`, as `npm run lint` does. */
async function violations(cwd: string, paths: string[]): Promise<IViolation[]> {
  const result = await cruise(paths, { ruleSet: config, validate: true, ...config.options, baseDir: cwd });
  return (result.output as ICruiseResult).summary.violations;
}

const brief = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('the layering rules (.dependency-cruiser.cjs)', () => {
  it('hold for the application: no violation in src, db and jobs', async () => {
    expect((await violations(ROOT, ['src', 'db', 'jobs'])).map(brief)).toEqual([]);
  }, 60_000);

  it('fail on a tree that breaks each rule once, naming the rule', async () => {
    const found = (await violations(FIXTURE, ['src', 'db'])).map(brief).sort();
    expect(found).toEqual(
      [
        'adapters-never-import-db: src/slack/listeners/stats.ts → db/client.ts',
        'db-imports-no-app-layer: db/uses-service.ts → src/services/coaching/get-coaching.ts',
        'domain-is-pure: src/domain/uses-storage.ts → db/client.ts',
        'domain-types-stay-in-domain: src/domain/uses-storage.ts → db/client.ts',
        'renderers-import-only-domain: src/slack/blocks/coaching.ts → src/services/coaching/get-coaching.ts',
        'services-in-feature-folders: src/services/loose-file.ts → src/services/coaching/get-coaching.ts',
        'services-not-slack-transport: src/services/coaching/get-coaching.ts → src/slack/listeners/stats.ts',
      ].sort(),
    );
  }, 60_000);
});
