import { type TDb, writeTransaction } from '../../../db/client';
import { listInstallationsWithSecrets, updateInstallationSecrets } from '../../../db/repositories/installations';
import { encryptSecret, openSecret, type TKeyRing } from './token-crypto';

export type TReencryptResult = { total: number; reencrypted: number; alreadyCurrent: number };

/**
 * `npm run cli -- reencrypt` (a key rotation, SPEC §2): every installation still holding tokens is decrypted with the
 * key its row names (current or previous) and encrypted again under the current key. Rows already under it are left
 * as they are, so a second run changes nothing. All rows or none: one that no configured key opens stops the run.
 */
export async function reencryptInstallations(db: TDb, ring: TKeyRing, at: Date): Promise<TReencryptResult> {
  return writeTransaction(db, async (tx) => {
    const rows = await listInstallationsWithSecrets(tx);
    let reencrypted = 0;
    for (const row of rows) {
      if (row.keyId === ring.currentId) continue;
      const plain = openSecret(ring, row.secrets!, row.keyId);
      await updateInstallationSecrets(tx, row.id, encryptSecret(plain, ring.current), ring.currentId, at);
      reencrypted++;
    }
    return { total: rows.length, reencrypted, alreadyCurrent: rows.length - reencrypted };
  });
}
