import { test } from 'node:test';
import assert from 'node:assert/strict';
import { all, offsetAt, prop, readICalendar, wallClock } from '../../../test/support/ical-reader.js';
import { utcOffsetSeconds } from '../../core/ical/vtimezone.js';
import { calendarFeed } from './calendar-feed.js';

const schedule = (spaceId: string, timezone: string, weekday: number, time: string, startOn: string) => ({
  spaceId,
  weekday,
  time,
  durationMinutes: 45,
  timezone,
  updatedBy: 'acc',
  updatedAt: `${startOn}T10:00:00.000Z`,
  spaceStartOn: startOn,
});

test('every TZID the feed uses has its VTIMEZONE, once, and each meeting lands on the same instant a client using IANA data would show', () => {
  const ics = calendarFeed({
    accountId: 'acc',
    schedules: [
      schedule('london', 'Europe/London', 7, '19:30', '2026-01-05'),
      schedule('sydney', 'Australia/Sydney', 3, '20:00', '2026-02-02'),
      schedule('kolkata', 'Asia/Kolkata', 6, '09:00', '2026-06-01'),
      schedule('london-2', 'Europe/London', 2, '08:00', '2026-03-02'),
    ],
    baseUrl: new URL('https://mend.example.org'),
    now: new Date('2026-06-10T12:00:00Z'),
  });
  const cal = readICalendar(ics);
  assert.equal(cal.name, 'VCALENDAR');
  const zones = new Map(all(cal, 'VTIMEZONE').map((z) => [prop(z, 'TZID')!.value, z]));
  assert.deepEqual([...zones.keys()].sort(), ['Asia/Kolkata', 'Australia/Sydney', 'Europe/London']);
  assert.equal(all(cal, 'VTIMEZONE').length, 3, 'one VTIMEZONE per zone, even when two meetings share it');
  // VTIMEZONEs come before the events that use them.
  assert.ok(ics.indexOf('BEGIN:VTIMEZONE') < ics.indexOf('BEGIN:VEVENT'));

  const events = all(cal, 'VEVENT');
  assert.equal(events.length, 4);
  for (const event of events) {
    const start = prop(event, 'DTSTART')!;
    const zone = zones.get(start.params.TZID!);
    assert.ok(zone, `a VTIMEZONE for ${start.params.TZID}`);
    // The first meeting and one a year on: local wall time → UTC through the VTIMEZONE,
    // and the same wall time through the IANA data, agree.
    const wall = wallClock(start.value);
    for (const w of [wall, wall + 364 * 86_400_000, wall + 2 * 364 * 86_400_000]) {
      const guess = w - utcOffsetSeconds(start.params.TZID!, w) * 1000;
      const iana = w - utcOffsetSeconds(start.params.TZID!, guess) * 1000;
      assert.equal(w - offsetAt(zone, iana) * 1000, iana, `${start.params.TZID} ${new Date(w).toISOString()}`);
    }
  }
  assert.match(ics, /DTSTART;TZID=Australia\/Sydney:20260204T200000\r\n/);
});

test('a feed with no meetings has no VTIMEZONE and is still a valid calendar', () => {
  const ics = calendarFeed({
    accountId: 'acc',
    schedules: [],
    baseUrl: new URL('https://mend.example.org'),
    now: new Date('2026-06-10T12:00:00Z'),
  });
  const cal = readICalendar(ics);
  assert.equal(all(cal, 'VTIMEZONE').length, 0);
  assert.equal(all(cal, 'VEVENT').length, 0);
});
