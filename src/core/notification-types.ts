/**
 * What each notification says. Fixed words per type: a notification never quotes what anyone
 * wrote, only that something happened, with a link (SPEC section 3; docs/privacy-rules.md).
 */
export const NOTIFICATION_MESSAGES = {
  partner_checked_in: 'Your partner checked in today.',
  reassurance_requested: 'Your partner asked for reassurance.',
  reassurance_answered: 'Your partner answered your call for reassurance.',
  agreement_proposed: 'Your partner proposed an agreement.',
  agreement_accepted: 'Your partner accepted an agreement.',
  agreement_countered: 'Your partner suggested a change to an agreement you proposed.',
  apology_delivered: 'Your partner wrote you an apology. You can read it and answer when you are ready.',
  apology_answered: 'Your partner answered your apology.',
  question_asked: 'Your partner asked a question in your journey.',
  question_answered: 'Your partner answered your question.',
  question_dated: 'Your partner chose a day by which to answer your question.',
  trigger_logged: 'Your partner noted a moment that brought it back. You can answer it in your journey.',
  trigger_answered: 'Your partner answered a moment you noted.',
  partner_joined: 'Your partner joined your space. You can begin together whenever you are both ready.',
  therapist_waiting: 'A therapist joined your space and is waiting for your consent. Nothing is shared with them until both of you agree.',
  /** The same news for a partner alone in the space (issue #20): theirs is the only consent asked. */
  therapist_waiting_alone: 'A therapist joined your space and is waiting for your consent. Nothing is shared with them until you agree.',
  therapist_access_began:
    'Every partner in a couple’s space agreed: your access as their therapist has begun. You see only what they choose to share.',
  agreement_logged: 'Your partner logged an occasion of an agreement. You can confirm it or say how you saw it.',
  agreement_log_confirmed: 'Your partner confirmed an occasion you logged.',
  agreement_log_disputed: 'Your partner saw an occasion you logged differently.',
  agreement_log_replied: 'Your partner answered how you saw an occasion they logged.',
  sealed_half_written:
    'Your partner has written theirs in a sealed exercise. It stays sealed until you write yours; then both open at once.',
  sealed_pair_opened: 'Your partner has written theirs too: the sealed exercise is open to you both now.',
  step_opened: 'A new step of your journey is open for you. You can begin it whenever you are ready.',
  forgiveness_shared: 'Your partner shared a forgiveness statement with you.',
  partner_left: 'Your partner left your space. What they shared stays here; what they kept private left with them.',
  partner_deleted_account:
    'Your partner deleted their Mend account. What they wrote was removed, so some entries and shared history are no longer here.',
  meeting_recorded: 'Notes from your check-in meeting were saved.',
  meeting_scheduled: 'Your weekly check-in meeting time was set.',
  monthly_review_done: 'Your partner did this month’s progress review.',
  checkin_reminder: 'A gentle reminder: today’s check-in is waiting for you.',
  meeting_reminder: 'Your weekly check-in meeting is today.',
  question_due: 'The day you chose to answer a question has come. The question is waiting for you in your journey.',
} as const;

export type NotificationType = keyof typeof NOTIFICATION_MESSAGES;

export function messageFor(type: string): string {
  return (NOTIFICATION_MESSAGES as Record<string, string>)[type] ?? 'Something happened in your space.';
}
