import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DecryptionError } from './errors.js';
import {
  isPersonalValue,
  newPersonalKey,
  newRecoveryCode,
  normaliseRecoveryCode,
  openPersonal,
  personalKeyIdOf,
  recoveryWrappingKey,
  sealPersonal,
  sessionWrappingKey,
  unwrapPersonalKey,
  wrapPersonalKey,
} from './personal-key.js';

const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary-ascii' }), fc.constant(''));
const throwsDecryption = (fn: () => unknown): void => assert.throws(fn, (e) => e instanceof DecryptionError);

describe('personal key', () => {
  test('property: a text round-trips under its key and associated data, and under nothing else', () => {
    const mine = newPersonalKey();
    const theirs = newPersonalKey();
    fc.assert(
      fc.property(anyText, fc.string(), fc.string(), (text, aad, otherAad) => {
        const stored = sealPersonal(mine, text, aad);
        assert.ok(isPersonalValue(stored));
        assert.equal(personalKeyIdOf(stored), mine.id);
        assert.equal(openPersonal(mine, stored, aad), text);
        throwsDecryption(() => openPersonal(theirs, stored, aad));
        throwsDecryption(() => openPersonal({ id: mine.id, key: theirs.key }, stored, aad));
        if (otherAad !== aad) throwsDecryption(() => openPersonal(mine, stored, otherAad));
      }),
    );
  });

  test('a stored value shows nothing of its text, and a changed byte fails', () => {
    const key = newPersonalKey();
    const stored = sealPersonal(key, 'PRIVATE-CANARY', 'aad');
    assert.ok(!stored.includes('PRIVATE') && !stored.includes(Buffer.from('PRIVATE').toString('base64url')));
    const parts = stored.split('.');
    const ciphertext = Buffer.from(parts[4]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[4] = ciphertext.toString('base64url');
    throwsDecryption(() => openPersonal(key, parts.join('.'), 'aad'));
    throwsDecryption(() => openPersonal(key, `v2.${stored.slice(3)}`, 'aad'));
  });

  test('a wrap opens only with its wrapping key, for its account and its purpose', () => {
    const key = newPersonalKey();
    const token = 'token-of-a-session';
    const wrapped = wrapPersonalKey(key, sessionWrappingKey(token), { accountId: 'a', by: 'session:s1' });
    const opened = unwrapPersonalKey(wrapped, sessionWrappingKey(token), { accountId: 'a', by: 'session:s1' });
    assert.equal(opened.id, key.id);
    assert.ok(opened.key.equals(key.key));
    throwsDecryption(() => unwrapPersonalKey(wrapped, sessionWrappingKey('another token'), { accountId: 'a', by: 'session:s1' }));
    throwsDecryption(() => unwrapPersonalKey(wrapped, sessionWrappingKey(token), { accountId: 'b', by: 'session:s1' }));
    throwsDecryption(() => unwrapPersonalKey(wrapped, sessionWrappingKey(token), { accountId: 'a', by: 'session:s2' }));
  });

  test('property: a recovery code is read however it is typed, and wraps the key', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (lower, spaced) => {
        const code = newRecoveryCode();
        assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
        let typed = lower ? code.toLowerCase() : code;
        if (spaced) typed = ` ${typed.replaceAll('-', ' ')} `;
        assert.equal(normaliseRecoveryCode(typed), code);
        const key = newPersonalKey();
        const wrapped = wrapPersonalKey(key, recoveryWrappingKey(code), { accountId: 'a', by: 'recovery' });
        assert.ok(unwrapPersonalKey(wrapped, recoveryWrappingKey(typed), { accountId: 'a', by: 'recovery' }).key.equals(key.key));
      }),
    );
  });

  test('letters people mistake for digits are read as those digits; anything else is not a code', () => {
    assert.equal(normaliseRecoveryCode('OOOO-IIII-LLLL-0000-1111-2222'), '0000-1111-1111-0000-1111-2222');
    assert.equal(normaliseRecoveryCode('0000–1111—2222‐3333 4444-5555'), '0000-1111-2222-3333-4444-5555', 'any dash');
    assert.equal(normaliseRecoveryCode('too short'), null);
    assert.equal(normaliseRecoveryCode('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU'), null);
    assert.throws(() => recoveryWrappingKey('not a code'));
  });
});
