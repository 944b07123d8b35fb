import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { closeDb, type TDb } from '../../db/client';
import { purgeUninstalledWorkspaces, WORKSPACE_RETENTION_DAYS } from '../../src/services/installations/purge-uninstalled';
import { recordUninstall } from '../../src/services/installations/record-uninstall';
import { storeInstallation } from '../../src/services/installations/store-installation';
import { keyIdOf, keyRing } from '../../src/services/installations/token-crypto';
import { findInstallation } from '../../src/services/installations/find-installation';
import { BOT_SCOPES } from '../../src/slack/scopes';
import { addPerson, memoryDb } from '../support/db';
import { sharedDb, type TDatabaseEnv } from '../jobs/support/shared-db';
import { s } from '../support/tables';

/*
 * Operating many installs: `reencrypt` after a key rotation (the real CLI on a real SQLite file), the 30-day purge
 * after an uninstall (not before, not after a reinstall), and the scopes OAuth asks for matching the manifest.
 */

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);
const DAY = 24 * 60 * 60 * 1000;
const installationOf = (teamId: string, token: string) => ({
  team: { id: teamId, name: teamId },
  enterprise: undefined,
  user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
  bot: { token, scopes: ['chat:write'], id: `B${teamId}`, userId: `U0BOT${teamId}` },
  appId: 'A0CANOPY',
  isEnterpriseInstall: false,
  authVersion: 'v2' as const,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'canopy-oauth-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(dbEnv: TDatabaseEnv, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...dbEnv, LOG_LEVEL: 'warn', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- reencrypt', () => {
  it('re-encrypts every row under the new key, reading the old with CANOPY_PREVIOUS_ENCRYPTION_KEYS; a second run changes nothing', async () => {
    const { db, env: dbEnv } = await sharedDb(join(dir, 'reencrypt.db'));
    await storeInstallation(db, keyRing(OLD), installationOf('T0ONE', 'xoxb-one-secret'), { at: new Date() });
    await storeInstallation(db, keyRing(OLD), installationOf('T0TWO', 'xoxb-two-secret'), { at: new Date() });
    const base = { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss' };

    const withoutOld = cli(dbEnv, ['reencrypt'], { ...base, CANOPY_ENCRYPTION_KEY: NEW.toString('base64') });
    expect(withoutOld.code).toBe(1);
    expect(withoutOld.stderr).toContain(`Nothing was changed: the key ${keyIdOf(OLD)} that encrypted this secret is not configured`);

    const env = { ...base, CANOPY_ENCRYPTION_KEY: NEW.toString('base64'), CANOPY_PREVIOUS_ENCRYPTION_KEYS: OLD.toString('hex') };
    const first = cli(dbEnv, ['reencrypt'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Re-encrypted 2 of 2 installations under key ${keyIdOf(NEW)}.`);
    const second = cli(dbEnv, ['reencrypt'], env);
    expect(second.stdout).toContain(`Re-encrypted 0 of 2 installations under key ${keyIdOf(NEW)} (2 already were).`);

    expect(await db.select({ keyId: s.installations.keyId }).from(s.installations)).toEqual([{ keyId: keyIdOf(NEW) }, { keyId: keyIdOf(NEW) }]);
    // The new key alone reads them now.
    expect((await findInstallation(db, keyRing(NEW), { teamId: 'T0TWO', isEnterpriseInstall: false }))?.installation.bot?.token).toBe('xoxb-two-secret');
    await closeDb(db);

    const noKey = cli(dbEnv, ['reencrypt'], base);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('CANOPY_ENCRYPTION_KEY: is required with OAuth');
  }, 30_000);
});

describe('the purge after an uninstall', () => {
  let db: TDb;
  const ring = keyRing(NEW);
  const t0 = new Date('2026-11-01T12:00:00Z');
  beforeAll(async () => {
    db = await memoryDb();
    for (const team of ['T0GONE', 'T0BACK', 'T0STAYS']) {
      await storeInstallation(db, ring, installationOf(team, `xoxb-${team}`), { at: new Date(t0.getTime() - DAY) });
      await addPerson(db, team, 'U0REP1');
    }
    for (const team of ['T0GONE', 'T0BACK']) await recordUninstall(db, { teamId: team, isEnterpriseInstall: false, eventTime: t0, at: t0 });
    // T0BACK installs again within the retention period: everything is kept.
    await storeInstallation(db, ring, installationOf('T0BACK', 'xoxb-back-again'), { at: new Date(t0.getTime() + 10 * DAY) });
  });
  afterAll(async () => {
    if (db) await closeDb(db);
  });

  const teams = async () => (await db.select({ id: s.workspaces.id }).from(s.workspaces)).map((w) => w.id).sort();

  it(`keeps an uninstalled workspace's data for ${WORKSPACE_RETENTION_DAYS} days`, async () => {
    expect(await purgeUninstalledWorkspaces(db, { now: new Date(t0.getTime() + (WORKSPACE_RETENTION_DAYS - 1) * DAY) })).toEqual([]);
    expect(await teams()).toEqual(['T0BACK', 'T0GONE', 'T0STAYS']);
  });

  it('then deletes it with every row and its installation; a reinstalled one and the others stay; a second run deletes nothing', async () => {
    const now = new Date(t0.getTime() + (WORKSPACE_RETENTION_DAYS + 1) * DAY);
    expect(await purgeUninstalledWorkspaces(db, { now })).toEqual([{ workspaceId: 'T0GONE', uninstalledAt: t0 }]);
    expect(await teams()).toEqual(['T0BACK', 'T0STAYS']);
    expect((await db.select({ ws: s.people.workspaceId }).from(s.people)).map((p) => p.ws).sort()).toEqual(['T0BACK', 'T0STAYS']);
    expect((await db.select({ teamId: s.installations.teamId }).from(s.installations)).map((r) => r.teamId).sort()).toEqual(['T0BACK', 'T0STAYS']);
    expect(await purgeUninstalledWorkspaces(db, { now })).toEqual([]);
  });

  it('`run purge --now` is the same job from the CLI', async () => {
    const { db: file, env: dbEnv } = await sharedDb(join(dir, 'purge.db'));
    await storeInstallation(file, ring, installationOf('T0OLD', 'xoxb-old'), { at: t0 });
    await recordUninstall(file, { teamId: 'T0OLD', isEnterpriseInstall: false, eventTime: t0, at: t0 });
    await closeDb(file);
    const early = cli(dbEnv, ['run', 'purge', '--now', '2026-11-20T00:00:00Z'], {});
    expect(early.stdout).toContain('Nothing to purge: no workspace was uninstalled more than 30 days before 2026-11-20T00:00:00.000Z.');
    const late = cli(dbEnv, ['run', 'purge', '--now', '2026-12-15T00:00:00Z'], {});
    expect(late.code).toBe(0);
    expect(late.stdout).toContain('Purged T0OLD (uninstalled 2026-11-01T12:00:00.000Z): its data and installation are deleted.');
    expect(late.stdout).toContain('"audit":"workspace.purged"');
  }, 30_000);
});

it('OAuth asks for exactly the bot scopes of manifest.yml', () => {
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
  expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
});
