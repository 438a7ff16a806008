import { hkdfSync } from 'node:crypto';
import { KeyringError } from './errors.js';
import { KEY_BYTES, Keyring, assertKeyId, decodeKey, fingerprintKeyId, type KeyringEntry } from './keyring.js';

/**
 * Parses `MEND_ENCRYPTION_KEY`: a comma-separated list of keys, each `id:base64` or a bare
 * `base64` (whose id is then derived from the key, so it stays the same across restarts).
 * The LAST key is current: to rotate, append a new key and restart, then run `mend rotate-key`.
 *
 *   MEND_ENCRYPTION_KEY="k2025:OLD_BASE64,k2026:NEW_BASE64"
 *
 * The blind-index key comes from `MEND_INDEX_KEY` (base64 of 32 bytes) when it is set; otherwise
 * it is derived from the FIRST key in the list, which must then stay first for as long as the
 * indexes exist (see docs/encryption.md).
 */
export function parseEnvKeyring(value: string, indexKeyValue?: string): Keyring {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.every((part) => part === '')) {
    throw new KeyringError('malformed_key', 'MEND_ENCRYPTION_KEY is set but empty.');
  }
  const entries: KeyringEntry[] = parts.map((part, index) => {
    const label = `key ${index + 1} of MEND_ENCRYPTION_KEY`;
    if (part === '') {
      throw new KeyringError('malformed_key', `${label[0]?.toUpperCase()}${label.slice(1)} is empty: remove the extra comma.`);
    }
    const colon = part.indexOf(':');
    if (colon === -1) {
      const key = decodeKey(part, label);
      return { id: fingerprintKeyId(key), key };
    }
    const id = part.slice(0, colon).trim();
    assertKeyId(id);
    return { id, key: decodeKey(part.slice(colon + 1), `key "${id}" of MEND_ENCRYPTION_KEY`) };
  });
  const first = entries[0];
  const current = entries.at(-1);
  if (first === undefined || current === undefined) {
    throw new KeyringError('malformed_key', 'MEND_ENCRYPTION_KEY holds no key.');
  }
  const indexKey =
    indexKeyValue !== undefined && indexKeyValue.trim() !== '' ? decodeKey(indexKeyValue, 'MEND_INDEX_KEY') : deriveIndexKey(first.key);
  return new Keyring(entries, current.id, indexKey, 'env');
}

/** The blind-index root derived from an encryption key, distinct from it for every use. */
export function deriveIndexKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'mend/blind-index-root', KEY_BYTES));
}
