/**
 * The weekly check-in meeting as an iCalendar feed (RFC 5545). It names no one and quotes nothing
 * anyone wrote: a calendar is often seen by others (a work account, a shared family calendar), so
 * the event reads "Weekly check-in" with a link back to Mend.
 */
import { contentLines, escapeText } from '../../core/ical/content-lines.js';
import { vtimezone } from '../../core/ical/vtimezone.js';
import type { MeetingSchedule } from './store.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Working out a zone's transitions takes a few milliseconds; a feed is fetched again and again. */
const zoneCache = new Map<string, string[]>();

function cachedVtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const key = `${timeZone} ${fromYear} ${toYear}`;
  let lines = zoneCache.get(key);
  if (!lines) {
    if (zoneCache.size >= 500) zoneCache.clear();
    lines = vtimezone(timeZone, fromYear, toYear);
    zoneCache.set(key, lines);
  }
  return lines;
}

/** The first date on or after `from` (YYYY-MM-DD) that falls on the ISO weekday (1 = Monday). */
export function firstWeekdayOnOrAfter(from: string, weekday: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  const isoDay = ((d.getUTCDay() + 6) % 7) + 1;
  d.setUTCDate(d.getUTCDate() + ((weekday - isoDay + 7) % 7));
  return d.toISOString().slice(0, 10);
}

export function calendarFeed(input: {
  accountId: string;
  schedules: Array<MeetingSchedule & { spaceStartOn: string }>;
  baseUrl: URL;
  now: Date;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mend//Check-in meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Weekly check-in',
  ];
  const events = input.schedules.map((s) => ({ s, first: firstWeekdayOnOrAfter(s.spaceStartOn, s.weekday) }));
  // Every TZID used gets its VTIMEZONE (RFC 5545 §3.6.5), from a year before the first meeting
  // (so the first observance begins before it, in either hemisphere) to two years past today.
  if (events.length > 0) {
    const firstYear = Math.min(...events.map((e) => Number(e.first.slice(0, 4))));
    const toYear = Math.max(input.now.getUTCFullYear(), firstYear) + 2;
    for (const zone of [...new Set(events.map((e) => e.s.timezone))].sort()) lines.push(...cachedVtimezone(zone, firstYear - 1, toYear));
  }
  for (const { s, first } of events) {
    const [hh, mm] = s.time.split(':');
    const link = new URL(`/spaces/${s.spaceId}/meetings/new`, input.baseUrl).href;
    lines.push(
      'BEGIN:VEVENT',
      `UID:meeting-${s.spaceId}-${input.accountId}@mend`,
      `DTSTAMP:${stamp(new Date(s.updatedAt).toISOString())}`,
      `DTSTART;TZID=${s.timezone}:${first.replace(/-/g, '')}T${hh}${mm}00`,
      `DURATION:PT${s.durationMinutes}M`,
      `RRULE:FREQ=WEEKLY;BYDAY=${WEEKDAYS[s.weekday - 1]}`,
      `SUMMARY:${escapeText('Weekly check-in')}`,
      `DESCRIPTION:${escapeText(`Time for your weekly check-in: appreciations, what went well, the agreement log, one concern, requests. ${link}`)}`,
      `URL:${link}`,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Weekly check-in',
      'TRIGGER:-PT30M',
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return contentLines(lines);
}
