import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { monthlyReviewSeries, REVIEW_QUESTIONS, type MonthlyReview } from './monthly-review.js';

const review = (partnerId: string, month: string, v: number, c = v, r = v): MonthlyReview => ({
  partnerId,
  month,
  communicate: v,
  closer: c,
  respect: r,
});

test('the three questions, per partner, in month order across a year end, later replaces earlier', () => {
  const [a, b] = monthlyReviewSeries([
    review('a', '2025-01', 3),
    review('a', '2024-12', 2, 3, 4),
    review('b', '2024-12', 4),
    review('a', '2025-01', 4),
  ]);
  assert.equal(REVIEW_QUESTIONS.length, 3);
  assert.deepEqual(a!.series.communicate, [
    { month: '2024-12', value: 2 },
    { month: '2025-01', value: 4 },
  ]);
  assert.deepEqual(a!.series.mean, [
    { month: '2024-12', value: 3 },
    { month: '2025-01', value: 4 },
  ]);
  assert.equal(a!.trend.verdict, 'not_enough_data');
  assert.equal(b!.partnerId, 'b');
});

test('trend over the last six reviews: improving, declining, steady', () => {
  const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07'];
  const up = monthlyReviewSeries(months.map((m, i) => review('a', m, i < 2 ? 1 : Math.min(5, 1 + (i - 1) * 0.6))))[0]!;
  assert.equal(up.trend.verdict, 'improving');
  assert.equal(up.trend.months, 6);
  const down = monthlyReviewSeries(months.map((m, i) => review('a', m, 5 - i * 0.5)))[0]!;
  assert.equal(down.trend.verdict, 'declining');
  const flat = monthlyReviewSeries(months.map((m, i) => review('a', m, [3, 4, 3, 4, 3, 4, 3][i]!)))[0]!;
  assert.equal(flat.trend.verdict, 'steady');
  assert.throws(() => monthlyReviewSeries([review('a', '2025-13', 3)]), RangeError);
});

test('property: every mean lies between the lowest and highest answer of its month', () => {
  const rating = fc.integer({ min: 1, max: 5 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), rating, rating, rating), { maxLength: 20 }), (rows) => {
      const reviews = rows.map(([m, x, y, z]) => review('a', `2025-${String(m).padStart(2, '0')}`, x, y, z));
      for (const p of monthlyReviewSeries(reviews)) {
        p.series.mean.forEach((pt, i) => {
          const vals = [p.series.communicate[i]!.value, p.series.closer[i]!.value, p.series.respect[i]!.value];
          assert.ok(pt.value >= Math.min(...vals) && pt.value <= Math.max(...vals));
        });
      }
    }),
  );
});
