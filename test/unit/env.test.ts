import { describe, expect, it } from 'vitest';
import { describeEnvIssues, EnvError, parseEnv, ZWorkerEnv } from '../../src/config/env';

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
  ];

  it.each(scenarios)('$what → an error naming $names', ({ env, names }) => {
    expect(() => parseEnv(env)).toThrow(EnvError);
    expect(() => parseEnv(env)).toThrow(names);
  });

  it('treats empty strings as unset, as a copied .env.example leaves them', () => {
    expect(parseEnv({ ...valid, SLACK_APP_TOKEN: '', PORT: '' }).PORT).toBe(3000);
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
    if (!result.success) expect(describeEnvIssues(result.error)).toBe('SLACK_BOT_TOKEN: is required');
  });
});
