import { z } from 'zod';

const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The environment of SPEC §6, validated once at start-up. */
export const ZEnv = z
  .object({
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    SLACK_API_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default('./data/canopy.db'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    LOG_LEVEL: ZLogLevel.default('info'),
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (set SLACK_APP_TOKEN to use Socket Mode instead)',
      });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

/** Parses the environment; an empty string counts as unset so `.env` templates can leave blanks. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}

/** The CLI's verbs only need storage and Redis, not Slack credentials. */
export const ZStorageEnv = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/canopy.db'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  LOG_LEVEL: ZLogLevel.default('info'),
});

/** What sends deliveries (the worker's `deliver` queue, `run deliver-due`) needs: the bot token, and the API base for tests. */
export const ZSlackSenderEnv = z.object({
  SLACK_BOT_TOKEN: ZEnv.shape.SLACK_BOT_TOKEN,
  SLACK_API_URL: z.url().optional(),
});

/**
 * `npm run worker`: storage, Redis, and Slack to send deliveries — paced at DELIVER_RATE_PER_SECOND to each workspace
 * (across all workers), DELIVER_CONCURRENCY sends in flight per process.
 */
export const ZWorkerEnv = ZStorageEnv.extend({
  ...ZSlackSenderEnv.shape,
  DELIVER_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100).default(5),
  DELIVER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

/** "VAR: message" for each problem, naming the variable (SPEC §6). */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.path.length > 0 && issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message}`).join('; ');
}
