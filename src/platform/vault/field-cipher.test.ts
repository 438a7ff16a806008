import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DecryptionError, MalformedCiphertextError, TamperedCiphertextError, UnknownKeyError } from './errors.js';
import { decryptText, encryptText, fieldAad, isEncryptedText, keyIdOf, needsRotation, reencrypt } from './field-cipher.js';
import { Keyring, generateKey } from './keyring.js';

const k1 = { id: 'k1', key: generateKey() };
const k2 = { id: 'k2', key: generateKey() };
const indexKey = generateKey();
const ring1 = new Keyring([k1], 'k1', indexKey, 'file');
const ring12 = new Keyring([k1, k2], 'k2', indexKey, 'file');

const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary-ascii' }), fc.constant(''));

describe('field cipher', () => {
  test('property: round trip over arbitrary Unicode text, with or without associated data', () => {
    fc.assert(
      fc.property(anyText, fc.string(), (text, aad) => {
        assert.equal(decryptText(ring1, encryptText(ring1, text)), text);
        assert.equal(decryptText(ring1, encryptText(ring1, text, aad), aad), text);
      }),
    );
  });

  test('round trip of a large text', () => {
    const text = 'Ich vermisse dich. 我想你。 💔➡️❤️ '.repeat(40_000);
    assert.equal(decryptText(ring1, encryptText(ring1, text)), text);
  });

  test('the format is v2.<keyId>.<iv>.<tag>.<ciphertext>, the same text encrypts differently each time', () => {
    const a = encryptText(ring12, 'I am sorry.');
    const b = encryptText(ring12, 'I am sorry.');
    assert.match(a, /^v2\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    assert.notEqual(a, b);
    assert.equal(keyIdOf(a), 'k2');
    assert.ok(isEncryptedText(a));
    assert.ok(!isEncryptedText('I am sorry.'));
    assert.ok(!a.includes('sorry'));
  });

  test('property: changing any byte of a stored value is detected', () => {
    const stored = encryptText(ring1, 'what happened and how it affected me', 'entries:body:42');
    const bytes = Buffer.from(stored, 'latin1');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const changed = Buffer.from(bytes);
        changed[at] = (changed[at] ?? 0) ^ mask;
        assert.throws(() => decryptText(ring1, changed.toString('latin1'), 'entries:body:42'), DecryptionError);
      }),
      { numRuns: 500 },
    );
  });

  test('a changed ciphertext, tag or IV is reported as tampering', () => {
    const stored = encryptText(ring1, 'a sealed entry');
    const parts = stored.split('.');
    for (const index of [2, 3, 4]) {
      const part = parts[index] ?? '';
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const changed = [...parts];
      changed[index] = bytes.toString('base64url');
      assert.throws(() => decryptText(ring1, changed.join('.')), TamperedCiphertextError);
    }
  });

  test('a value moved to another row (different associated data) does not decrypt', () => {
    const stored = encryptText(ring1, 'private note', fieldAad('entries', 'body', 'row-1'));
    assert.throws(() => decryptText(ring1, stored, fieldAad('entries', 'body', 'row-2')), TamperedCiphertextError);
    assert.throws(() => decryptText(ring1, stored), TamperedCiphertextError);
  });

  test('a different key under the same id fails; an unknown id says so', () => {
    const stored = encryptText(ring1, 'hello');
    const impostor = new Keyring([{ id: 'k1', key: generateKey() }], 'k1', indexKey, 'env');
    assert.throws(() => decryptText(impostor, stored), TamperedCiphertextError);
    const other = new Keyring([k2], 'k2', indexKey, 'env');
    assert.throws(
      () => decryptText(other, stored),
      (e: unknown) => e instanceof UnknownKeyError && e.keyId === 'k1',
    );
  });

  test('malformed values are named as such', () => {
    for (const value of ['', 'plain text', 'v2.k1.a.b.c', 'v1.k1.AAAA.AAAA.', 'v1.k.1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.']) {
      assert.throws(() => decryptText(ring1, value), MalformedCiphertextError, value);
    }
  });

  test('rotation: old values stay readable and reencrypt moves them to the new key', () => {
    const old = encryptText(ring1, 'why I am doing this', 'entries:body:7');
    assert.equal(decryptText(ring12, old, 'entries:body:7'), 'why I am doing this');
    assert.equal(needsRotation(ring12, old), true);
    const moved = reencrypt(ring12, old, 'entries:body:7');
    assert.equal(keyIdOf(moved), 'k2');
    assert.equal(needsRotation(ring12, moved), false);
    assert.equal(decryptText(ring12, moved, 'entries:body:7'), 'why I am doing this');
    assert.equal(reencrypt(ring12, moved, 'entries:body:7'), moved, 'already current: unchanged');
    assert.throws(() => reencrypt(ring12, old, 'entries:body:8'), TamperedCiphertextError);
  });

  test('fieldAad refuses table or column names that would make it ambiguous', () => {
    assert.equal(fieldAad('entries', 'body', 12), 'entries:body:12');
    assert.throws(() => fieldAad('entries:x', 'body', 1), TypeError);
  });

  test('errors never contain the plaintext', () => {
    const stored = encryptText(ring1, 'secret words');
    try {
      decryptText(ring1, stored, 'elsewhere');
      assert.fail('should throw');
    } catch (error) {
      assert.ok(!String((error as Error).message).includes('secret'));
    }
  });
});
