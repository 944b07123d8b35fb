import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * Tokens at rest (SPEC §2): AES-256-GCM with a random 12-byte IV per value, so the same token never encrypts to the
 * same text, and an auth tag, so a changed byte fails to decrypt rather than yielding a wrong token. The stored text
 * is `v1.<iv>.<tag>.<data>` (base64url); the key is named by a fingerprint (`keyId`) so rows can say which key
 * encrypted them while the keys are rotated.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class TokenCryptoError extends Error {
  override name = 'TokenCryptoError';
}

/** A short, stable name for a key: the first 8 bytes of its SHA-256, hex. Reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  assertKey(key);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Encrypts `plain` under `key` (32 bytes). */
export function encryptSecret(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Decrypts what `encryptSecret` produced under the same key; throws `TokenCryptoError` for a wrong key or changed text. */
export function decryptSecret(sealed: string, key: Buffer): string {
  assertKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TokenCryptoError(`not a ${VERSION} secret`);
  const [iv, tag, data] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) throw new TokenCryptoError('malformed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv!, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  } catch {
    // GCM says only "unable to authenticate": the key is not the one that encrypted it, or the text was changed.
    throw new TokenCryptoError('cannot decrypt: wrong key or altered secret');
  }
}

/** The current key (encrypts) and older ones (still decrypt during a rotation), by key id. */
export type TKeyRing = { currentId: string; current: Buffer; byId: ReadonlyMap<string, Buffer> };

export function keyRing(current: Buffer, previous: readonly Buffer[] = []): TKeyRing {
  const byId = new Map<string, Buffer>();
  for (const key of [...previous, current]) byId.set(keyIdOf(key), key);
  return { currentId: keyIdOf(current), current, byId };
}

/** Decrypts a row's secret with the key its `keyId` names; a key no longer configured is a clear error. */
export function openSecret(ring: TKeyRing, sealed: string, keyId: string | null): string {
  const key = keyId ? ring.byId.get(keyId) : ring.current;
  if (!key) throw new TokenCryptoError(`the key ${keyId} that encrypted this secret is not configured (add it to CANOPY_PREVIOUS_ENCRYPTION_KEYS)`);
  return decryptSecret(sealed, key);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new TokenCryptoError(`an encryption key must be ${KEY_BYTES} bytes, not ${key.length}`);
}
