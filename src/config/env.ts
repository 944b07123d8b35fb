import { z } from 'zod';

const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * A 32-byte key as 64 hex digits or base64 (standard or url-safe), or null. Hex is tried first: 64 hex digits
 * are also valid base64, of 48 bytes.
 */
export function decodeEncryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}

const KEY_MESSAGE = 'must be a 32-byte key, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)';
const ZEncryptionKey = z.string().refine((v) => decodeEncryptionKey(v) !== null, KEY_MESSAGE);
const ZPreviousKeys = z.string().refine((v) => v.split(',').every((k) => k.trim() === '' || decodeEncryptionKey(k) !== null), `each comma-separated value ${KEY_MESSAGE}`);

/** OAuth install for any number of workspaces (SPEC §6): the app's credentials and the key its tokens are encrypted with. */
const OAUTH_SHAPE = {
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(1).optional(),
  CANOPY_ENCRYPTION_KEY: ZEncryptionKey.optional(),
  /** Keys used before the current one, so rows they encrypted stay readable until `reencrypt` has run. */
  CANOPY_PREVIOUS_ENCRYPTION_KEYS: ZPreviousKeys.optional(),
};
const OAUTH_CREDENTIALS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
type TOAuthFields = { [K in keyof typeof OAUTH_SHAPE]?: string } & { SLACK_BOT_TOKEN?: string };

/** True when the environment installs through OAuth (all three credentials set; `refineSlackAuth` vouches for the rest). */
export function isOAuthEnv<T extends TOAuthFields>(env: T): env is T & { SLACK_CLIENT_ID: string; SLACK_CLIENT_SECRET: string; SLACK_STATE_SECRET: string; CANOPY_ENCRYPTION_KEY: string } {
  return OAUTH_CREDENTIALS.every((name) => env[name] !== undefined) && env.CANOPY_ENCRYPTION_KEY !== undefined;
}

/** The current key and the previous ones, decoded (the env was validated, so they decode). */
export function encryptionKeysOf(env: TOAuthFields): { current: Buffer; previous: Buffer[] } | null {
  const current = env.CANOPY_ENCRYPTION_KEY ? decodeEncryptionKey(env.CANOPY_ENCRYPTION_KEY) : null;
  if (!current) return null;
  const previous = (env.CANOPY_PREVIOUS_ENCRYPTION_KEYS ?? '').split(',').flatMap((k) => (k.trim() ? [decodeEncryptionKey(k)!] : []));
  return { current, previous };
}

/**
 * Either one bot token (single-workspace mode) or OAuth: all three credentials, or none, and an encryption key
 * with them. With OAuth a bot token would make Bolt refuse to start, so it is refused here, by name.
 */
function refineSlackAuth(env: TOAuthFields, ctx: z.RefinementCtx): void {
  const set = OAUTH_CREDENTIALS.filter((name) => env[name] !== undefined);
  if (set.length > 0 && set.length < OAUTH_CREDENTIALS.length) {
    for (const name of OAUTH_CREDENTIALS.filter((n) => env[n] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${set.join(' and ')} (OAuth needs all three, or none)` });
    }
    return;
  }
  if (set.length === 0) {
    if (env.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required (one workspace), or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and CANOPY_ENCRYPTION_KEY to install with OAuth' });
    }
    return;
  }
  if (env.CANOPY_ENCRYPTION_KEY === undefined) {
    ctx.addIssue({ code: 'custom', path: ['CANOPY_ENCRYPTION_KEY'], message: `is required with OAuth (tokens are encrypted at rest): ${KEY_MESSAGE}` });
  }
  if (env.SLACK_BOT_TOKEN !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'must be empty with OAuth (each workspace has its own token; unset it, or unset SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)' });
  }
}

/** How Slack is reached: the one bot token, or OAuth's credentials and key; and the API base (tests, emulators). */
const SLACK_SENDER_SHAPE = {
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-').optional(),
  ...OAUTH_SHAPE,
  SLACK_API_URL: z.url().optional(),
};

/** Storage: PostgreSQL when DATABASE_URL is set (several app and worker machines), else the SQLite file. */
const DATABASE_SHAPE = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL (leave it unset to use SQLite at DATABASE_PATH)')
    .optional(),
  DATABASE_PATH: z.string().min(1).default('./data/canopy.db'),
  /** Connections each process keeps to PostgreSQL; app and worker processes each have their own pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
};

/** The environment of SPEC §6, validated once at start-up. */
export const ZEnv = z
  .object({
    ...SLACK_SENDER_SHAPE,
    SLACK_SIGNING_SECRET: z.string().min(1).optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ...DATABASE_SHAPE,
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    LOG_LEVEL: ZLogLevel.default('info'),
    /** Enables the queue dashboard at /admin/queues (basic auth, user `admin`); unset, the path does not exist. */
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters (it guards the queue dashboard)').optional(),
  })
  .superRefine((env, ctx) => {
    refineSlackAuth(env, ctx);
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

/** The environment with empty values dropped: a `.env` template's blanks mean unset. */
export function cleanEnv(source: Record<string, string | undefined> = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

/** Parses the environment; an empty string counts as unset so `.env` templates can leave blanks. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(cleanEnv(source));
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}

/** The CLI's verbs only need storage and Redis, not Slack credentials. */
export const ZStorageEnv = z.object({
  ...DATABASE_SHAPE,
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  LOG_LEVEL: ZLogLevel.default('info'),
});


/**
 * What sends to Slack outside a request (the worker's `deliver` queue, `run deliver-due`, CLI notices) needs:
 * the bot token, or OAuth's credentials and key (each workspace's token is in the database), and the API base for tests.
 */
export const ZSlackSenderEnv = z.object(SLACK_SENDER_SHAPE).superRefine(refineSlackAuth);
export type TSlackSenderEnv = z.infer<typeof ZSlackSenderEnv>;

/**
 * `npm run worker`: storage, Redis, and Slack to send deliveries — paced at DELIVER_RATE_PER_SECOND to each workspace
 * (across all workers), DELIVER_CONCURRENCY sends in flight per process.
 */
export const ZWorkerEnv = ZStorageEnv.extend({
  ...SLACK_SENDER_SHAPE,
  DELIVER_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100).default(5),
  DELIVER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** The worker's own HTTP port: `GET /metrics` and `GET /healthz`. */
  WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
}).superRefine(refineSlackAuth);
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

/** "VAR: message" for each problem, naming the variable (SPEC §6). */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.path.length > 0 && issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message}`).join('; ');
}
