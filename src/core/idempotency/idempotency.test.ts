import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  arrivalAt,
  canonicalJson,
  expiryOf,
  IDEMPOTENCY_KEY_HOURS,
  MAX_KEY_LENGTH,
  parseIdempotencyKey,
  requestFingerprintInput,
  settlementFor,
} from './idempotency.js';

const printable = fc.stringMatching(/^[\x20-\x7e]{1,60}$/);
const sfQuote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

test('a key is a quoted Structured Field string (escapes undone) or a bare token', () => {
  assert.deepEqual(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'), {
    kind: 'key',
    key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
  });
  assert.deepEqual(parseIdempotencyKey('  "a \\"b\\" \\\\c"  '), { kind: 'key', key: 'a "b" \\c' });
  assert.deepEqual(parseIdempotencyKey('abc-123_x'), { kind: 'key', key: 'abc-123_x' });
  assert.deepEqual(parseIdempotencyKey(undefined), { kind: 'absent' });
  for (const bad of ['', '""', '"unclosed', '"bad \\x escape"', 'two words', '"tab\there"', '"é"', `"${'k'.repeat(MAX_KEY_LENGTH + 1)}"`]) {
    assert.deepEqual(parseIdempotencyKey(bad), { kind: 'invalid' }, bad);
  }
});

test('property: every printable key quoted as a Structured Field string reads back as itself', () => {
  fc.assert(fc.property(printable, (key) => assert.deepEqual(parseIdempotencyKey(sfQuote(key)), { kind: 'key', key })));
});

test('property: key order never changes the canonical JSON, and different values give different JSON', () => {
  const value = fc.jsonValue();
  fc.assert(
    fc.property(fc.dictionary(fc.string(), value), (object) => {
      const reversed = Object.fromEntries(Object.entries(object).reverse());
      assert.equal(canonicalJson(reversed), canonicalJson(object));
      assert.deepEqual(JSON.parse(canonicalJson(object)), JSON.parse(JSON.stringify(object)));
    }),
  );
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
});

test('the fingerprint covers method, address and body, but not the fields a form render changes', () => {
  const base = requestFingerprintInput('post', '/spaces/s/reassurance', { note: 'x', _csrf: 'one', _idempotency: 'k1' }, [
    '_csrf',
    '_idempotency',
  ]);
  assert.equal(
    requestFingerprintInput('POST', '/spaces/s/reassurance', { _idempotency: 'k1', _csrf: 'two', note: 'x' }, ['_csrf', '_idempotency']),
    base,
  );
  assert.notEqual(requestFingerprintInput('POST', '/spaces/s/reassurance', { note: 'y', _csrf: 'one' }, ['_csrf', '_idempotency']), base);
  assert.notEqual(requestFingerprintInput('POST', '/spaces/t/reassurance', { note: 'x' }, ['_csrf', '_idempotency']), base);
  // On the API nothing is left out: `_csrf` there is part of what was sent.
  assert.notEqual(requestFingerprintInput('POST', '/a', { _csrf: 'x' }), requestFingerprintInput('POST', '/a', {}));
});

test('a claimed key meets the same request with its answer, another request with 422, an unsettled one with 409', () => {
  assert.equal(arrivalAt({ fingerprint: 'f', status: 201 }, 'f'), 'replay');
  assert.equal(arrivalAt({ fingerprint: 'f', status: null }, 'f'), 'not_settled');
  assert.equal(arrivalAt({ fingerprint: 'f', status: 201 }, 'g'), 'different_request');
  assert.equal(arrivalAt({ fingerprint: 'f', status: null }, 'g'), 'different_request');
});

test('property: answers that wrote are kept, refusals let the key go, failures hold it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
      const expected = status >= 200 && status < 400 ? 'keep' : status >= 400 && status < 500 ? 'release' : 'hold';
      assert.equal(settlementFor(status), expected);
    }),
  );
});

test('a key is kept for a day', () => {
  assert.equal(IDEMPOTENCY_KEY_HOURS >= 24, true);
  assert.equal(expiryOf(new Date('2026-03-01T10:00:00Z')).toISOString(), '2026-03-02T10:00:00.000Z');
});
