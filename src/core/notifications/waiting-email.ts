import { withinQuietHours, type QuietHours } from './quiet-hours.js';

/**
 * When Mend emails a person that something waits for them in the app (issue #18). The email says
 * only that (core/notifications/emails.ts); this decides when it goes:
 * - something waits: an unread notification (not a reminder, which has its own email) …
 * - … that arrived after the person was last on Mend, and at least SETTLE_MS ago, so someone
 *   reading Mend as it arrives is not emailed about what they are looking at;
 * - which no earlier email already told them about (each notification is in at most one email);
 * - at most one such email an hour (BATCH_MS), counted from when the last one went out; while one
 *   is still being sent or retried, no second one is started;
 * - never in their quiet hours: what arrives then waits, and goes in one email when they end;
 * - and only while they want these emails.
 */
export const WAITING_EMAIL_BATCH_MS = 60 * 60 * 1000;
/**
 * How long a notification has waited before it counts. Longer than the five minutes within which
 * Mend records that a signed-in person is using it (a session's last-seen time is refreshed at
 * most every five minutes), so a person who is on Mend when it arrives is seen to be.
 */
export const WAITING_EMAIL_SETTLE_MS = 10 * 60 * 1000;

export interface WaitingEmailFacts {
  now: Date;
  /** The person wants these emails (on unless they turned them off). */
  enabled: boolean;
  quietHours: QuietHours | null;
  timezone: string;
  /** When the newest unread notification that waits on them arrived, among those SETTLE_MS old. */
  newestWaiting: string | null;
  /** The last time they were on Mend (any of their sessions), null if none is known. */
  lastSeenAt: string | null;
  /** The arrival time of the newest notification an earlier email told them about. */
  coveredUntil: string | null;
  /** When the last of these emails went out. */
  lastSentAt: string | null;
  /** An earlier one is still being sent or waits for a retry. */
  inFlight: boolean;
}

export type WaitingEmailDecision =
  | { due: true; covers: string }
  | { due: false; reason: 'off' | 'nothing_waiting' | 'seen_since' | 'already_told' | 'in_flight' | 'within_the_hour' | 'quiet_hours' };

/** The newest arrival time that counts at `now`: a notification must be at least this old. */
export const settledBefore = (now: Date): string => new Date(now.getTime() - WAITING_EMAIL_SETTLE_MS).toISOString();

const after = (a: string, b: string | null): boolean => b === null || Date.parse(a) > Date.parse(b);

export function waitingEmailDue(f: WaitingEmailFacts): WaitingEmailDecision {
  if (!f.enabled) return { due: false, reason: 'off' };
  const newest = f.newestWaiting;
  if (newest === null || Date.parse(newest) > Date.parse(settledBefore(f.now))) return { due: false, reason: 'nothing_waiting' };
  if (!after(newest, f.lastSeenAt)) return { due: false, reason: 'seen_since' };
  if (!after(newest, f.coveredUntil)) return { due: false, reason: 'already_told' };
  if (f.inFlight) return { due: false, reason: 'in_flight' };
  if (f.lastSentAt !== null && f.now.getTime() - Date.parse(f.lastSentAt) < WAITING_EMAIL_BATCH_MS)
    return { due: false, reason: 'within_the_hour' };
  if (withinQuietHours(f, f.now)) return { due: false, reason: 'quiet_hours' };
  return { due: true, covers: newest };
}

/**
 * Whether an email decided at `decidedAt` is still worth sending (a retry, or one held back by
 * quiet hours): not once the person has been on Mend since it was decided, nor once nothing waits.
 */
export function waitingEmailStillWanted(f: {
  decidedAt: string;
  lastSeenAt: string | null;
  stillUnread: boolean;
  enabled: boolean;
}): boolean {
  return f.enabled && f.stillUnread && (f.lastSeenAt === null || Date.parse(f.lastSeenAt) < Date.parse(f.decidedAt));
}
