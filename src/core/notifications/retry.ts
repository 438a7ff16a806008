/**
 * When to try an email again after the mail server refused it or could not be reached: after 1
 * minute, then 2, 4, 8, 16, 32, then every hour, and not after EMAIL_MAX_ATTEMPTS tries in all
 * (about four and a half hours). A mail server that is down for a short while loses nothing;
 * one that refuses for good is not asked forever.
 */
export const EMAIL_MAX_ATTEMPTS = 10;
const FIRST_DELAY_MS = 60_000;
const LONGEST_DELAY_MS = 60 * 60_000;

/** The wait after the `failedAttempts`-th failed try (1 for the first). */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
  return Math.min(FIRST_DELAY_MS * 2 ** exponent, LONGEST_DELAY_MS);
}

/** When to try next after `failedAttempts` failed tries at `now`, or null to give up. */
export function nextAttemptAt(now: Date, failedAttempts: number): Date | null {
  if (failedAttempts >= EMAIL_MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + retryDelayMs(failedAttempts));
}
