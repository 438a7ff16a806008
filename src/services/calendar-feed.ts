/**
 * The weekly check-in meeting as an iCalendar feed (RFC 5545). It names no one and quotes nothing
 * anyone wrote: a calendar is often seen by others (a work account, a shared family calendar), so
 * the event reads "Weekly check-in" with a link back to Mend.
 */
import type { MeetingSchedule } from '../store/meetings.js';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Folds a content line at 75 octets, as RFC 5545 §3.1 asks. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Do not split a UTF-8 sequence.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The first date on or after `from` (YYYY-MM-DD) that falls on the ISO weekday (1 = Monday). */
export function firstWeekdayOnOrAfter(from: string, weekday: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  const isoDay = ((d.getUTCDay() + 6) % 7) + 1;
  d.setUTCDate(d.getUTCDate() + ((weekday - isoDay + 7) % 7));
  return d.toISOString().slice(0, 10);
}

export function calendarFeed(input: { accountId: string; schedules: Array<MeetingSchedule & { spaceStartOn: string }>; baseUrl: URL; now: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mend//Check-in meetings//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Weekly check-in'];
  for (const s of input.schedules) {
    const first = firstWeekdayOnOrAfter(s.spaceStartOn, s.weekday);
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
  return lines.map(fold).join('\r\n') + '\r\n';
}
