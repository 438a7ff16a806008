import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { KeyringError } from './errors.js';
import { Keyring, decodeKey, fingerprintKeyId, generateKey, generateKeyBase64 } from './keyring.js';
import { parseEnvKeyring } from './env-keyring.js';

const code = (c: string) => (e: unknown) => e instanceof KeyringError && e.code === c;

describe('Keyring', () => {
  test('needs its current key among its keys, unique ids and 32-byte keys', () => {
    const key = generateKey();
    assert.throws(() => new Keyring([{ id: 'a', key }], 'b', key, 'env'), code('unknown_key_id'));
    assert.throws(
      () =>
        new Keyring(
          [
            { id: 'a', key },
            { id: 'a', key },
          ],
          'a',
          key,
          'env',
        ),
      code('duplicate_key_id'),
    );
    assert.throws(() => new Keyring([{ id: 'a', key: Buffer.alloc(16) }], 'a', key, 'env'), code('malformed_key'));
    assert.throws(() => new Keyring([{ id: 'a.b', key }], 'a.b', key, 'env'), code('malformed_key'));
    assert.throws(() => new Keyring([{ id: 'a', key }], 'a', key, 'env').key('z'), code('unknown_key_id'));
  });

  test('never shows key material when logged or serialised', () => {
    const key = generateKey();
    const ring = new Keyring([{ id: 'k1', key }], 'k1', generateKey(), 'file');
    const b64 = key.toString('base64');
    assert.ok(!inspect(ring).includes(b64));
    assert.ok(!JSON.stringify(ring).includes(b64));
    assert.match(inspect(ring), /current: k1/);
  });
});

describe('parseEnvKeyring (MEND_ENCRYPTION_KEY)', () => {
  test('a bare key gets a stable id derived from it', () => {
    const b64 = generateKeyBase64();
    const a = parseEnvKeyring(b64);
    const b = parseEnvKeyring(` ${b64} `);
    assert.equal(a.currentKeyId, b.currentKeyId);
    assert.equal(a.currentKeyId, fingerprintKeyId(Buffer.from(b64, 'base64')));
    assert.equal(a.source, 'env');
  });

  test('id:key pairs, the last is current, all are kept for reading', () => {
    const ring = parseEnvKeyring(`old:${generateKeyBase64()}, new:${generateKeyBase64()}`);
    assert.deepEqual(ring.keyIds, ['old', 'new']);
    assert.equal(ring.currentKeyId, 'new');
  });

  test('url-safe base64 without padding is accepted', () => {
    const key = generateKey();
    assert.deepEqual(parseEnvKeyring(`k:${key.toString('base64url')}`).key('k'), key);
  });

  test('the index key comes from MEND_INDEX_KEY, else from the first key, and survives appending keys', () => {
    const first = generateKeyBase64();
    const one = parseEnvKeyring(`a:${first}`);
    const two = parseEnvKeyring(`a:${first},b:${generateKeyBase64()}`);
    assert.deepEqual(one.indexKey, two.indexKey);
    assert.notDeepEqual(one.indexKey, one.key('a'));
    const explicit = generateKey();
    assert.deepEqual(parseEnvKeyring(`a:${first}`, explicit.toString('base64')).indexKey, explicit);
  });

  test('clear errors that never repeat the key', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const cases: [string, RegExp][] = [
      ['   ', /empty/],
      [`k1:${short}`, /16 bytes long; it must be exactly 32 bytes/],
      ['k1:not base64!!', /not valid base64/],
      [`${generateKeyBase64()},`, /key 2 .*empty/i],
      [`bad.id:${generateKeyBase64()}`, /key id "bad.id" is not allowed/],
      [`a:${generateKeyBase64()},a:${generateKeyBase64()}`, /appears twice/],
    ];
    for (const [value, message] of cases) {
      assert.throws(
        () => parseEnvKeyring(value),
        (e: unknown) => {
          assert.ok(e instanceof KeyringError, value);
          assert.match(e.message, message);
          assert.ok(!e.message.includes(short) && !e.message.includes('not base64!!'));
          return true;
        },
      );
    }
    assert.throws(() => parseEnvKeyring(`a:${generateKeyBase64()}`, 'short'), /MEND_INDEX_KEY/);
  });

  test('decodeKey names the key it could not read', () => {
    assert.throws(() => decodeKey('abc', 'the test key'), /The test key is 2 bytes long/);
  });
});
