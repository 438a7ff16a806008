/**
 * Something changed in a space that every active member may see. Events name only kinds, ids and
 * dates — never anything a person wrote — so a stream can be read by any member without a
 * visibility decision per event. Whoever publishes must only publish what every member who may
 * subscribe (both partners and an active therapist) is allowed to see: a check-in's scores, an
 * agreement, a shared journey entry, a sealed pair once it is open, a call for reassurance (the
 * call is a space record even when its note is private) and its answer, a weekly meeting's record,
 * an agreement-log occasion and its confirmation or dispute, a delivered apology and its answer, a
 * monthly review (its ratings are on everyone's progress page), a partner's step-1 acknowledgement
 * (every member's journey page says who each step waits for), the weekly meeting's time (on every
 * member's meetings page). A private entry, a sealed one whose
 * pair is still closed, an apology being drafted, or anything else only its author may see
 * produces no event at all. The one exception to "every member" is `daily_answer` (a partner
 * answered the day's question, issue #25): the daily question is the partners' alone, so that kind
 * reaches only the partners' streams (PARTNERS_ONLY_KINDS) — never a therapist's.
 */
export type LiveEvent =
  | { kind: 'checkin'; accountId: string; date: string }
  | { kind: 'agreement'; id: string }
  | { kind: 'journey_entry'; journeyId: string; id: string }
  | { kind: 'entries_revealed'; journeyId: string }
  | { kind: 'reassurance_requested'; id: string }
  | { kind: 'reassurance_answered'; id: string }
  | { kind: 'meeting'; id: string; date: string }
  | { kind: 'agreement_log'; agreementId: string; id: string }
  | { kind: 'apology'; journeyId: string; id: string }
  | { kind: 'monthly_review'; accountId: string; month: string }
  | { kind: 'journey_acknowledged'; journeyId: string }
  | { kind: 'meeting_schedule' }
  | { kind: 'daily_answer'; day: string };

/**
 * Something changed for one account alone, sent only to that account's own streams (issue #18):
 * `unread` — a notification was written for them or they read some, so their count moved. It
 * carries nothing but its kind; the page asks for the count itself.
 */
export type AccountLiveEvent = { kind: 'unread' };

/** Every kind a space's stream may carry, for those who listen to all of them. */
export const LIVE_EVENT_KINDS = [
  'checkin',
  'agreement',
  'journey_entry',
  'entries_revealed',
  'reassurance_requested',
  'reassurance_answered',
  'meeting',
  'agreement_log',
  'apology',
  'monthly_review',
  'journey_acknowledged',
  'meeting_schedule',
  'daily_answer',
] as const satisfies ReadonlyArray<LiveEvent['kind']>;

/**
 * Kinds a therapist's stream never carries: a partner answering the day's question is already
 * shown to the other partner ("Alex has answered"), but the daily question is no part of the
 * record a therapist shares, so not even that it was answered reaches them.
 */
export const PARTNERS_ONLY_KINDS: ReadonlySet<LiveEvent['kind']> = new Set(['daily_answer']);
