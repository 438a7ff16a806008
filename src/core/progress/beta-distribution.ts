/**
 * The Beta distribution's CDF (the regularised incomplete beta function I_x(a, b)) and its
 * inverse, for the consistency score's credible interval. The continued fraction follows
 * Press et al., "Numerical Recipes" (3rd ed., 2007), §6.4; log-gamma uses Lanczos' approximation
 * (g = 7, 9 terms), accurate to about 15 significant digits for positive arguments.
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Lentz's evaluation of the continued fraction for I_x(a, b); converges fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h; // not reached for the parameter sizes Mend uses (a + b below a few thousand)
}

function assertShape(a: number, b: number): void {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) {
    throw new RangeError(`Beta parameters must be positive and finite, got (${a}, ${b})`);
  }
}

/** P(X ≤ x) for X ~ Beta(a, b): the regularised incomplete beta function I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  assertShape(a, b);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  // Use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * The p-quantile of Beta(a, b): the x with I_x(a, b) = p. Bisection on the monotone CDF, which
 * cannot diverge, run until the bracket is narrower than 1e-13 and than 1e-12 of its upper end
 * (tiny quantiles of shapes below 1 need the relative test), or stops shrinking.
 */
/**
 * Quantiles already found. Progress asks for the same few at every view (a partner's evidence
 * changes only when they log), and each costs a bisection of some forty incomplete-beta values.
 */
const knownQuantiles = new Map<string, number>();
const KNOWN_QUANTILES = 10_000;

export function betaQuantile(p: number, a: number, b: number): number {
  const key = `${p} ${a} ${b}`;
  const hit = knownQuantiles.get(key);
  if (hit !== undefined) return hit;
  const q = searchQuantile(p, a, b);
  if (knownQuantiles.size >= KNOWN_QUANTILES) knownQuantiles.clear();
  knownQuantiles.set(key, q);
  return q;
}

function searchQuantile(p: number, a: number, b: number): number {
  assertShape(a, b);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  // Search the nearer tail, where the bracket's relative precision is meaningful.
  if (p > 0.5) return 1 - searchQuantile(1 - p, b, a);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 2_000 && hi - lo > Math.min(1e-13, 1e-12 * hi); i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
