import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageOf, pageSize, DEFAULT_PAGE_SIZE } from './cursor.js';

const part = fc.string({ minLength: 1, maxLength: 64 });

test('a cursor gives back the key it was made from', () => {
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (key) => {
      assert.deepEqual(decodeCursor(encodeCursor(key), key.length), key);
    }),
  );
});

test('anything else is refused as null, never thrown', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 3 }), (s, parts) => {
      const key = decodeCursor(s, parts);
      if (key !== null) assert.ok(key.length === parts && key.every((k) => typeof k === 'string'));
    }),
  );
  for (const bad of [
    '',
    '!!!',
    'bm90IGpzb24',
    encodeCursor(['a']),
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    encodeCursor(['a', '']),
  ]) {
    assert.equal(decodeCursor(bad, 2), null, bad);
  }
  assert.equal(decodeCursor(encodeCursor(['x'.repeat(65), 'y']), 2), null, 'no part longer than any sort key');
});

test('the page size stays within bounds', () => {
  assert.equal(pageSize(undefined), DEFAULT_PAGE_SIZE);
  assert.equal(pageSize(0), 1);
  assert.equal(pageSize(10_000), MAX_PAGE_SIZE);
  assert.equal(pageSize(7.9), 7);
  fc.assert(
    fc.property(fc.double(), (n) => {
      const size = pageSize(n);
      assert.ok(Number.isInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE);
    }),
  );
});

test('pages read one over the size: the extra row only says more follow', () => {
  fc.assert(
    fc.property(fc.array(fc.integer(), { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (rows, size) => {
      const page = pageOf(rows.slice(0, size + 1), size, (n) => [String(n)]);
      assert.deepEqual(page.items, rows.slice(0, size));
      assert.deepEqual(page.next, rows.length > size ? [String(rows[size - 1])] : null);
    }),
  );
});

test('a cursor whose parts hold control characters is refused (a NUL would reach the database)', () => {
  for (const bad of ['2025-01-01T00:00:00.000Z\u0000', 'x\ny', '\u007f']) {
    const cursor = Buffer.from(JSON.stringify([bad, 'id'])).toString('base64url');
    assert.equal(decodeCursor(cursor, 2), null, JSON.stringify(bad));
  }
});
