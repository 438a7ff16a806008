import { createHmac, hkdfSync } from 'node:crypto';
import type { Keyring } from './keyring.js';

/**
 * Blind indexes: a keyed hash of a value, stored beside its ciphertext, so an equality lookup
 * ("is there an account with this email?") works without storing the value in clear.
 *
 * Each purpose gets its own HKDF-derived key, so the same email gives unrelated indexes in two
 * tables. The root is the key ring's index key, which rotation never changes: changing it means
 * rebuilding every index (docs/encryption.md).
 *
 * Normalise before indexing (an email: trim and lower-case), or equal values will not match.
 */

const PURPOSE = /^[a-z][a-z0-9_.:-]{0,63}$/;
const SALT = Buffer.from('mend/blind-index/v1', 'utf8');
const derived = new WeakMap<Keyring, Map<string, Buffer>>();

/** HMAC-SHA256 of `value` under the key for `purpose`, as 64 lower-case hex digits. */
export function blindIndex(keyring: Keyring, purpose: string, value: string): string {
  return createHmac('sha256', purposeKey(keyring, purpose)).update(value, 'utf8').digest('hex');
}

function purposeKey(keyring: Keyring, purpose: string): Buffer {
  if (!PURPOSE.test(purpose)) {
    throw new TypeError(`A blind-index purpose is a short lower-case name such as "account.email", got "${purpose.slice(0, 80)}".`);
  }
  let keys = derived.get(keyring);
  if (keys === undefined) {
    keys = new Map();
    derived.set(keyring, keys);
  }
  let key = keys.get(purpose);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', keyring.indexKey, SALT, `purpose:${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}
