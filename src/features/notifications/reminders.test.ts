import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { calendarFeed, firstWeekdayOnOrAfter } from '../meetings/calendar-feed.js';
import { dailyDue, localClock, MEETING_LEAD_MINUTES, minutesOf, weeklyDue } from './reminders.js';

test('localClock reads the wall clock in the person’s time zone', () => {
  const at = new Date('2026-03-02T20:30:00Z'); // a Monday
  assert.deepEqual(localClock(at, 'UTC'), { minutes: 20 * 60 + 30, weekday: 1, date: '2026-03-02' });
  assert.deepEqual(localClock(at, 'Pacific/Auckland'), { minutes: 9 * 60 + 30, weekday: 2, date: '2026-03-03' });
  assert.equal(localClock(at, 'America/New_York').minutes, 15 * 60 + 30);
});

test('the daily reminder is due after the chosen time, unless already checked in', () => {
  assert.equal(dailyDue(minutesOf('20:00'), '20:00', false), true);
  assert.equal(dailyDue(minutesOf('19:59'), '20:00', false), false);
  assert.equal(dailyDue(minutesOf('23:00'), '20:00', true), false);
});

test('the weekly reminder is due on the meeting day, within the lead time before it', () => {
  const s = { weekday: 3, time: '19:30' };
  assert.equal(weeklyDue({ weekday: 3, minutes: minutesOf('19:00') }, s), true);
  assert.equal(weeklyDue({ weekday: 3, minutes: minutesOf('19:30') - MEETING_LEAD_MINUTES - 1 }, s), false);
  assert.equal(weeklyDue({ weekday: 3, minutes: minutesOf('19:30') }, s), false);
  assert.equal(weeklyDue({ weekday: 2, minutes: minutesOf('19:00') }, s), false);
});

test('firstWeekdayOnOrAfter lands on the right weekday within a week', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 7 }), (offset, weekday) => {
      const from = new Date(Date.UTC(2000, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      const d = firstWeekdayOnOrAfter(from, weekday);
      const gap = (Date.parse(d) - Date.parse(from)) / 86_400_000;
      return gap >= 0 && gap < 7 && ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 === weekday;
    }),
  );
});

test('the calendar feed is valid iCalendar: CRLF, folded lines, one weekly event, no names', () => {
  const ics = calendarFeed({
    accountId: 'acc',
    schedules: [
      {
        spaceId: 'sp',
        weekday: 5,
        time: '08:15',
        durationMinutes: 30,
        timezone: 'Europe/London',
        updatedBy: 'acc',
        updatedAt: '2026-03-02T10:00:00.000Z',
        spaceStartOn: '2026-03-02',
      },
    ],
    baseUrl: new URL('https://mend.example.org'),
    now: new Date('2026-03-02T10:00:00Z'),
  });
  assert.ok(ics.endsWith('\r\n'));
  assert.match(ics, /DTSTART;TZID=Europe\/London:20260306T081500\r\n/);
  assert.match(ics, /RRULE:FREQ=WEEKLY;BYDAY=FR/);
  assert.match(ics, /DURATION:PT30M/);
  assert.match(ics, /DTSTAMP:20260302T100000Z/);
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1);
});
