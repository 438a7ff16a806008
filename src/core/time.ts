/**
 * Local calendar days. "Today" belongs to the person, not the server: a check-in at 23:30 in
 * Auckland and one at 00:30 in Auckland fall on different days whatever the server's zone is.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Zone names are people's settings, and Intl accepts every spelling (`eUrOpE/pArIs`): the maps
 * below start afresh rather than grow past this many names.
 */
const MAX_ZONES_KEPT = 2000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (formatters.size >= MAX_ZONES_KEPT) formatters.clear();
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function dateInZone(epochMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const MINUTE_MS = 60_000;
/**
 * Per time zone, the last minute asked about and its date. "Today" is asked on every signed-in
 * request and `formatToParts` is costly (about 3% of a cached progress request), while the answer
 * only changes at a local midnight. One entry per zone name, at most MAX_ZONES_KEPT.
 */
const lastMinute = new Map<string, { minute: number; date: string }>();

/** The `YYYY-MM-DD` calendar date of `instant` in `timeZone` (an IANA name). */
export function localDate(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const minute = Math.floor(ms / MINUTE_MS);
  const kept = lastMinute.get(timeZone);
  if (kept?.minute === minute) return kept.date;
  const date = dateInZone(ms, timeZone);
  // Kept only if the whole minute has one date: an offset with seconds (old local mean times)
  // can put a midnight inside a minute, and then every instant of it is worked out afresh.
  const start = minute * MINUTE_MS;
  if (dateInZone(start, timeZone) === date && dateInZone(start + MINUTE_MS - 1, timeZone) === date) {
    if (lastMinute.size >= MAX_ZONES_KEPT && !lastMinute.has(timeZone)) lastMinute.clear();
    lastMinute.set(timeZone, { minute, date });
  }
  return date;
}

/** Every IANA time zone this runtime knows, for the time zone picker. */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf('timeZone');
  return names.includes('UTC') ? names : ['UTC', ...names];
}

/** Adds whole days to a `YYYY-MM-DD` date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The Monday of the week a day is in, from a day as YYYY-MM-DD. */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
