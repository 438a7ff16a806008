import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blindIndex } from './blind-index.js';
import { Keyring, generateKey } from './keyring.js';

const indexKey = generateKey();
const ring = new Keyring([{ id: 'k1', key: generateKey() }], 'k1', indexKey, 'file');
const rotated = new Keyring(
  [
    { id: 'k1', key: generateKey() },
    { id: 'k2', key: generateKey() },
  ],
  'k2',
  indexKey,
  'file',
);

test('blind index: deterministic, hex, different per purpose, unchanged by key rotation', () => {
  fc.assert(
    fc.property(fc.string(), (value) => {
      const a = blindIndex(ring, 'account.email', value);
      assert.match(a, /^[0-9a-f]{64}$/);
      assert.equal(blindIndex(ring, 'account.email', value), a);
      assert.notEqual(blindIndex(ring, 'invitation.email', value), a);
      assert.equal(blindIndex(rotated, 'account.email', value), a);
    }),
  );
});

test('blind index: different values and different index keys give different indexes', () => {
  assert.notEqual(blindIndex(ring, 'account.email', 'a@example.org'), blindIndex(ring, 'account.email', 'b@example.org'));
  const other = new Keyring([{ id: 'k1', key: generateKey() }], 'k1', generateKey(), 'file');
  assert.notEqual(blindIndex(ring, 'account.email', 'a@example.org'), blindIndex(other, 'account.email', 'a@example.org'));
  assert.ok(!blindIndex(ring, 'account.email', 'a@example.org').includes('example'));
});

test('blind index: purposes are short lower-case names', () => {
  assert.throws(() => blindIndex(ring, '', 'x'), TypeError);
  assert.throws(() => blindIndex(ring, 'Account Email', 'x'), TypeError);
});
