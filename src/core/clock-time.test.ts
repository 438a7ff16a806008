import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOCK_TIME, isClockTime } from './clock-time.js';

test('a time of day is HH:MM on a 24-hour clock, and the pattern the API uses says the same', () => {
  for (const t of ['00:00', '09:05', '19:30', '23:59']) assert.ok(isClockTime(t), t);
  for (const t of ['24:00', '19:60', '9:30', '19:3', '1930', '19:30:00', ' 19:30', '']) assert.ok(!isClockTime(t), t);
  const fromSource = new RegExp(CLOCK_TIME.source);
  for (const t of ['23:59', '24:00', '7:00']) assert.equal(fromSource.test(t), isClockTime(t), t);
});
