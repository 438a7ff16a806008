import { test } from 'node:test';
import assert from 'node:assert/strict';
import { all, offsetAt, prop, readICalendar, type Component } from '../../../test/support/ical-reader.js';
import { contentLines, foldLine } from './content-lines.js';
import { formatOffset, transitions, utcOffsetSeconds, vtimezone } from './vtimezone.js';

const HOUR = 3_600_000;

function readZone(zone: string, fromYear: number, toYear: number): Component {
  const cal = readICalendar(
    contentLines(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...vtimezone(zone, fromYear, toYear), 'END:VCALENDAR']),
  );
  const [tz] = all(cal, 'VTIMEZONE');
  assert.ok(tz);
  assert.equal(prop(tz, 'TZID')?.value, zone);
  for (const obs of tz.children) {
    for (const required of ['DTSTART', 'TZOFFSETFROM', 'TZOFFSETTO']) assert.ok(prop(obs, required), `${zone} ${obs.name} has ${required}`);
  }
  return tz;
}

/** The VTIMEZONE, read back, agrees with the IANA data every six hours and either side of each change. */
function assertAgrees(zone: string, tz: Component, fromYear: number, toYear: number): void {
  const instants: number[] = [];
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += 6 * HOUR) instants.push(t);
  for (const tr of transitions(zone, fromYear, toYear)) instants.push(tr.at - 1000, tr.at, tr.at + 1000);
  for (const t of instants) {
    assert.equal(offsetAt(tz, t), utcOffsetSeconds(zone, t), `${zone} at ${new Date(t).toISOString()}`);
  }
}

test('Europe/London: summer time as two yearly rules, right in every year covered and after', () => {
  const tz = readZone('Europe/London', 2024, 2027);
  const daylight = all(tz, 'DAYLIGHT');
  const standard = all(tz, 'STANDARD');
  assert.equal(daylight.length, 1);
  assert.equal(standard.length, 1);
  assert.equal(prop(daylight[0]!, 'RRULE')?.value, 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
  assert.equal(prop(daylight[0]!, 'DTSTART')?.value, '20240331T010000');
  assert.equal(prop(standard[0]!, 'RRULE')?.value, 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  // 02:00 BST is when the clocks go back: the onset is written in the time before it.
  assert.equal(prop(standard[0]!, 'DTSTART')?.value, '20241027T020000');
  assert.equal(prop(standard[0]!, 'TZOFFSETFROM')?.value, '+0100');
  assert.equal(prop(standard[0]!, 'TZOFFSETTO')?.value, '+0000');
  // From the first onset on: the caller starts the range a year before the first event.
  assertAgrees('Europe/London', tz, 2025, 2027);
  // The rule keeps holding after the range (as long as the zone's rules do).
  assertAgrees('Europe/London', tz, 2030, 2031);
});

test('Asia/Kolkata, without daylight saving: one standard observance, +05:30 always', () => {
  const tz = readZone('Asia/Kolkata', 2024, 2027);
  assert.equal(all(tz, 'DAYLIGHT').length, 0);
  const standard = all(tz, 'STANDARD');
  assert.equal(standard.length, 1);
  assert.equal(prop(standard[0]!, 'TZOFFSETTO')?.value, '+0530');
  assert.equal(prop(standard[0]!, 'RRULE'), undefined);
  assertAgrees('Asia/Kolkata', tz, 2024, 2027);
});

test('Australia/Sydney, southern hemisphere: daylight time from October to April', () => {
  const tz = readZone('Australia/Sydney', 2024, 2027);
  const daylight = all(tz, 'DAYLIGHT')[0]!;
  const standard = all(tz, 'STANDARD')[0]!;
  assert.equal(prop(daylight, 'RRULE')?.value, 'FREQ=YEARLY;BYMONTH=10;BYDAY=1SU');
  assert.equal(prop(daylight, 'TZOFFSETTO')?.value, '+1100');
  assert.equal(prop(standard, 'RRULE')?.value, 'FREQ=YEARLY;BYMONTH=4;BYDAY=1SU');
  assert.equal(prop(standard, 'TZOFFSETTO')?.value, '+1000');
  // January of the first year is summer: it is covered only from the year before's October onset.
  assert.throws(() => offsetAt(tz, Date.UTC(2024, 0, 15)), /before every observance/);
  assertAgrees('Australia/Sydney', tz, 2025, 2027);
});

test('a zone whose dates move each year (Africa/Casablanca) is written change by change, and still agrees', () => {
  const tz = readZone('Africa/Casablanca', 2024, 2027);
  assert.ok(tz.children.length > 4);
  assert.ok(tz.children.every((o) => prop(o, 'RRULE') === undefined));
  assertAgrees('Africa/Casablanca', tz, 2024, 2027);
});

test('America/New_York and UTC agree too', () => {
  assertAgrees('America/New_York', readZone('America/New_York', 2024, 2027), 2025, 2027);
  assertAgrees('UTC', readZone('UTC', 2024, 2027), 2024, 2027);
});

test('offsets are written as the RFC wants them: sign, hours, minutes, seconds only when needed', () => {
  assert.equal(formatOffset(0), '+0000');
  assert.equal(formatOffset(19_800), '+0530');
  assert.equal(formatOffset(-18_000), '-0500');
  assert.equal(formatOffset(-(3600 + 15 * 60 + 21)), '-011521');
});

test('content lines fold at 75 octets without splitting a character, and end with CRLF', () => {
  const long = `DESCRIPTION:${'Zoë’s check-in — '.repeat(20)}`;
  const folded = foldLine(long);
  const lines = folded.split('\r\n');
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, l);
  for (const l of lines.slice(1)) assert.ok(l.startsWith(' '));
  assert.equal(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), long, 'unfolding gives the line back');
  assert.ok(!folded.includes('\uFFFD'));
  assert.equal(contentLines(['A:1', 'B:2']), 'A:1\r\nB:2\r\n');
});
