import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { betaCdf, betaQuantile, logGamma } from './beta-distribution.js';

const close = (actual: number, expected: number, tol = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

test('logGamma matches factorials and Γ(1/2) = √π', () => {
  close(logGamma(1), 0, 1e-13);
  close(logGamma(5), Math.log(24), 1e-12);
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12);
  close(logGamma(101), 363.73937555556347, 1e-9);
});

test('betaCdf matches closed forms', () => {
  for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
    close(betaCdf(x, 1, 1), x);
    close(betaCdf(x, 3, 1), x ** 3);
    close(betaCdf(x, 1, 4), 1 - (1 - x) ** 4);
    close(betaCdf(x, 2, 2), 3 * x ** 2 - 2 * x ** 3);
  }
});

test('betaCdf matches the binomial identity I_p(k, n−k+1) = P(Bin(n, p) ≥ k)', () => {
  const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
  for (const [n, k, p] of [
    [10, 3, 0.2],
    [20, 15, 0.7],
    [40, 1, 0.01],
    [40, 39, 0.95],
  ] as const) {
    let tail = 0;
    for (let j = k; j <= n; j++) tail += choose(n, j) * p ** j * (1 - p) ** (n - j);
    close(betaCdf(p, k, n - k + 1), tail, 1e-12);
  }
});

test('betaCdf and betaQuantile match reference values (SciPy 1.17 scipy.stats.beta)', () => {
  close(betaCdf(0.6, 10, 5), 0.27925698723840003);
  close(betaCdf(0.2, 2.5, 7.3), 0.38781468483560544);
  close(betaCdf(0.3, 0.5, 0.5), 0.36901011956554536);
  close(betaCdf(0.97, 120.4, 3.2), 0.32572475268135664);
  close(betaQuantile(0.05, 10, 5), 0.4599945534760677);
  close(betaQuantile(0.95, 10, 5), 0.8472823776153369);
  close(betaQuantile(0.05, 2.5, 7.3), 0.06893759381341641);
  close(betaQuantile(0.95, 2.5, 7.3), 0.5002568751651421);
  close(betaQuantile(0.05, 0.5, 0.5), 0.0061558297024311365);
  close(betaQuantile(0.05, 120.4, 3.2), 0.9471767924458971);
  close(betaQuantile(0.95, 120.4, 3.2), 0.992441286563528);
  close(betaQuantile(0.5, 1.3, 1.1), 0.5548200055639276);
  close(betaQuantile(0.05, 300, 280), 0.4831035808412867);
});

test('closed-form quantiles: Beta(a, 1) has x = p^(1/a)', () => {
  close(betaQuantile(0.05, 2, 1), Math.sqrt(0.05));
  close(betaQuantile(0.95, 4, 1), 0.95 ** 0.25);
  assert.equal(betaQuantile(0, 3, 3), 0);
  assert.equal(betaQuantile(1, 3, 3), 1);
  assert.throws(() => betaQuantile(0.5, 0, 1), RangeError);
  assert.throws(() => betaQuantile(1.5, 1, 1), RangeError);
});

test('quantile inverts the cdf, and the cdf is monotone and symmetric', () => {
  const shape = fc.double({ min: 0.5, max: 400, noNaN: true }); // Mend's shapes are ≥ 1;
  fc.assert(
    fc.property(shape, shape, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (a, b, p) => {
      const x = betaQuantile(p, a, b);
      close(betaCdf(x, a, b), p, 1e-7);
      assert.ok(betaCdf(Math.min(1, x + 1e-3), a, b) >= betaCdf(x, a, b));
      // I_y(a, b) + I_{1−y}(b, a) = 1, checked where 1 − y is exact enough to mean something.
      const y = Math.min(0.99, Math.max(0.01, x));
      close(betaCdf(y, a, b) + betaCdf(1 - y, b, a), 1, 1e-9);
    }),
  );
});
