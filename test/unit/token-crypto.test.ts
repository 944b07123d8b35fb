import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, keyIdOf, keyRing, openSecret, TokenCryptoError } from '../../src/services/installations/token-crypto';

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 9);
const token = 'xoxb-1234-5678-abcdefghijklmnop';

describe('token crypto (AES-256-GCM)', () => {
  it.each([
    { what: 'a bot token', plain: token },
    { what: 'an empty string', plain: '' },
    { what: 'a whole installation as JSON, with non-ASCII', plain: JSON.stringify({ team: { name: 'Zürich — 東京' }, bot: { token } }) },
  ])('round-trips $what', ({ plain }) => {
    const sealed = encryptSecret(plain, key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
    expect(sealed).not.toContain(plain || '\u0000');
    expect(decryptSecret(sealed, key)).toBe(plain);
  });

  it('never encrypts the same token to the same text (a random IV each time)', () => {
    expect(encryptSecret(token, key)).not.toBe(encryptSecret(token, key));
  });

  const sealed = encryptSecret(token, key);
  const [v, iv, tag, data] = sealed.split('.') as [string, string, string, string];
  const flip = (part: string) => {
    const bytes = Buffer.from(part, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    return bytes.toString('base64url');
  };
  it.each([
    { what: 'the wrong key', run: () => decryptSecret(sealed, other), message: /wrong key or altered/ },
    { what: 'a changed ciphertext byte', run: () => decryptSecret([v, iv, tag, flip(data)].join('.'), key), message: /wrong key or altered/ },
    { what: 'a changed tag', run: () => decryptSecret([v, iv, flip(tag), data].join('.'), key), message: /wrong key or altered/ },
    { what: 'a changed IV', run: () => decryptSecret([v, flip(iv), tag, data].join('.'), key), message: /wrong key or altered/ },
    { what: 'an unknown version', run: () => decryptSecret(['v2', iv, tag, data].join('.'), key), message: /not a v1 secret/ },
    { what: 'a truncated value', run: () => decryptSecret([v, iv, tag].join('.'), key), message: /not a v1 secret/ },
    { what: 'a 16-byte key', run: () => encryptSecret(token, randomBytes(16)), message: /32 bytes, not 16/ },
    { what: 'a 33-byte key when decrypting', run: () => decryptSecret(sealed, randomBytes(33)), message: /32 bytes, not 33/ },
  ])('refuses $what with a TokenCryptoError', ({ run, message }) => {
    expect(run).toThrow(TokenCryptoError);
    expect(run).toThrow(message);
  });

  it('names a key by a stable 16-hex-digit fingerprint that differs between keys', () => {
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(Buffer.from(key))).toBe(keyIdOf(key));
    expect(keyIdOf(other)).not.toBe(keyIdOf(key));
  });

  it('opens a secret with the key its key id names, current or previous; an unconfigured key id is named', () => {
    const ring = keyRing(other, [key]);
    expect(ring.currentId).toBe(keyIdOf(other));
    expect(openSecret(ring, sealed, keyIdOf(key))).toBe(token);
    expect(openSecret(ring, encryptSecret('x', other), keyIdOf(other))).toBe('x');
    expect(() => openSecret(keyRing(other), sealed, keyIdOf(key))).toThrow(`the key ${keyIdOf(key)} that encrypted this secret is not configured`);
  });
});
