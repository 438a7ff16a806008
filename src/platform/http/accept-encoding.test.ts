import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chooseCoding } from './accept-encoding.js';

test("a browser's header gets brotli, an older client's gzip, no header or identity the bytes as they are", () => {
  assert.equal(chooseCoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseCoding('gzip, deflate'), 'gzip');
  assert.equal(chooseCoding('GZIP'), 'gzip');
  assert.equal(chooseCoding(undefined), null);
  assert.equal(chooseCoding(''), null);
  assert.equal(chooseCoding('identity'), null);
  assert.equal(chooseCoding('deflate, zstd'), null);
});

test('weights: the heavier coding wins, q=0 refuses a coding even beside a star', () => {
  assert.equal(chooseCoding('gzip;q=0.5, br;q=0.4'), 'gzip');
  assert.equal(chooseCoding('br;q=0, gzip'), 'gzip');
  assert.equal(chooseCoding('gzip;q=0, *'), 'br');
  assert.equal(chooseCoding('br;q=0, gzip;q=0, *'), null);
  assert.equal(chooseCoding('*, gzip; q=0.0, br;q=0'), null);
  assert.equal(chooseCoding('*'), 'br');
  assert.equal(chooseCoding('*;q=0'), null);
});

test('never a coding the header gives no weight to', () => {
  const coding = fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*', 'zstd');
  const weight = fc.option(fc.constantFrom('0', '0.0', '0.3', '1', '1.000'), { nil: undefined });
  fc.assert(
    fc.property(fc.array(fc.tuple(coding, weight), { maxLength: 6 }), (parts) => {
      const header = parts.map(([c, q]) => (q === undefined ? c : `${c};q=${q}`)).join(', ');
      const chosen = chooseCoding(header);
      if (chosen === null) return;
      // The weight it was chosen by: its own entry's (the last one, as the parser reads them), else the star's.
      const own = parts.filter(([c]) => c === chosen).at(-1) ?? parts.filter(([c]) => c === '*').at(-1);
      assert.ok(own, `${chosen} chosen from "${header}"`);
      assert.notEqual(Number(own[1] ?? '1'), 0, `${chosen} chosen from "${header}"`);
    }),
  );
});
