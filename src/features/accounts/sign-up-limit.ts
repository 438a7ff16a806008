import { MendError } from '../../platform/errors.js';
import type { Limiter } from '../../platform/http/rate-limiter.js';

/**
 * Every attempt to create an account counts against the address it came from, before anything
 * is checked or written: a script cannot fill the database with accounts, nor use the answers
 * ("this email already has an account") to learn who uses Mend. A household creating its two
 * accounts, and a therapist's, is far below the limit (config.ts, `signUpPerHour`).
 */
export async function admitSignUp(limiter: Limiter, address: string): Promise<void> {
  const wait = await limiter.hit(address);
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    throw new MendError(
      'rate_limited',
      undefined,
      `Mend has had many sign-ups from this connection in the last hour and is pausing new ones for a while. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
      wait,
    );
  }
}
