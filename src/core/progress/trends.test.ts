import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import type { DatedValue } from './smoothing.js';
import { MIN_SLOPE_PER_WEEK, trendFor, WINDOW_DAYS, type Verdict } from './trends.js';

const TODAY = '2025-05-31';
const series = (values: readonly number[], step = 1): DatedValue[] =>
  values.map((value, i) => ({ date: addDays(TODAY, -(values.length - 1 - i) * step), value }));

describe('trendFor', () => {
  test('a clear rise over eight weeks is improving, with its slope per week', () => {
    const t = trendFor(series(Array.from({ length: 56 }, (_, i) => 2 + Math.floor(i / 7))), TODAY);
    assert.equal(t.verdict, 'improving');
    assert.equal(t.n, 56);
    assert.equal(t.windowDays, WINDOW_DAYS);
    assert.ok(Math.abs(t.slopePerWeek! - 1) < 0.2);
    assert.ok(t.pValue! < 0.001);
  });

  test('a clear fall is declining', () => {
    const t = trendFor(series(Array.from({ length: 40 }, (_, i) => 9 - Math.floor(i / 6))), TODAY);
    assert.equal(t.verdict, 'declining');
  });

  test('good days and bad days around a level are steady', () => {
    const t = trendFor(series(Array.from({ length: 56 }, (_, i) => [6, 7, 5, 6, 3, 7, 6, 8, 6, 5][i % 10]!)), TODAY);
    assert.equal(t.verdict, 'steady');
  });

  test('a significant but tiny slope reads steady (minimum practical effect)', () => {
    // Four weeks at 5, then four at 5.5: a real but small lift (half a point over eight weeks).
    const values = Array.from({ length: 56 }, (_, i) => (i < 28 ? 5 : 5.5));
    const t = trendFor(series(values), TODAY);
    assert.ok(t.pValue! < 0.05);
    assert.ok(Math.abs(t.slopePerWeek!) < MIN_SLOPE_PER_WEEK);
    assert.equal(t.verdict, 'steady');
  });

  test('not enough data: too few check-ins, or all in fewer than four weeks', () => {
    assert.equal(trendFor(series([1, 2, 3, 4, 5, 6, 7, 8, 9]), TODAY).verdict, 'not_enough_data');
    assert.equal(trendFor(series(Array.from({ length: 21 }, (_, i) => i / 2)), TODAY).verdict, 'not_enough_data');
    assert.equal(trendFor(series([1, 2]), TODAY).slopePerWeek, null);
    const old = trendFor(
      series(Array.from({ length: 30 }, (_, i) => i / 3)).map((p) => ({ ...p, date: addDays(p.date, -90) })),
      TODAY,
    );
    assert.equal(old.n, 0);
    assert.equal(old.verdict, 'not_enough_data');
  });

  test('check-ins every few days still count when spread over the weeks', () => {
    const t = trendFor(
      series(
        Array.from({ length: 14 }, (_, i) => 3 + i / 2),
        4,
      ),
      TODAY,
    );
    assert.equal(t.weeksWithData, 8);
    assert.equal(t.verdict, 'improving');
  });

  test('the smoothed line covers only the window and leaves gaps unfilled', () => {
    const pts = series(Array.from({ length: 10 }, () => 5));
    const t = trendFor(pts, TODAY);
    assert.equal(t.smoothed[0]!.date, addDays(TODAY, -7));
    assert.equal(t.smoothed.length, 8);
  });
});

/**
 * The one-bad-day property, exactly as guaranteed (see docs/progress.md, "One bad day"):
 * for any series with enough data, setting any single existing check-in to 0
 *   1. never turns improving into declining,
 *   2. never turns declining into improving,
 *   3. never turns steady into declining when the series was not already leaning down
 *      (Mann–Kendall S ≥ 0).
 * An unconditional "steady never becomes declining" cannot hold for any method: lowering one day
 * at a time eventually turns a flat series into a falling one, and some single step must be the
 * one that crosses the line.
 */
describe('one bad day does not flip a verdict', () => {
  const seriesArb = fc
    .record({
      start: fc.double({ min: 0, max: 10, noNaN: true }),
      end: fc.double({ min: 0, max: 10, noNaN: true }),
      noise: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 10, maxLength: 56 }),
      gaps: fc.array(fc.boolean(), { minLength: 56, maxLength: 56 }),
    })
    .map(({ start, end, noise, gaps }) => {
      const out: DatedValue[] = [];
      noise.forEach((e, i) => {
        if (gaps[i] && i % 3 === 0) return; // some missing days
        const day = i * Math.floor(56 / noise.length);
        const value = Math.max(0, Math.min(10, Math.round(start + ((end - start) * day) / 55 + e)));
        out.push({ date: addDays(TODAY, -55 + day), value });
      });
      return out;
    });

  const flipped = (before: Verdict, after: Verdict, sBefore: number): boolean =>
    (before === 'improving' && after === 'declining') ||
    (before === 'declining' && after === 'improving') ||
    (before === 'steady' && after === 'declining' && sBefore >= 0);

  test('property: setting any single day to 0 never flips the verdict (as stated above)', () => {
    fc.assert(
      fc.property(seriesArb, fc.nat(), (pts, pick) => {
        const before = trendFor(pts, TODAY);
        fc.pre(before.verdict !== 'not_enough_data' && pts.length > 0);
        const k = pick % pts.length;
        const after = trendFor(
          pts.map((p, i) => (i === k ? { ...p, value: 0 } : p)),
          TODAY,
        );
        assert.ok(!flipped(before.verdict, after.verdict, before.s!), `${before.verdict} → ${after.verdict} (day ${k})`);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: exhaustively, every day of an improving or declining series', () => {
    fc.assert(
      fc.property(seriesArb, (pts) => {
        const before = trendFor(pts, TODAY);
        fc.pre(before.verdict === 'improving' || before.verdict === 'declining');
        pts.forEach((_, k) => {
          const after = trendFor(
            pts.map((p, i) => (i === k ? { ...p, value: 0 } : p)),
            TODAY,
          );
          assert.ok(!flipped(before.verdict, after.verdict, before.s!));
        });
      }),
      { numRuns: 300 },
    );
  });

  test('the hardest case: a rising series with its last day at 0 stays non-declining', () => {
    const rising = series(
      Array.from({ length: 12 }, (_, i) => i * 0.8),
      4,
    );
    assert.equal(trendFor(rising, TODAY).verdict, 'improving');
    const bad = rising.map((p, i) => (i === rising.length - 1 ? { ...p, value: 0 } : p));
    assert.notEqual(trendFor(bad, TODAY).verdict, 'declining');
  });
});
