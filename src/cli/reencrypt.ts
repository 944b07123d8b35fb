import type { TDb } from '../../db/client';
import { describeEnvIssues, encryptionKeysOf, ZSlackSenderEnv } from '../config/env';
import { reencryptInstallations } from '../services/installations/reencrypt-installations';
import { keyRing } from '../services/installations/token-crypto';

export const REENCRYPT_USAGE = 'Usage: npm run cli -- reencrypt   (CANOPY_ENCRYPTION_KEY = the new key, CANOPY_PREVIOUS_ENCRYPTION_KEYS = the old ones)';

/**
 * `reencrypt`: after a key rotation, every installation's tokens encrypted again under CANOPY_ENCRYPTION_KEY, read with
 * it or one of CANOPY_PREVIOUS_ENCRYPTION_KEYS. Safe to run again. Exit codes: 0 done, 1 a row no key opens, 2 usage.
 */
export async function reencryptCommand(args: readonly string[], db: TDb, env: Record<string, string | undefined>, now: Date): Promise<number> {
  if (args.length > 0) {
    console.error(`Unexpected argument '${args[0]}'.\n${REENCRYPT_USAGE}`);
    return 2;
  }
  if (!env.SLACK_CLIENT_ID && !env.CANOPY_ENCRYPTION_KEY) {
    console.error(`reencrypt re-encrypts OAuth installations: set CANOPY_ENCRYPTION_KEY (the new key), CANOPY_PREVIOUS_ENCRYPTION_KEYS (the old ones) and the OAuth credentials (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) as the app has them.\n${REENCRYPT_USAGE}`);
    return 2;
  }
  const parsed = ZSlackSenderEnv.safeParse(env);
  const keys = parsed.success ? encryptionKeysOf(parsed.data) : null;
  if (!parsed.success || !keys) {
    console.error(`reencrypt needs the OAuth environment: ${parsed.success ? 'CANOPY_ENCRYPTION_KEY: is required' : describeEnvIssues(parsed.error)}.\n${REENCRYPT_USAGE}`);
    return 2;
  }
  const ring = keyRing(keys.current, keys.previous);
  try {
    const result = await reencryptInstallations(db, ring, now);
    console.log(
      `Re-encrypted ${result.reencrypted} of ${result.total} installation${result.total === 1 ? '' : 's'} under key ${ring.currentId}` +
        `${result.alreadyCurrent > 0 ? ` (${result.alreadyCurrent} already were)` : ''}.`,
    );
    if (keys.previous.length > 0) console.log('Every row is under the new key: CANOPY_PREVIOUS_ENCRYPTION_KEYS can be removed once every app and worker runs with it.');
    return 0;
  } catch (error) {
    console.error(`Nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
