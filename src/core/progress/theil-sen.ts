/**
 * Theil–Sen slope (Theil, 1950; Sen, 1968): the median of the slopes between every pair of
 * points. Up to 29% of the points can be arbitrarily wrong before it breaks down, so one bad day
 * barely moves it — unlike a least-squares line.
 */
export interface XY {
  x: number;
  y: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median pairwise slope in y-units per x-unit; null with fewer than two distinct x. */
export function theilSenSlope(points: readonly XY[]): number | null {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (a.x !== b.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  return slopes.length === 0 ? null : median(slopes);
}
