import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, isIsoDate, isValidTimeZone, localDate, timeZoneNames } from './time.js';

test("today depends on the person's time zone", () => {
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
    fc.property(
      fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
      fc.integer({ min: -1000, max: 1000 }),
      (d, n) => {
        const day = d.toISOString().slice(0, 10);
        assert.equal(addDays(addDays(day, n), -n), day);
        assert.ok(isIsoDate(addDays(day, n)));
      },
    ),
  );
});

test('localDate gives what Intl computes afresh for any instant and zone, however calls are ordered (the per-minute memory never answers wrongly)', () => {
  const zones = [
    'UTC',
    'Europe/London',
    'America/Santiago',
    'America/Havana',
    'Pacific/Chatham',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Europe/Dublin',
    'America/St_Johns',
    'Pacific/Kiritimati',
  ];
  const reference = (ms: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  };
  // Around local midnights and DST changes (whole hours, half hours, quarter hours), and in the
  // 19th century, when offsets had seconds (Dublin was 25 minutes 21 seconds behind Greenwich).
  const instant = fc.oneof(
    fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((ms) => Math.floor(ms / 1_800_000) * 1_800_000 + (ms % 120_000) - 60_000),
    fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(1916, 11, 31) }),
  );
  fc.assert(
    fc.property(
      fc.array(fc.tuple(instant, fc.constantFrom(...zones), fc.integer({ min: 0, max: 59_999 })), { minLength: 1, maxLength: 40 }),
      (calls) => {
        for (const [ms, zone, within] of calls) {
          // Twice in the same minute: the second call is answered from memory.
          for (const at of [ms, Math.floor(ms / 60_000) * 60_000 + within])
            assert.equal(localDate(new Date(at), zone), reference(at, zone), `${new Date(at).toISOString()} in ${zone}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('localDate changes exactly at local midnight, asked either side of it in any order', () => {
  const beforeMidnight = new Date('2026-07-01T21:59:59.999Z'); // 23:59:59.999 in Paris (UTC+2)
  assert.equal(localDate(beforeMidnight, 'Europe/Paris'), '2026-07-01');
  assert.equal(localDate(new Date('2026-07-01T21:59:00.000Z'), 'Europe/Paris'), '2026-07-01');
  assert.equal(localDate(new Date('2026-07-01T22:00:00.000Z'), 'Europe/Paris'), '2026-07-02');
  assert.equal(localDate(beforeMidnight, 'Europe/Paris'), '2026-07-01');
});

test('a midnight inside a minute (an offset with seconds) is never answered from memory', () => {
  // Dublin Mean Time was 25 minutes 21 seconds behind Greenwich: midnight fell at 00:25:21 UTC.
  assert.equal(localDate(new Date('1900-01-01T00:25:00Z'), 'Europe/Dublin'), '1899-12-31');
  assert.equal(localDate(new Date('1900-01-01T00:25:30Z'), 'Europe/Dublin'), '1900-01-01');
  assert.equal(localDate(new Date('1900-01-01T00:25:10Z'), 'Europe/Dublin'), '1899-12-31');
});
