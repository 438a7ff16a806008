/** Pure metric helpers for the coach evaluation (scripts/coach-eval.ts, test/coach/quality.test.ts). */

export interface BinaryScores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Precision, recall, F1 and accuracy for paired (predicted, expected) booleans. */
export function binaryScores(pairs: ReadonlyArray<readonly [predicted: boolean, expected: boolean]>): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [p, e] of pairs) {
    if (p && e) tp++;
    else if (p && !e) fp++;
    else if (!p && e) fn++;
    else tn++;
  }
  // With nothing predicted (or nothing to find) the score is vacuously perfect, not NaN.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const total = tp + fp + fn + tn;
  const accuracy = total === 0 ? 1 : (tp + tn) / total;
  return { tp, fp, fn, tn, precision, recall, f1, accuracy };
}

/** Share of pairs where prediction equals expectation. */
export function accuracy(pairs: ReadonlyArray<readonly [predicted: boolean, expected: boolean]>): number {
  if (pairs.length === 0) return 1;
  return pairs.filter(([p, e]) => p === e).length / pairs.length;
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
