import { type Decision, deny } from './decision.js';
import type { Agreement } from './agreements.js';
import { isCalendarDate, utcDateOf } from './calendar-date.js';

/**
 * Step 6: the log of an active agreement. A partner who committed records each occasion as kept
 * or missed; the other partner confirms or disputes it. Nobody reviews their own log entry. The
 * partner who logged an occasion may answer a dispute of it, once: the dispute says how the other
 * partner saw it, the reply how the one who logged it did — and there it rests (no thread).
 */
export type LogRefusal =
  | 'not_a_partner'
  | 'not_committed'
  | 'not_active'
  | 'invalid_date'
  | 'in_the_future'
  | 'before_agreement'
  | 'after_end'
  | 'own_entry'
  | 'already_reviewed'
  | 'not_logger'
  | 'not_disputed'
  | 'already_replied';

/** May `by` log an occasion on `occurredOn` (`today` is their local date)? */
export function canLogOccasion(
  agreement: Agreement,
  by: string,
  occurredOn: string,
  today: string,
  partnerIds: readonly string[],
): Decision<LogRefusal> {
  if (!partnerIds.includes(by)) return deny('not_a_partner');
  if (agreement.status !== 'active' || agreement.acceptedAt === null) return deny('not_active');
  if (!agreement.committedBy.includes(by)) return deny('not_committed');
  if (!isCalendarDate(occurredOn)) return deny('invalid_date');
  if (occurredOn > today) return deny('in_the_future');
  // One day of slack: the acceptance instant is UTC, the occasion date is the user's local date.
  const accepted = utcDateOf(new Date(Date.parse(agreement.acceptedAt) - 86_400_000));
  if (occurredOn < accepted) return deny('before_agreement');
  // A transparency agreement is for a set time: occasions after its end belong to no agreement.
  if (agreement.transparency && agreement.reviewOn !== null && occurredOn > agreement.reviewOn) return deny('after_end');
  return { ok: true };
}

export interface LogEntryFacts {
  readonly loggedBy: string;
  readonly review: 'confirmed' | 'disputed' | null;
}

/** May `by` confirm or dispute this log entry? The other partner, once. */
export function canReviewOccasion(entry: LogEntryFacts, by: string, partnerIds: readonly string[]): Decision<LogRefusal> {
  if (!partnerIds.includes(by)) return deny('not_a_partner');
  if (entry.loggedBy === by) return deny('own_entry');
  if (entry.review !== null) return deny('already_reviewed');
  return { ok: true };
}

export interface DisputedEntryFacts extends LogEntryFacts {
  /** Whether the partner who logged it has answered the dispute already. */
  readonly replied: boolean;
}

/** May `by` answer the dispute of this log entry? Only the partner who logged it, only once it was disputed, only once. */
export function canReplyToDispute(entry: DisputedEntryFacts, by: string, partnerIds: readonly string[]): Decision<LogRefusal> {
  if (!partnerIds.includes(by)) return deny('not_a_partner');
  if (entry.loggedBy !== by) return deny('not_logger');
  if (entry.review !== 'disputed') return deny('not_disputed');
  if (entry.replied) return deny('already_replied');
  return { ok: true };
}
