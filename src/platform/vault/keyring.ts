import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyringError } from './errors.js';

/** AES-256 keys and the blind-index key are 256 bits. */
export const KEY_BYTES = 32;

/** Key ids appear inside stored values, so they may not contain the format's "." separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface KeyringEntry {
  readonly id: string;
  readonly key: Buffer;
}

export type KeyringSource = 'env' | 'file';

/**
 * Named 256-bit encryption keys, which of them encrypts new values (the current key), and the
 * separate key blind indexes are derived from. Old keys stay in the ring so values written under
 * them remain readable until `mend rotate-key` has re-encrypted them.
 *
 * Keys never leave this object by accident: `console.log`, `util.inspect` and `JSON.stringify`
 * show ids only.
 */
export class Keyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #indexKey: Buffer;

  constructor(
    entries: readonly KeyringEntry[],
    readonly currentKeyId: string,
    indexKey: Buffer,
    readonly source: KeyringSource,
  ) {
    const keys = new Map<string, Buffer>();
    for (const { id, key } of entries) {
      assertKeyId(id);
      assertKeyLength(key, `key "${id}"`);
      if (keys.has(id)) {
        throw new KeyringError('duplicate_key_id', `The key id "${id}" appears twice in the key ring.`);
      }
      keys.set(id, Buffer.from(key));
    }
    if (!keys.has(currentKeyId)) {
      throw new KeyringError('unknown_key_id', `The current key id "${currentKeyId}" is not one of the keys in the key ring.`);
    }
    assertKeyLength(indexKey, 'the blind-index key');
    this.#keys = keys;
    this.#indexKey = Buffer.from(indexKey);
  }

  /** All key ids, oldest first. */
  get keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** The key with this id; throws `KeyringError('unknown_key_id')` when there is none. */
  key(keyId: string): Buffer {
    const key = this.#keys.get(keyId);
    if (key === undefined) {
      throw new KeyringError('unknown_key_id', `There is no key "${keyId}" in the key ring.`);
    }
    return key;
  }

  get currentKey(): KeyringEntry {
    return { id: this.currentKeyId, key: this.key(this.currentKeyId) };
  }

  /** The root of blind indexes (blind-index.ts derives one key per purpose from it). */
  get indexKey(): Buffer {
    return this.#indexKey;
  }

  toJSON(): { currentKeyId: string; keyIds: readonly string[]; source: KeyringSource } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds, source: this.source };
  }

  [inspect.custom](): string {
    return `Keyring { source: ${this.source}, current: ${this.currentKeyId}, keys: [${this.keyIds.join(', ')}] }`;
  }
}

/** A fresh random 256-bit key. */
export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A fresh key as base64, the form `MEND_ENCRYPTION_KEY` and `MEND_INDEX_KEY` take. */
export function generateKeyBase64(): string {
  return generateKey().toString('base64');
}

/** A new key id for a generated key: "k" and 10 random hex digits. */
export function generateKeyId(): string {
  return `k${randomBytes(5).toString('hex')}`;
}

/**
 * A stable id for a key given without one (a bare `MEND_ENCRYPTION_KEY`): the same key always
 * gets the same id, and the id reveals nothing about the key (it is a MAC under the key itself).
 */
export function fingerprintKeyId(key: Buffer): string {
  return `k${createHmac('sha256', key).update('mend/key-id').digest('hex').slice(0, 10)}`;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Decodes a 256-bit key written as base64 (standard or URL-safe, padding optional). `label`
 * names the key in the error; the value itself is never repeated.
 */
export function decodeKey(encoded: string, label: string): Buffer {
  const text = encoded.trim();
  if (text === '' || !(BASE64.test(text) || BASE64URL.test(text))) {
    throw new KeyringError('malformed_key', `${capitalise(label)} is not valid base64. Create a key with: openssl rand -base64 32`);
  }
  const key = Buffer.from(text, BASE64URL.test(text) ? 'base64url' : 'base64');
  assertKeyLength(key, label);
  return key;
}

export function assertKeyId(id: string): void {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new KeyringError('malformed_key', `The key id "${id.slice(0, 80)}" is not allowed: use 1 to 64 letters, digits, "-" or "_".`);
  }
}

function assertKeyLength(key: Buffer, label: string): void {
  if (key.length !== KEY_BYTES) {
    throw new KeyringError(
      'malformed_key',
      `${capitalise(label)} is ${key.length} bytes long; it must be exactly ${KEY_BYTES} bytes ` +
        '(256 bits). Create a key with: openssl rand -base64 32',
    );
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
