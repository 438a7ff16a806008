import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { daysOfMonth, monthOf, monthOfDay } from './months.js';
import { addDays } from '../time.js';

test('a month is named YYYY-MM; anything else names none', () => {
  assert.equal(monthOf('2026-03'), '2026-03');
  for (const bad of [undefined, null, '', '2026-13', '2026-00', '2026-3', '2026-03-01', ' 2026-03', '../x'])
    assert.equal(monthOf(bad), null);
});

test("a month's days run from its first up to the next month's first, over a year's end too", () => {
  assert.deepEqual(daysOfMonth('2026-12'), { from: '2026-12-01', until: '2027-01-01' });
  assert.deepEqual(daysOfMonth('2024-02'), { from: '2024-02-01', until: '2024-03-01' });
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (d) => {
      const day = d.toISOString().slice(0, 10);
      const { from, until } = daysOfMonth(monthOfDay(day));
      assert.ok(from <= day && day < until, 'every day is inside its own month');
      assert.equal(monthOfDay(addDays(until, -1)), monthOfDay(day), "the day before the next month's first is the month's last");
    }),
  );
});
