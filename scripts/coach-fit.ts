/**
 * The coach's trainer, shared by `npm run coach:train` (scripts/coach-train.ts) and the checks that
 * decide on development rows whether a head should change (scripts/coach-check.ts, round 18):
 * logistic regression by full-batch gradient descent from zero weights, deterministic.
 */
import type { LinearModel } from '../src/core/coach/model.js';

export const EPOCHS = 1000;
export const RATE = 1;
export const L2 = 0.002;
export const MIN_ROWS = 2; // a feature seen in one row only is a memorised sentence, not a pattern
export const KEEP = 0.02; // weights smaller than this change no decision and only add bytes
export const FOLDS = 5;

export interface Example {
  feats: string[];
  y: boolean;
  text: string;
}

export function train(examples: readonly Example[]): Omit<LinearModel, 'threshold'> {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.feats)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.entries()]
    .filter(([, n]) => n >= MIN_ROWS)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  // A feature counts as often as it occurs, as in model.ts.
  const rows = examples.map((e) => e.feats.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const w = new Float64Array(vocab.length);
  let bias = 0;
  const n = examples.length;
  // Each class weighs half: unseen words then start from even odds, not from the corpus's mix.
  const positives = examples.filter((e) => e.y).length;
  const weightOf = (y: boolean) => (y ? n / (2 * Math.max(1, positives)) : n / (2 * Math.max(1, n - positives)));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Float64Array(vocab.length);
    let gBias = 0;
    for (let r = 0; r < n; r++) {
      const row = rows[r] as number[];
      let z = bias;
      for (const i of row) z += w[i] as number;
      const y = (examples[r] as Example).y;
      const err = (1 / (1 + Math.exp(-z)) - (y ? 1 : 0)) * weightOf(y);
      gBias += err;
      for (const i of row) grad[i] = (grad[i] as number) + err;
    }
    bias -= (RATE * gBias) / n;
    for (let i = 0; i < vocab.length; i++) w[i] = (w[i] as number) - RATE * ((grad[i] as number) * (20 / n) + L2 * (w[i] as number));
  }
  const weights: Record<string, number> = {};
  vocab.forEach((f, i) => {
    const v = Math.round((w[i] as number) * 1000) / 1000;
    if (Math.abs(v) >= KEEP) weights[f] = v;
  });
  return { bias: Math.round(bias * 1000) / 1000, weights };
}

/** Out-of-fold scores: each row scored by a head trained without its fold. */
export function outOfFold(examples: readonly Example[], score: (m: LinearModel, e: Example) => number): number[] {
  const out = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < FOLDS; k++) {
    const model = { ...train(examples.filter((_, i) => i % FOLDS !== k)), threshold: 1 };
    examples.forEach((e, i) => {
      if (i % FOLDS === k) out[i] = score(model, e);
    });
  }
  return out;
}
