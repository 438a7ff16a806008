import { isClockTime } from '../clock-time.js';
import { localClock, minutesOf } from './local-clock.js';

/**
 * Quiet hours: a stretch of each night (or day) in which Mend sends a person nothing outside the
 * app — no email, and (once it exists) no push notification. Two local `HH:MM` times on the
 * person's wall clock, from `start` (included) to `end` (excluded); `start` later than `end`
 * crosses midnight (22:00 → 08:00). Null: no quiet hours.
 */
export interface QuietHours {
  start: string;
  end: string;
}

/**
 * What a person has before they choose: 22:00 to 08:00 in their own time zone. An email from a
 * couples' repair app should not light up a phone on the bedside table at night, or wake anyone;
 * most people are up by eight and not yet asleep at ten. Anything held back goes out, once, when
 * the quiet hours end.
 */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00' };

/** Is the local minute of the day (0–1439) inside the quiet hours? Equal times make no quiet hours. */
export function quietAtMinute(quiet: QuietHours, minute: number): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Whether `instant` falls in the person's quiet hours, read on their wall clock in their time zone.
 * On the night clocks change the quiet hours are an hour shorter or longer, as the night is; a
 * minute that happens twice (clocks going back) is quiet both times if it is quiet at all.
 *
 * For every kind of message Mend sends outside the app (email here; push should ask the same).
 */
export function withinQuietHours(person: { quietHours: QuietHours | null; timezone: string }, instant: Date): boolean {
  if (!person.quietHours) return false;
  return quietAtMinute(person.quietHours, localClock(instant, person.timezone).minutes);
}

/** The words beside quiet hours that cannot be saved (not two `HH:MM` times, or equal ones); null when they can. */
export function quietHoursProblem(q: QuietHours | null): string | null {
  if (q === null) return null;
  if (!isClockTime(q.start) || !isClockTime(q.end)) return 'Use times like 22:00 and 08:00.';
  if (q.start === q.end) return 'Choose two different times, or none for no quiet hours.';
  return null;
}
