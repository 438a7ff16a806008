import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dateTimeIn, dateTimeInUtc, dayMonthYear, dayMonthYearIn, monthYear, weekdayDayMonth } from './dates.js';

// The formats are built once; they must show exactly what a fresh `toLocale…String` shows.
const instants = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
const zones = fc.constantFrom(
  'UTC',
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Africa/Monrovia',
);

test('every format matches a freshly built one, for any instant and zone', () => {
  fc.assert(
    fc.property(instants, zones, (d, zone) => {
      const iso = d.toISOString();
      const date = iso.slice(0, 10);
      assert.equal(dayMonthYear(iso), d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
      assert.equal(
        dayMonthYear(date),
        new Date(date).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      );
      assert.equal(
        weekdayDayMonth(date),
        new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
      );
      assert.equal(
        monthYear(date.slice(0, 7)),
        new Date(`${date.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      );
      assert.equal(dateTimeInUtc(iso), `${d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`);
      assert.equal(dateTimeIn(iso, zone), d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }));
      assert.equal(
        dayMonthYearIn(iso, zone),
        d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
      );
    }),
    { numRuns: 300 },
  );
});

test('examples, an unreadable date, and an unknown zone', () => {
  assert.equal(dayMonthYear('2026-03-03T10:00:00Z'), '3 March 2026');
  assert.equal(weekdayDayMonth('2026-03-03'), 'Tuesday 3 March');
  assert.equal(monthYear('2026-03'), 'March 2026');
  assert.equal(dateTimeIn('2026-03-03T14:05:00Z', 'Europe/Paris'), '3 Mar 2026, 15:05');
  assert.equal(dayMonthYearIn('2026-03-03T23:30:00Z', 'Pacific/Auckland'), '4 March 2026');
  assert.equal(dayMonthYearIn('2026-03-03T23:30:00Z', 'America/New_York'), '3 March 2026');
  assert.equal(dayMonthYear('not a date'), new Date('not a date').toLocaleDateString('en-GB', { timeZone: 'UTC' }));
  assert.throws(() => dateTimeIn('2026-03-03T14:05:00Z', 'Not/AZone'), RangeError);
});

test('many time zones: the remembered formats stay bounded and still answer correctly', () => {
  const all = Intl.supportedValuesOf('timeZone');
  for (const zone of all)
    assert.equal(
      dateTimeIn('2026-07-01T12:00:00Z', zone),
      new Date('2026-07-01T12:00:00Z').toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }),
    );
  assert.ok(all.length > 100);
});
