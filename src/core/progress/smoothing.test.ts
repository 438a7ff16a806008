import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { onePerDay, smooth7 } from './smoothing.js';

test('a trailing 7-day mean of the days that have check-ins', () => {
  const pts = [
    { date: '2025-03-01', value: 3 },
    { date: '2025-03-02', value: 6 },
    { date: '2025-03-04', value: 9 },
  ];
  assert.deepEqual(smooth7(pts, '2025-03-01', '2025-03-10'), [
    { date: '2025-03-04', value: 6 },
    { date: '2025-03-05', value: 6 },
    { date: '2025-03-06', value: 6 },
    { date: '2025-03-07', value: 6 },
    // 03-08 drops 03-01 from its window: only two check-ins left, so no value — no invented data.
  ]);
});

test('a later check-in on the same day replaces the earlier', () => {
  assert.deepEqual(
    onePerDay([
      { date: '2025-01-02', value: 1 },
      { date: '2025-01-01', value: 5 },
      { date: '2025-01-02', value: 7 },
    ]),
    [
      { date: '2025-01-01', value: 5 },
      { date: '2025-01-02', value: 7 },
    ],
  );
});

test('property: every smoothed value lies within the range of the real values in its window', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 40 }), value: fc.integer({ min: 0, max: 10 }) }), { maxLength: 40 }),
      (raw) => {
        const pts = onePerDay(raw.map((r) => ({ date: addDays('2025-01-01', r.day), value: r.value })));
        for (const s of smooth7(pts, '2025-01-01', '2025-02-15')) {
          const window = pts.filter((p) => p.date <= s.date && p.date > addDays(s.date, -7));
          assert.ok(window.length >= 3);
          const values = window.map((p) => p.value);
          assert.ok(s.value >= Math.min(...values) - 1e-12 && s.value <= Math.max(...values) + 1e-12);
        }
      },
    ),
  );
});
