import { localDate } from '../time.js';

/**
 * The wall clock a person reads: minutes since local midnight and the ISO weekday (1 = Monday) of
 * an instant in their time zone. Reminders and quiet hours are set in these terms, so on the night
 * clocks change they follow the clock on the wall, not a count of hours.
 */
export interface LocalClock {
  minutes: number;
  weekday: number;
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone names are people's settings; the cache starts afresh rather than grow past this. */
const MAX_ZONES_KEPT = 2000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    if (formatters.size >= MAX_ZONES_KEPT) formatters.clear();
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock minutes since midnight, ISO weekday and date of `instant` in `timeZone`. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  // Some ICU versions write midnight as 24 even on a 23-hour cycle.
  const hour = Number(get('hour')) % 24;
  return { minutes: hour * 60 + Number(get('minute')), weekday: WEEKDAYS.indexOf(get('weekday')) + 1, date: localDate(instant, timeZone) };
}

/** `HH:MM` as minutes since midnight. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
