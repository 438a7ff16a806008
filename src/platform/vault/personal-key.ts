import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { MalformedCiphertextError, TamperedCiphertextError } from './errors.js';

/**
 * A person's own key (issue #23, docs/encryption.md "Private to its author"): what they keep
 * private is sealed under it, and the server never stores it in the clear — only wrapped, under
 * their password, their recovery code and each of their live sessions' tokens.
 */
export interface PersonalKey {
  /** Names this key in every value sealed under it: a key made anew after a reset opens none of the old ones. */
  readonly id: string;
  readonly key: Buffer;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** The stored form of a text sealed under a personal key: `p1.<keyId>.<iv>.<tag>.<ciphertext>`. */
export const PERSONAL_FORMAT = 'p1';
const WRAP_FORMAT = 'w1';

export function newPersonalKey(): PersonalKey {
  return { id: `u${randomBytes(8).toString('hex')}`, key: randomBytes(KEY_BYTES) };
}

/** Whether a stored value is sealed under someone's personal key rather than the server's. */
export const isPersonalValue = (stored: string): boolean => stored.startsWith(`${PERSONAL_FORMAT}.`);

/** The id of the personal key a stored value was sealed under. */
export function personalKeyIdOf(stored: string): string {
  return split(stored, PERSONAL_FORMAT, 5)[1]!;
}

export function sealPersonal(personal: PersonalKey, plaintext: string, aad: string): string {
  const [iv, tag, ciphertext] = seal(personal.key, Buffer.from(plaintext, 'utf8'), valueAad(personal.id, aad));
  return [PERSONAL_FORMAT, personal.id, iv, tag, ciphertext].join('.');
}

/** The text, or throws a DecryptionError (tampered, moved, or under another personal key). */
export function openPersonal(personal: PersonalKey, stored: string, aad: string): string {
  const [, keyId, iv, tag, ciphertext] = split(stored, PERSONAL_FORMAT, 5);
  if (keyId !== personal.id) throw new TamperedCiphertextError();
  return open(personal.key, iv!, tag!, ciphertext!, valueAad(keyId, aad)).toString('utf8');
}

/**
 * The personal key wrapped under a key-encryption key, bound to the account and to what the
 * wrapping key is (password, recovery code, session): `w1.<keyId>.<iv>.<tag>.<ciphertext>`.
 */
export function wrapPersonalKey(personal: PersonalKey, kek: Buffer, binding: WrapBinding): string {
  const [iv, tag, ciphertext] = seal(kek, personal.key, wrapAad(personal.id, binding));
  return [WRAP_FORMAT, personal.id, iv, tag, ciphertext].join('.');
}

export function unwrapPersonalKey(wrapped: string, kek: Buffer, binding: WrapBinding): PersonalKey {
  const [, id, iv, tag, ciphertext] = split(wrapped, WRAP_FORMAT, 5);
  const key = open(kek, iv!, tag!, ciphertext!, wrapAad(id!, binding));
  if (key.length !== KEY_BYTES) throw new MalformedCiphertextError('A wrapped personal key has the wrong length.');
  return { id: id!, key };
}

export interface WrapBinding {
  accountId: string;
  /** `password`, `recovery`, or `session:<session id>`. */
  by: string;
}

/**
 * The key that wraps the personal key for one session, from the session's token. The server
 * keeps only the token's SHA-256 (a different function), so the database alone cannot give it.
 */
export function sessionWrappingKey(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(token, 'utf8'), Buffer.alloc(0), 'mend personal key / session', KEY_BYTES));
}

// Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_GROUPS = 6;
const RECOVERY_GROUP_LENGTH = 4;

/** A recovery code: 24 characters (120 random bits) in six groups, e.g. `7KQ2-M0XD-…`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]!);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += RECOVERY_GROUP_LENGTH) groups.push(chars.slice(i, i + RECOVERY_GROUP_LENGTH).join(''));
  return groups.join('-');
}

/**
 * The code as typed, in its one canonical form, or null when it cannot be one: spaces, dashes and
 * case are ignored, and the letters people confuse with digits are read as those digits.
 */
export function normaliseRecoveryCode(typed: string): string | null {
  // Any space and any dash (a pasted code may carry en or em dashes) are ignored.
  const plain = typed
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (plain.length !== RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH) return null;
  if (![...plain].every((c) => RECOVERY_ALPHABET.includes(c))) return null;
  return plain.match(new RegExp(`.{${RECOVERY_GROUP_LENGTH}}`, 'g'))!.join('-');
}

/** The recovery code is 120 random bits, so a key derivation without stretching is enough. */
export function recoveryWrappingKey(code: string): Buffer {
  const canonical = normaliseRecoveryCode(code);
  if (canonical === null) throw new MalformedCiphertextError('Not a recovery code.');
  return Buffer.from(hkdfSync('sha256', Buffer.from(canonical, 'utf8'), Buffer.alloc(0), 'mend personal key / recovery', KEY_BYTES));
}

/** Whether two keys are the same, in constant time. */
export const sameKey = (a: PersonalKey, b: PersonalKey): boolean => a.id === b.id && timingSafeEqual(a.key, b.key);

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): [string, string, string] {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')];
}

function open(key: Buffer, iv: string, tag: string, ciphertext: string, aad: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, bytes(iv, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes(tag, TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes(ciphertext)), decipher.final()]);
  } catch {
    throw new TamperedCiphertextError();
  }
}

const valueAad = (keyId: string, aad: string): Buffer => Buffer.from(`mend-personal/${PERSONAL_FORMAT}\u0000${keyId}\u0000${aad}`, 'utf8');
const wrapAad = (keyId: string, b: WrapBinding): Buffer =>
  Buffer.from(`mend-personal-wrap/${WRAP_FORMAT}\u0000${keyId}\u0000${b.accountId}\u0000${b.by}`, 'utf8');

const PART = /^[A-Za-z0-9_-]*$/;

function split(stored: string, format: string, parts: number): string[] {
  const pieces = stored.split('.');
  if (pieces.length !== parts || pieces[0] !== format || !pieces[1] || !pieces.slice(1).every((p) => PART.test(p))) {
    throw new MalformedCiphertextError(`The stored value is not in the "${format}" format.`);
  }
  return pieces;
}

function bytes(text: string, length?: number): Buffer {
  const out = Buffer.from(text, 'base64url');
  if (out.toString('base64url') !== text || (length !== undefined && out.length !== length)) {
    throw new MalformedCiphertextError('A stored value is not valid base64url.');
  }
  return out;
}
