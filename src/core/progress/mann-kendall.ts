/**
 * The Mann–Kendall trend test (Mann, 1945; Kendall, 1975): S counts rising minus falling pairs in
 * time order; its variance is corrected for tied values (check-in ratings are whole numbers 0–10,
 * so ties are the rule), and Z uses the usual continuity correction. The normal approximation is
 * good from about n = 10, which is Mend's minimum for a verdict.
 */
export interface MannKendall {
  n: number;
  s: number;
  variance: number;
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Complementary error function to about 1e-15: a series of positive terms below |x| = 3
 * (erf x = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), Abramowitz & Stegun 7.1.6) and the
 * continued fraction of A&S 7.1.14, evaluated by Lentz's method, above it.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  let result: number;
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    result = 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
  } else {
    // erfc z = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), via Lentz.
    const tiny = 1e-300;
    let f = z;
    let c = z;
    let d = 0;
    for (let k = 1; k < 200; k++) {
      const a = k / 2;
      d = z + a * d;
      d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
      c = z + a / c;
      if (Math.abs(c) < tiny) c = tiny;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    result = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? result : 2 - result;
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** `values` must be in time order (equally spaced or not: only the order matters). */
export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  }
  const tieGroups = new Map<number, number>();
  for (const v of values) tieGroups.set(v, (tieGroups.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of tieGroups.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0) return { n, s, variance: 0, z: 0, pValue: 1 };
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { n, s, variance, z, pValue };
}
