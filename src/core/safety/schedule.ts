/** Each partner is asked again every 4 weeks (SPEC section 6). */
export const SCREENING_INTERVAL_DAYS = 28;

const INTERVAL_MS = SCREENING_INTERVAL_DAYS * 24 * 60 * 60 * 1000;

/**
 * Whether the user should be offered the screening now: at the start (never completed) and once
 * 28 days of elapsed time have passed since the last one (elapsed time, so daylight-saving changes
 * do not move it).
 *
 * A timestamp slightly in the future (app servers whose clocks differ by a little) is treated as
 * "just done", so the user is not asked twice in a row; one 28 days or more in the future, or an
 * invalid date, is broken and counts as due — a bad timestamp must never silence the screening.
 */
export function screeningDue(lastCompletedAt: Date | null, now: Date): boolean {
  if (lastCompletedAt === null) return true;
  const last = lastCompletedAt.getTime();
  const current = now.getTime();
  if (Number.isNaN(last) || Number.isNaN(current)) return true;
  return Math.abs(current - last) >= INTERVAL_MS;
}
