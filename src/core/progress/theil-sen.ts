/**
 * Theil–Sen slope (Theil, 1950; Sen, 1968): the median of the slopes between every pair of
 * points. Up to 29% of the points can be arbitrarily wrong before it breaks down, so one bad day
 * barely moves it — unlike a least-squares line.
 */
export interface XY {
  x: number;
  y: number;
}

export function median(values: readonly number[] | Float64Array): number {
  if (values.length === 0) throw new RangeError('median of no values');
  // Selection, not a full sort: the same middle value(s) in linear time, on a copy.
  const a = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
  const mid = a.length >> 1;
  const upper = kthSmallest(a, mid);
  if (a.length % 2 === 1) return upper;
  // After selecting `mid`, everything before it is at most a[mid]: the lower middle is their largest.
  let lower = a[0]!;
  for (let i = 1; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}

/** Rearranges `a` so a[k] is its k-th smallest (0-based), smaller ones before it and larger after. */
function kthSmallest(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

/** Median pairwise slope in y-units per x-unit; null with fewer than two distinct x. */
export function theilSenSlope(points: readonly XY[]): number | null {
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let count = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (a.x !== b.x) slopes[count++] = (b.y - a.y) / (b.x - a.x);
    }
  }
  return count === 0 ? null : median(slopes.subarray(0, count));
}
