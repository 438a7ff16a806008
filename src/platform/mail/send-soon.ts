import type { Email, Mailer } from './mailer.js';

/** What became of one try: sent, to be tried again, or given up after the last try. */
export type SendOutcome = 'sent' | 'retry' | 'failed';

/**
 * Sends an email that cannot wait in the outbox — a link to choose a new password, whose token is
 * never stored where it could be read back — trying again a few times when the mail server fails.
 * The tries live in this process only: a restart forgets them, and the person can ask again. The
 * waits are unref'd, so they never hold a stopping server open.
 */
export async function sendSoon(
  mailer: Mailer,
  email: Email,
  o: { waitsMs: readonly number[]; outcome?: (outcome: SendOutcome) => void },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mailer.send(email);
      o.outcome?.('sent');
      return;
    } catch (error) {
      const wait = o.waitsMs[attempt];
      o.outcome?.(wait === undefined ? 'failed' : 'retry');
      if (wait === undefined) throw error;
      await new Promise<void>((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}
