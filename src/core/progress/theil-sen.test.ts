import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { median, theilSenSlope } from './theil-sen.js';

test('median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), RangeError);
});

test('Theil–Sen recovers a line exactly and ignores one wild point', () => {
  const line = Array.from({ length: 9 }, (_, x) => ({ x, y: 2 + 0.5 * x }));
  assert.equal(theilSenSlope(line), 0.5);
  const withOutlier = line.map((p) => (p.x === 4 ? { x: 4, y: -100 } : p));
  assert.equal(theilSenSlope(withOutlier), 0.5);
  assert.equal(theilSenSlope([{ x: 1, y: 1 }]), null);
  assert.equal(
    theilSenSlope([
      { x: 1, y: 1 },
      { x: 1, y: 3 },
    ]),
    null,
  );
});

test('known value: slopes of (0,1) (1,3) (2,2) (4,5) are 2, 0.5, 1, −1, 2/3, 1.5 → median 5/6', () => {
  const s = theilSenSlope([
    { x: 0, y: 1 },
    { x: 1, y: 3 },
    { x: 2, y: 2 },
    { x: 4, y: 5 },
  ]);
  assert.ok(Math.abs(s! - 5 / 6) < 1e-12);
});

test('property: shifting y by a constant does not change the slope; adding c·x adds c', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 30 }),
      fc.integer({ min: -10, max: 10 }),
      fc.integer({ min: -3, max: 3 }),
      (xs, shift, c) => {
        const pts = xs.map((x) => ({ x, y: (x * 7) % 11 }));
        const base = theilSenSlope(pts)!;
        assert.ok(Math.abs(theilSenSlope(pts.map((p) => ({ x: p.x, y: p.y + shift })))! - base) < 1e-9);
        assert.ok(Math.abs(theilSenSlope(pts.map((p) => ({ x: p.x, y: p.y + c * p.x })))! - (base + c)) < 1e-9);
      },
    ),
  );
});

test('median by selection equals the middle of the sorted values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
        minLength: 1,
        maxLength: 200,
      }),
      (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const expected = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        // -0 and 0 sort as equals, so which one lands in the middle is arbitrary;
        // `+ 0` turns -0 into 0 so the check compares the values, not the sign of zero.
        assert.equal(median(values) + 0, expected + 0);
        assert.equal(median(Float64Array.from(values)) + 0, expected + 0);
      },
    ),
    { numRuns: 1000 },
  );
});
