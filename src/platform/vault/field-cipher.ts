import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MalformedCiphertextError, TamperedCiphertextError, UnknownKeyError } from './errors.js';
import { KEY_ID_PATTERN, type Keyring } from './keyring.js';

/**
 * Encryption of one free-text value with AES-256-GCM. A stored value is one ASCII string:
 *
 *   v2.<keyId>.<iv>.<tag>.<ciphertext>        (iv, tag and ciphertext in base64url)
 *
 * `v2` values are written with a bound associated data (field-binding.ts); `v1` values, written
 * before Mend bound values to their owner and visibility, are still read, so the start-up step
 * that re-binds them (platform/vault/bind-ciphertexts.ts) can open them with their old place-only context.
 * The version is authenticated, so a value cannot be relabelled.
 *
 * The 96-bit IV is random for every value; the 128-bit tag authenticates the ciphertext, the
 * version, the key id and the optional associated data (AAD). Pass AAD that names where the value
 * lives (`fieldAad('entries', 'body', entryId)`) so a value copied into another row or column
 * fails to decrypt instead of showing one person's words in another's place.
 */

const VERSION = 'v2';
const READABLE_VERSIONS: readonly string[] = ['v1', VERSION];
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

interface Parsed {
  readonly version: string;
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

/**
 * Encrypts `plaintext` under the key ring's current key. Text is stored as UTF-8, so a lone
 * surrogate (not valid Unicode) comes back as U+FFFD, as with any UTF-8 database column.
 */
export function encryptText(keyring: Keyring, plaintext: string, aad = ''): string {
  return encryptTextAs(VERSION, keyring, plaintext, aad);
}

/**
 * Encrypts in a given format version. Only the upgrade step's tests need `v1`: values written the
 * way Mend wrote them before it bound them to their owner and visibility.
 */
export function encryptTextAs(version: 'v1' | 'v2', keyring: Keyring, plaintext: string, aad = ''): string {
  const { id, key } = keyring.currentKey;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(version, id, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [version, id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
}

/**
 * Decrypts a stored value with the key its id names. Throws `MalformedCiphertextError`,
 * `UnknownKeyError` or `TamperedCiphertextError` (all `DecryptionError`s).
 */
export function decryptText(keyring: Keyring, stored: string, aad = ''): string {
  const { version, keyId, iv, tag, ciphertext } = parse(stored);
  if (!keyring.has(keyId)) throw new UnknownKeyError(keyId);
  const decipher = createDecipheriv(ALGORITHM, keyring.key(keyId), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(version, keyId, aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new TamperedCiphertextError();
  }
}

/** The id of the key a stored value was encrypted with. */
export function keyIdOf(stored: string): string {
  return parse(stored).keyId;
}

/** The format version of a stored value: `v1` (place-only context) or `v2` (bound, current). */
export function formatOf(stored: string): string {
  return parse(stored).version;
}

/** Whether a value was written in the current format (`v2`, bound associated data). */
export function isCurrentFormat(stored: string): boolean {
  return formatOf(stored) === VERSION;
}

/** Whether a string looks like a value written by `encryptText` (for migrations of old rows). */
export function isEncryptedText(value: string): boolean {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether a stored value was written under an older key than the current one. */
export function needsRotation(keyring: Keyring, stored: string): boolean {
  return keyIdOf(stored) !== keyring.currentKeyId;
}

/**
 * The value re-encrypted under the current key and format (with a fresh IV), or the same string
 * when it already uses both and keeps its associated data — so an interrupted `mend rotate-key`
 * can simply run again. `fromAad` is the associated data it was written with, when that changes
 * (re-binding an old value, or a private text being shared).
 */
export function reencrypt(keyring: Keyring, stored: string, aad = '', fromAad = aad): string {
  if (!needsRotation(keyring, stored) && isCurrentFormat(stored) && fromAad === aad) {
    decryptText(keyring, stored, aad); // still verify, so a rotation run reports damaged values
    return stored;
  }
  return encryptText(keyring, decryptText(keyring, stored, fromAad), aad);
}

const NAME = /^[a-z_][a-z0-9_]*$/i;

/**
 * Associated data binding a value to its table, column and row. Table and column are code
 * identifiers (checked), so the row id — which may contain anything — is unambiguous as the last
 * part.
 */
export function fieldAad(table: string, column: string, rowId: string | number): string {
  if (!NAME.test(table) || !NAME.test(column)) {
    throw new TypeError(`fieldAad needs identifier names, got "${table}" and "${column}".`);
  }
  return `${table}:${column}:${rowId}`;
}

function associatedData(version: string, keyId: string, aad: string): Buffer {
  // The version and key id are authenticated too; a NUL separates them from caller data.
  return Buffer.from(`mend-field/${version}\u0000${keyId}\u0000${aad}`, 'utf8');
}

function parse(stored: string): Parsed {
  const parts = stored.split('.');
  if (parts.length !== 5 || !READABLE_VERSIONS.includes(parts[0] ?? '')) {
    throw new MalformedCiphertextError(`The stored value is not in the "${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>" format.`);
  }
  const [version = '', keyId = '', iv = '', tag = '', ciphertext = ''] = parts;
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new MalformedCiphertextError('The stored value has an invalid key id.');
  }
  const parsed = {
    version,
    keyId,
    iv: unb64(iv, 'IV'),
    tag: unb64(tag, 'tag'),
    ciphertext: unb64(ciphertext, 'ciphertext'),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new MalformedCiphertextError('The stored value has an IV or tag of the wrong length.');
  }
  return parsed;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Strict: only the canonical encoding is accepted, so no two strings decode to the same bytes. */
function unb64(text: string, part: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (!BASE64URL.test(text) || bytes.toString('base64url') !== text) {
    throw new MalformedCiphertextError(`The stored value's ${part} is not valid base64url.`);
  }
  return bytes;
}
