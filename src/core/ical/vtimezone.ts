/**
 * VTIMEZONE components (RFC 5545 §3.6.5) computed from the runtime's IANA time zone data, so a
 * feed that says `DTSTART;TZID=Europe/London` also says what Europe/London means. Calendar apps
 * that know IANA names ignore it; strict ones (Outlook among them) need it.
 *
 * The offsets come from Intl; the transitions are found by sampling each day of the covered years
 * and narrowing each change to the second. When every year in the range follows one yearly rule
 * ("last Sunday of March at 01:00"), the observances are written as that rule (RRULE), which
 * holds for the years after the range too. When the zone's rules changed within the range, each
 * transition is written out on its own, and the feed, fetched again, carries the later years.
 *
 * Pure: no clock (the caller passes the years), no I/O. The formatters are cached per zone.
 */

const DAY_MS = 86_400_000;
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `epochMs`, in seconds (east positive). */
export function utcOffsetSeconds(timeZone: string, epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(whole));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - whole) / 1000);
}

export interface Transition {
  /** The instant of the change. */
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** Every change of offset from the start of `fromYear` to the end of `toYear` (UTC years). */
export function transitions(timeZone: string, fromYear: number, toYear: number): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let offset = utcOffsetSeconds(timeZone, t);
  while (t < end) {
    const next = Math.min(t + DAY_MS, end);
    const nextOffset = utcOffsetSeconds(timeZone, next);
    if (nextOffset !== offset) {
      // The change lies in (t, next]: narrow it to the second.
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (utcOffsetSeconds(timeZone, mid) === offset) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: offset, to: utcOffsetSeconds(timeZone, hi) });
    }
    t = next;
    offset = nextOffset;
  }
  return out;
}

/** `YYYYMMDDTHHMMSS` of an instant shifted by `offset` seconds: a local date-time as iCalendar writes it. */
function localStamp(epochMs: number, offset: number): string {
  return new Date(epochMs + offset * 1000).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** `+HHMM` or `-HHMM` (with seconds only when the offset has them). */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const ss = abs % 60;
  return `${sign}${hh}${mm}${ss === 0 ? '' : String(ss).padStart(2, '0')}`;
}

interface Onset {
  readonly transition: Transition;
  readonly local: Date;
  readonly month: number;
  readonly weekday: number;
  /** 1–5 counted from the start of the month; -1 when it is the last such weekday. */
  readonly nth: number;
  readonly last: boolean;
  readonly time: string;
}

function onsetOf(tr: Transition): Onset {
  const local = new Date(tr.at + tr.from * 1000);
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    transition: tr,
    local,
    month: local.getUTCMonth() + 1,
    weekday: local.getUTCDay(),
    nth: Math.ceil(day / 7),
    last: day + 7 > daysInMonth,
    time: local.toISOString().slice(11, 19),
  };
}

/** A yearly RRULE that produces exactly these onsets, one a year, or null if there is none. */
function yearlyRule(onsets: readonly Onset[], fromYear: number, toYear: number): string | null {
  const first = onsets[0];
  if (!first || onsets.length !== toYear - fromYear + 1) return null;
  const years = onsets.map((o) => o.local.getUTCFullYear());
  if (years.some((y, i) => y !== fromYear + i)) return null;
  const same = onsets.every(
    (o) =>
      o.month === first.month &&
      o.weekday === first.weekday &&
      o.time === first.time &&
      o.transition.from === first.transition.from &&
      o.transition.to === first.transition.to,
  );
  if (!same) return null;
  const code = WEEKDAY_CODES[first.weekday]!;
  if (first.nth <= 4 && onsets.every((o) => o.nth === first.nth)) return `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${first.nth}${code}`;
  if (onsets.every((o) => o.last)) return `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=-1${code}`;
  return null;
}

function shortName(timeZone: string, epochMs: number): string | null {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(epochMs));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  // Only plain names: TZNAME is text, and "GMT+1" says nothing the offsets do not.
  return /^[A-Za-z]{2,6}$/.test(name) ? name : null;
}

function observance(o: {
  timeZone: string;
  kind: 'STANDARD' | 'DAYLIGHT';
  dtstart: string;
  from: number;
  to: number;
  at: number;
  rrule?: string | null;
}): string[] {
  const name = shortName(o.timeZone, o.at);
  return [
    `BEGIN:${o.kind}`,
    `DTSTART:${o.dtstart}`,
    ...(o.rrule ? [`RRULE:${o.rrule}`] : []),
    `TZOFFSETFROM:${formatOffset(o.from)}`,
    `TZOFFSETTO:${formatOffset(o.to)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${o.kind}`,
  ];
}

/**
 * The VTIMEZONE for `timeZone`, true for every instant from the start of `fromYear` to the end of
 * `toYear`, and beyond when the zone follows one yearly rule. `fromYear` should be a year before
 * the first event, so that the first observance begins before it.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const found = transitions(timeZone, fromYear, toYear);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const startAt = Date.UTC(fromYear, 0, 1);
  if (found.length === 0) {
    const offset = utcOffsetSeconds(timeZone, startAt);
    lines.push(...observance({ timeZone, kind: 'STANDARD', dtstart: '19700101T000000', from: offset, to: offset, at: startAt }));
    lines.push('END:VTIMEZONE');
    return lines;
  }
  const onsets = found.map(onsetOf);
  const daylight = onsets.filter((o) => o.transition.to > o.transition.from);
  const standard = onsets.filter((o) => o.transition.to < o.transition.from);
  const daylightRule = yearlyRule(daylight, fromYear, toYear);
  const standardRule = yearlyRule(standard, fromYear, toYear);
  if (daylightRule && standardRule) {
    for (const [kind, group, rrule] of [
      ['DAYLIGHT', daylight, daylightRule],
      ['STANDARD', standard, standardRule],
    ] as const) {
      const first = group[0]!;
      lines.push(
        ...observance({
          timeZone,
          kind,
          dtstart: localStamp(first.transition.at, first.transition.from),
          from: first.transition.from,
          to: first.transition.to,
          at: first.transition.at,
          rrule,
        }),
      );
    }
  } else {
    // The rules changed within the range: the offset at its start, then each change as it happened.
    const initial = found[0]!.from;
    lines.push(
      ...observance({ timeZone, kind: 'STANDARD', dtstart: localStamp(startAt, initial), from: initial, to: initial, at: startAt }),
    );
    for (const o of onsets) {
      const kind = o.transition.to > o.transition.from ? 'DAYLIGHT' : 'STANDARD';
      lines.push(
        ...observance({
          timeZone,
          kind,
          dtstart: localStamp(o.transition.at, o.transition.from),
          from: o.transition.from,
          to: o.transition.to,
          at: o.transition.at,
        }),
      );
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
