import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, isIsoDate, isValidTimeZone, localDate, timeZoneNames } from './time.js';

test('today depends on the person\'s time zone', () => {
  const instant = new Date('2026-03-01T11:30:00Z');
  assert.equal(localDate(instant, 'Pacific/Auckland'), '2026-03-02');
  assert.equal(localDate(instant, 'America/Los_Angeles'), '2026-03-01');
  assert.equal(localDate(instant, 'UTC'), '2026-03-01');
});

test('a day across a daylight-saving change is still one calendar day', () => {
  // Europe/London moved clocks forward at 01:00 UTC on 2026-03-29.
  assert.equal(localDate(new Date('2026-03-29T00:59:00Z'), 'Europe/London'), '2026-03-29');
  assert.equal(localDate(new Date('2026-03-29T23:30:00Z'), 'Europe/London'), '2026-03-30');
  assert.equal(localDate(new Date('2026-03-28T23:30:00Z'), 'Europe/London'), '2026-03-28');
});

test('time zone names are validated', () => {
  assert.equal(isValidTimeZone('Europe/Berlin'), true);
  assert.equal(isValidTimeZone('UTC'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
  assert.equal(isValidTimeZone(''), false);
  assert.ok(timeZoneNames().includes('Australia/Sydney'));
});

test('dates are checked for real calendar days', () => {
  assert.equal(isIsoDate('2026-02-28'), true);
  assert.equal(isIsoDate('2026-02-30'), false);
  assert.equal(isIsoDate('2026-2-3'), false);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  fc.assert(
    fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.integer({ min: -1000, max: 1000 }), (d, n) => {
      const day = d.toISOString().slice(0, 10);
      assert.equal(addDays(addDays(day, n), -n), day);
      assert.ok(isIsoDate(addDays(day, n)));
    }),
  );
});
