import { describe, expect, it } from 'vitest';
import { describeEnvIssues, encryptionKeysOf, EnvError, isOAuthEnv, parseEnv, ZWorkerEnv } from '../../src/config/env';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

describe('parseEnv', () => {
  it('applies the SPEC §6 defaults', () => {
    expect(parseEnv(valid)).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: './data/canopy.db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
    });
  });

  it('takes Socket Mode without a signing secret', () => {
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe('xapp-1');
  });

  const scenarios = [
    { what: 'missing bot token', env: { SLACK_SIGNING_SECRET: 's' }, names: 'SLACK_BOT_TOKEN' },
    { what: 'a user token instead of a bot token', env: { ...valid, SLACK_BOT_TOKEN: 'xoxp-1' }, names: 'SLACK_BOT_TOKEN' },
    { what: 'HTTP mode without a signing secret', env: { SLACK_BOT_TOKEN: 'xoxb-1' }, names: 'SLACK_SIGNING_SECRET' },
    { what: 'a port that is not a number', env: { ...valid, PORT: 'abc' }, names: 'PORT' },
    { what: 'a port out of range', env: { ...valid, PORT: '70000' }, names: 'PORT' },
    { what: 'a Redis URL that is not a URL', env: { ...valid, REDIS_URL: 'localhost' }, names: 'REDIS_URL' },
    { what: 'an unknown log level', env: { ...valid, LOG_LEVEL: 'loud' }, names: 'LOG_LEVEL' },
    { what: 'an app token of the wrong kind', env: { ...valid, SLACK_APP_TOKEN: 'xoxb-2' }, names: 'SLACK_APP_TOKEN' },
    { what: 'a short admin password', env: { ...valid, ADMIN_PASSWORD: 'admin' }, names: 'ADMIN_PASSWORD' },
  ];

  it.each(scenarios)('$what → an error naming $names', ({ env, names }) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(names);
  });

  it('treats empty strings as unset, as a copied .env.example leaves them', () => {
    expect(parseEnv({ ...valid, SLACK_APP_TOKEN: '', PORT: '' }).PORT).toBe(3000);
    expect(parseEnv({ ...valid, ADMIN_PASSWORD: '' }).ADMIN_PASSWORD).toBeUndefined();
  });
});

describe('the worker environment', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1' };
  it.each([
    { env: base, want: 5 },
    { env: { ...base, DELIVER_RATE_PER_SECOND: '20' }, want: 20 },
  ])('DELIVER_RATE_PER_SECOND defaults to 5 and reads a number', ({ env, want }) => {
    expect(ZWorkerEnv.parse(env).DELIVER_RATE_PER_SECOND).toBe(want);
  });

  it.each(['0', '101', 'fast', '2.5'])('refuses DELIVER_RATE_PER_SECOND=%s, naming the variable', (value) => {
    const result = ZWorkerEnv.safeParse({ ...base, DELIVER_RATE_PER_SECOND: value });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeEnvIssues(result.error)).toMatch(/^DELIVER_RATE_PER_SECOND: /);
  });

  it('WORKER_PORT (the worker\'s /metrics and /healthz) defaults to 3001', () => {
    expect(ZWorkerEnv.parse(base).WORKER_PORT).toBe(3001);
    expect(ZWorkerEnv.parse({ ...base, WORKER_PORT: '9464' }).WORKER_PORT).toBe(9464);
  });

  it.each(['0', '65536', 'http', '3001.5'])('refuses WORKER_PORT=%s, naming the variable', (value) => {
    const result = ZWorkerEnv.safeParse({ ...base, WORKER_PORT: value });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeEnvIssues(result.error)).toMatch(/^WORKER_PORT: /);
  });

  it.each([
    { env: base, want: 32 },
    { env: { ...base, DELIVER_CONCURRENCY: '64' }, want: 64 },
  ])('DELIVER_CONCURRENCY defaults to 32 sends in flight per process and reads a number', ({ env, want }) => {
    expect(ZWorkerEnv.parse(env).DELIVER_CONCURRENCY).toBe(want);
  });

  it.each(['0', '257', 'many'])('refuses DELIVER_CONCURRENCY=%s, naming the variable', (value) => {
    const result = ZWorkerEnv.safeParse({ ...base, DELIVER_CONCURRENCY: value });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeEnvIssues(result.error)).toMatch(/^DELIVER_CONCURRENCY: /);
  });

  it('requires the bot token, naming it', () => {
    const result = ZWorkerEnv.safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) expect(describeEnvIssues(result.error)).toBe('SLACK_BOT_TOKEN: is required (one workspace), or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and CANOPY_ENCRYPTION_KEY to install with OAuth');
  });
});

describe('OAuth in the environment (SPEC §6)', () => {
  const hexKey = 'ab'.repeat(32);
  const b64Key = Buffer.alloc(32, 3).toString('base64');
  const oauth = { SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss', CANOPY_ENCRYPTION_KEY: hexKey, SLACK_SIGNING_SECRET: 's' };

  it.each([
    { what: 'a hex key', env: oauth },
    { what: 'a base64 key', env: { ...oauth, CANOPY_ENCRYPTION_KEY: b64Key } },
    { what: 'a url-safe base64 key without padding', env: { ...oauth, CANOPY_ENCRYPTION_KEY: Buffer.alloc(32, 251).toString('base64url') } },
    { what: 'previous keys for a rotation', env: { ...oauth, CANOPY_PREVIOUS_ENCRYPTION_KEYS: `${b64Key}, ${'cd'.repeat(32)}` } },
  ])('takes OAuth without a bot token: $what', ({ env }) => {
    const parsed = parseEnv(env);
    expect(isOAuthEnv(parsed)).toBe(true);
    expect(parsed.SLACK_BOT_TOKEN).toBeUndefined();
    expect(encryptionKeysOf(parsed)?.current).toHaveLength(32);
  });

  it('decodes the previous keys in order', () => {
    const keys = encryptionKeysOf(parseEnv({ ...oauth, CANOPY_PREVIOUS_ENCRYPTION_KEYS: `${b64Key},${'cd'.repeat(32)}` }))!;
    expect(keys.previous.map((k) => k.toString('hex'))).toEqual([Buffer.alloc(32, 3).toString('hex'), 'cd'.repeat(32)]);
  });

  const { SLACK_STATE_SECRET: _state, ...withoutState } = oauth;
  const { CANOPY_ENCRYPTION_KEY: _key, ...withoutKey } = oauth;
  it.each([
    { what: 'two of the three credentials', env: withoutState, names: 'SLACK_STATE_SECRET: is required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET' },
    { what: 'only a client id', env: { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1' }, names: 'SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID' },
    { what: 'OAuth without an encryption key', env: withoutKey, names: 'CANOPY_ENCRYPTION_KEY: is required with OAuth' },
    { what: 'a key of 16 bytes', env: { ...oauth, CANOPY_ENCRYPTION_KEY: 'ab'.repeat(16) }, names: 'CANOPY_ENCRYPTION_KEY: must be a 32-byte key' },
    { what: 'a key that is a passphrase', env: { ...oauth, CANOPY_ENCRYPTION_KEY: 'correct horse battery staple' }, names: 'CANOPY_ENCRYPTION_KEY: must be a 32-byte key' },
    { what: 'a bad previous key', env: { ...oauth, CANOPY_PREVIOUS_ENCRYPTION_KEYS: `${b64Key},nope` }, names: 'CANOPY_PREVIOUS_ENCRYPTION_KEYS: each comma-separated value must be a 32-byte key' },
    { what: 'a bot token as well as OAuth', env: { ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }, names: 'SLACK_BOT_TOKEN: must be empty with OAuth' },
    { what: 'OAuth over HTTP without a signing secret', env: { ...oauth, SLACK_SIGNING_SECRET: undefined }, names: 'SLACK_SIGNING_SECRET: is required' },
  ])('$what → stops with a message naming the variable', ({ env, names }) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(names);
  });

  it('the worker takes OAuth without a bot token, and names what is missing', () => {
    expect(isOAuthEnv(ZWorkerEnv.parse(oauth))).toBe(true);
    const result = ZWorkerEnv.safeParse(withoutKey);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeEnvIssues(result.error)).toMatch(/^CANOPY_ENCRYPTION_KEY: is required with OAuth/);
  });

  it('single-workspace mode is not OAuth', () => {
    expect(isOAuthEnv(parseEnv(valid))).toBe(false);
    expect(encryptionKeysOf(parseEnv(valid))).toBeNull();
  });
});
