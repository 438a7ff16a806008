import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_QUIET_HOURS, quietAtMinute, quietHoursProblem, withinQuietHours, type QuietHours } from './quiet-hours.js';
import { localClock } from './local-clock.js';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const at = (iso: string) => new Date(iso);
const person = (quietHours: QuietHours | null, timezone = 'UTC') => ({ quietHours, timezone });

test('quiet hours that cross midnight: from the start (included) to the end (excluded)', () => {
  const q = { start: '22:00', end: '08:00' };
  for (const [time, quiet] of [
    ['21:59', false],
    ['22:00', true],
    ['23:59', true],
    ['00:00', true],
    ['03:00', true],
    ['07:59', true],
    ['08:00', false],
    ['12:00', false],
  ] as const) {
    assert.equal(withinQuietHours(person(q), at(`2026-05-05T${time}:00Z`)), quiet, time);
  }
});

test('quiet hours within one day, none when the times are equal, none when there are none', () => {
  const q = { start: '13:00', end: '14:30' };
  assert.equal(quietAtMinute(q, 12 * 60 + 59), false);
  assert.equal(quietAtMinute(q, 13 * 60), true);
  assert.equal(quietAtMinute(q, 14 * 60 + 29), true);
  assert.equal(quietAtMinute(q, 14 * 60 + 30), false);
  assert.equal(quietAtMinute({ start: '09:00', end: '09:00' }, 9 * 60), false);
  assert.equal(withinQuietHours(person(null), at('2026-05-05T03:00:00Z')), false);
});

test('quiet hours that cannot be saved say why', () => {
  assert.equal(quietHoursProblem(null), null);
  assert.equal(quietHoursProblem({ start: '22:00', end: '08:00' }), null);
  assert.match(quietHoursProblem({ start: '9:00', end: '10:00' }) ?? '', /Use times like/);
  assert.match(quietHoursProblem({ start: '24:00', end: '10:00' }) ?? '', /Use times like/);
  assert.match(quietHoursProblem({ start: '10:00', end: '10:00' }) ?? '', /two different times/);
});

test('the default is 22:00 to 08:00 on the person’s own clock', () => {
  assert.deepEqual(DEFAULT_QUIET_HOURS, { start: '22:00', end: '08:00' });
  // 20:30 UTC is 09:30 the next morning in Auckland, 16:30 in New York, 06:30 in Sydney.
  const instant = at('2026-03-02T20:30:00Z');
  assert.equal(withinQuietHours(person(DEFAULT_QUIET_HOURS, 'Pacific/Auckland'), instant), false);
  assert.equal(withinQuietHours(person(DEFAULT_QUIET_HOURS, 'America/New_York'), instant), false);
  assert.equal(withinQuietHours(person(DEFAULT_QUIET_HOURS, 'Australia/Sydney'), instant), true);
});

test('clocks going forward: the quiet night is an hour shorter, and ends at 08:00 on the wall', () => {
  // Europe/London went from 01:00 GMT to 02:00 BST at 01:00 UTC on 29 March 2026.
  const london = person(DEFAULT_QUIET_HOURS, 'Europe/London');
  assert.equal(withinQuietHours(london, at('2026-03-28T21:59:00Z')), false, '21:59 GMT');
  assert.equal(withinQuietHours(london, at('2026-03-28T22:00:00Z')), true, '22:00 GMT');
  assert.equal(withinQuietHours(london, at('2026-03-29T06:59:00Z')), true, '07:59 BST');
  assert.equal(withinQuietHours(london, at('2026-03-29T07:00:00Z')), false, '08:00 BST');
  // Quiet hours inside the skipped hour's neighbourhood: 01:30–02:30 lasts half an hour that night.
  const night = person({ start: '01:30', end: '02:30' }, 'Europe/London');
  assert.equal(withinQuietHours(night, at('2026-03-29T00:59:00Z')), false, '00:59 GMT');
  assert.equal(withinQuietHours(night, at('2026-03-29T01:00:00Z')), true, '02:00 BST');
  assert.equal(withinQuietHours(night, at('2026-03-29T01:30:00Z')), false, '02:30 BST');
});

test('clocks going back: an hour that happens twice is quiet both times', () => {
  // Europe/London went from 02:00 BST back to 01:00 GMT at 01:00 UTC on 25 October 2026.
  const night = person({ start: '01:00', end: '02:00' }, 'Europe/London');
  assert.equal(withinQuietHours(night, at('2026-10-24T23:59:00Z')), false, '00:59 BST');
  assert.equal(withinQuietHours(night, at('2026-10-25T00:30:00Z')), true, '01:30 BST');
  assert.equal(withinQuietHours(night, at('2026-10-25T01:30:00Z')), true, '01:30 GMT');
  assert.equal(withinQuietHours(night, at('2026-10-25T02:00:00Z')), false, '02:00 GMT');
  // New York, 1 November 2026: 02:00 EDT back to 01:00 EST at 06:00 UTC.
  const ny = person(DEFAULT_QUIET_HOURS, 'America/New_York');
  assert.equal(withinQuietHours(ny, at('2026-11-01T12:59:00Z')), true, '07:59 EST');
  assert.equal(withinQuietHours(ny, at('2026-11-01T13:00:00Z')), false, '08:00 EST');
});

const minute = fc.integer({ min: 0, max: 1439 });
const distinctTimes = fc.tuple(minute, minute).filter(([s, e]) => s !== e);
const zones = fc.constantFrom(
  'UTC',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'America/St_Johns',
);
// Any instant of 2025–2027, DST changes included.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }).map((ms) => new Date(ms));

test('property: swapping start and end gives exactly the other minutes of the day', () => {
  fc.assert(
    fc.property(distinctTimes, minute, ([s, e], m) => {
      const q = { start: hhmm(s), end: hhmm(e) };
      return quietAtMinute(q, m) !== quietAtMinute({ start: q.end, end: q.start }, m);
    }),
  );
});

test('property: quiet hours last (end − start) mod 24 h of a day’s wall clock', () => {
  fc.assert(
    fc.property(distinctTimes, ([s, e]) => {
      const q = { start: hhmm(s), end: hhmm(e) };
      let quiet = 0;
      for (let m = 0; m < 1440; m++) if (quietAtMinute(q, m)) quiet++;
      return quiet === (e - s + 1440) % 1440;
    }),
    { numRuns: 200 },
  );
});

test('property: at any instant in any zone, DST or not, the two halves of the day partition it on the wall clock', () => {
  fc.assert(
    fc.property(distinctTimes, zones, instant, ([s, e], timezone, when) => {
      const q = { start: hhmm(s), end: hhmm(e) };
      const quiet = withinQuietHours({ quietHours: q, timezone }, when);
      const other = withinQuietHours({ quietHours: { start: q.end, end: q.start }, timezone }, when);
      return quiet !== other && quiet === quietAtMinute(q, localClock(when, timezone).minutes);
    }),
    { numRuns: 500 },
  );
});
