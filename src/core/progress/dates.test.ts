import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, dateFromDayNumber, dayNumber, daysBetween, monthNumber, utcDateOf } from './dates.js';

test('day numbers count from 1970-01-01 and cross month and leap-year ends', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-02-29', 1), '2024-03-01');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
});

test('rejects malformed and impossible dates', () => {
  assert.throws(() => dayNumber('2024-2-1'), RangeError);
  assert.throws(() => dayNumber('2023-02-29'), RangeError);
  assert.throws(() => monthNumber('2024-13'), RangeError);
  assert.throws(() => utcDateOf('yesterday'), RangeError);
});

test('instants map to their UTC calendar date; months are consecutive', () => {
  assert.equal(utcDateOf('2024-05-01T23:59:59Z'), '2024-05-01');
  assert.equal(monthNumber('2025-01') - monthNumber('2024-12'), 1);
});

test('dayNumber and dateFromDayNumber round-trip', () => {
  fc.assert(
    fc.property(fc.integer({ min: -20000, max: 60000 }), (n) => {
      assert.equal(dayNumber(dateFromDayNumber(n)), n);
    }),
  );
});
