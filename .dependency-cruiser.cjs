// The layering of STYLE.md, checked by `npm run lint` (and by test/unit/layering.test.ts in `npm test`).
// Paths are relative to the folder cruised from, so test/fixtures/layering/ can show each rule failing.
const IO_PACKAGES = '^(@slack/bolt|@slack/web-api|@slack/socket-mode|bullmq|ioredis|drizzle-orm|better-sqlite3|pino|prom-client)(/|$)';
const NODE_IO = '^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process|worker_threads|node:worker_threads)$';
// Composition roots wire the database in; every other adapter reaches storage through a service.
const COMPOSITION_ROOTS = '^(src/main\\.ts|jobs/worker\\.ts|src/cli/index\\.ts|src/slack/offload/stats-thread\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is pure functions of data and now: it imports no other layer and no I/O (STYLE.md §1–2).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/(luxon|zod|date-holidays)/', '^node_modules/@types/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-types-stay-in-domain',
      comment: 'Even type-only imports of src/domain stay inside the domain: its types describe data, not storage or Slack.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(services|slack|cli|config)|db|jobs)/' },
    },
    {
      name: 'renderers-import-only-domain',
      comment: 'Block Kit renderers are pure: they own their view-model types and import only src/domain (and @slack/types).',
      severity: 'error',
      from: { path: '^src/slack/blocks/' },
      to: { path: '^(src/(services|cli|config|main\\.ts)|src/slack/(?!blocks/)|db|jobs)/?' },
    },
    {
      name: 'renderers-no-io',
      comment: 'Block Kit renderers do no I/O.',
      severity: 'error',
      from: { path: '^src/slack/blocks/' },
      to: { path: [IO_PACKAGES, NODE_IO].map((p) => p.replace('^', '^(node_modules/)?')) },
    },
    {
      name: 'adapters-never-import-db',
      comment: 'Slack listeners, CLI verbs and job processors call services; only composition roots open the database (a type-only import is fine).',
      severity: 'error',
      from: { path: '^(src/slack|src/cli|jobs)/', pathNot: COMPOSITION_ROOTS },
      to: { path: '^db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-not-slack-transport',
      comment: 'Services reach Slack through the ports they own (src/services/*/ports.ts), implemented in src/slack; of src/slack they import only the pure renderers.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['^src/slack/(?!blocks/)', '^(src/cli|jobs)/', '^(node_modules/)?(@slack/bolt|@slack/web-api|@slack/socket-mode|bullmq|ioredis)(/|$)'] },
    },
    {
      name: 'services-in-feature-folders',
      comment: 'Every service lives in a feature folder (src/services/<feature>/), named for what a user does.',
      severity: 'error',
      from: { path: '^src/services/[^/]+\\.ts$' },
      to: {},
    },
    {
      name: 'db-imports-no-app-layer',
      comment: 'Storage knows nothing of services, Slack, the CLI or jobs.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(src/(services|slack|cli|config|main\\.ts)|jobs)/?' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|bench|test/(?!fixtures/layering/))' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
