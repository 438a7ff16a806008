/**
 * A local time of day, HH:MM on a 24-hour clock (a meeting's time, a reminder's). One rule for
 * every door: the API's schemas take its `source` as their pattern.
 */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isClockTime = (v: string): boolean => CLOCK_TIME.test(v);
