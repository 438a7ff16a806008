import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mannKendall, normalCdf } from './mann-kendall.js';

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

test('normalCdf matches known values', () => {
  close(normalCdf(0), 0.5, 1e-15);
  // SciPy 1.17 scipy.special.erfc(x) = 2·Φ(−x√2)
  close(2 * normalCdf(-1 * Math.SQRT2), 0.15729920705028516, 1e-14);
  close(2 * normalCdf(-3.5 * Math.SQRT2), 7.430983723414129e-7, 1e-18);
  close(2 * normalCdf(-5 * Math.SQRT2), 1.5374597944280347e-12, 1e-24);
  close(2 * (1 - normalCdf(1.96)), 0.04999579029644087, 1e-12);
  close(normalCdf(-3.2), 0.0006871379379158471, 1e-15);
});

test('reference series with ties: S = 49, Var = 205, Z = 3.3525, p = 0.000801 (computed independently in SciPy)', () => {
  const mk = mannKendall([5, 6, 5, 7, 6, 8, 7, 7, 9, 8, 9, 10]);
  assert.equal(mk.s, 49);
  assert.equal(mk.variance, 205);
  close(mk.z, 3.352465419693975, 1e-12);
  close(mk.pValue, 0.0008009524651495564, 1e-12);
});

test('no variation gives no evidence of a trend', () => {
  assert.deepEqual(mannKendall([4, 4, 4, 4]), { n: 4, s: 0, variance: 0, z: 0, pValue: 1 });
  assert.equal(mannKendall([]).pValue, 1);
});

test('property: reversing time negates S and keeps p', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 60 }), (values) => {
      const fwd = mannKendall(values);
      const back = mannKendall([...values].reverse());
      assert.equal(back.s + fwd.s, 0);
      close(back.pValue, fwd.pValue, 1e-12);
      assert.ok(fwd.pValue >= 0 && fwd.pValue <= 1);
    }),
  );
});
