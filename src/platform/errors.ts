import { NO_ONE_TO_ANSWER_REASSURANCE } from '../core/partner-words.js';
/**
 * Every error a user or client can see, declared once with its stable code (the `error.code` of
 * the API), HTTP status and plain-words message. Services and routes throw these by name.
 */
export const ERRORS = {
  invalid_input: { status: 400, message: 'Some of what was sent is not valid. See the details.' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON.' },
  weak_password: { status: 400, message: 'Please choose a stronger password.' },
  unauthenticated: { status: 401, message: 'Please sign in to continue.' },
  invalid_credentials: { status: 401, message: 'That email and password do not match an account.' },
  forbidden: { status: 403, message: 'You are signed in, but this is not yours to do.' },
  reauthentication_required: {
    status: 403,
    message: 'Please confirm your password first (POST /api/v1/sessions/current/reauthenticate); it unlocks this for 10 minutes.',
  },
  csrf_failed: {
    status: 403,
    message: 'This form expired or was sent from somewhere else. Please go back, reload the page and try again.',
  },
  not_found: { status: 404, message: 'There is nothing here, or it is not shared with you.' },
  reset_link_unusable: {
    status: 404,
    message: 'This link to choose a new password has expired or was already used. You can ask for a new one.',
  },
  method_not_allowed: { status: 405, message: 'That method is not supported here.' },
  email_taken: { status: 409, message: 'An account with that email already exists. Try signing in instead.' },
  space_full: { status: 409, message: 'This space already has two partners.' },
  already_member: { status: 409, message: 'You are already in this space.' },
  conflict: { status: 409, message: 'That conflicts with the current state. Reload and try again.' },
  step_locked: { status: 409, message: 'This step is not open yet. It opens when the steps before it are done.' },
  already_done: { status: 409, message: 'That has already been done.' },
  // The first request with this key has no answer Mend could keep: still being handled, or it
  // ended in a failure after which Mend cannot tell whether it was saved (docs/idempotency.md).
  idempotency_key_in_use: {
    status: 409,
    message:
      'This was sent before, and Mend is still saving it or could not tell whether it was saved. Please look whether it is there. If it is not, send it again with a new Idempotency-Key.',
  },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  },
  body_too_large: { status: 413, message: 'What was sent is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  rate_limited: { status: 429, message: 'Too many attempts. Please wait a little and try again.' },
  // Not "nothing was lost": an unknown failure may come after part of a request's work, or before
  // any of it, and Mend cannot tell the person which.
  internal: {
    status: 500,
    message: "Something went wrong on Mend's side, and what you sent may not have been saved. Please check, then try again.",
  },
  // Not "nothing was saved" either: the outage can come after an earlier write of the same request
  // committed (sign-up's account before its session), or while COMMIT is on its way.
  unavailable: {
    status: 503,
    message:
      'Mend could not reach its database just now, so what you sent may not have been saved. In a moment, please check whether it is there before sending it again.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Field name → what is wrong with it, in words a person can act on. */
export type ErrorDetails = Record<string, string>;

export class MendError extends Error {
  override name = 'MendError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetails,
    message?: string,
    /** Seconds until a rate-limited (or, during a database outage, any) caller may try again. */
    readonly retryAfter?: number,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export function fail(code: ErrorCode, details?: ErrorDetails, message?: string): never {
  throw new MendError(code, details, message);
}

/**
 * Every refusal a person can meet, each declared once: the API's `code` (and so its status) and
 * the words a person reads, in the API and on the pages alike. Services and routes refuse by name.
 */
export const REFUSALS = {
  // One wording wherever someone who is not a partner (a therapist) meets a partner's form or call.
  partners_only: { code: 'forbidden', message: 'Only the two partners write here. You can read what they have shared.' },
  author_only: { code: 'forbidden', message: 'Only the person who wrote this can change it.' },
  current_password_needed: { code: 'forbidden', message: 'Please confirm with your current password.' },
  // A reset of an account whose private writing is under its own key (issue #23, docs/encryption.md).
  // The password was right but the stored lock of the private writing does not open with it (data restored or edited).
  private_writing_locked: {
    code: 'forbidden',
    message:
      'Your password is right, but the lock on your private writing does not open with it. Choose a new password with "Forgot your password?" and your recovery code: nothing will be lost.',
  },
  recovery_code_wrong: {
    code: 'invalid_input',
    message: 'That recovery code does not open this account. Check it and try again, or go on without it.',
  },
  private_texts_would_be_lost: {
    code: 'invalid_input',
    message:
      'Without your recovery code, what you kept private in Mend cannot be opened again. Enter the code, or confirm that you want to go on without it.',
  },
  no_account_with_email: { code: 'not_found', message: 'There is no account with that email.' },
  // Only the operator's `mend reset-password` can meet this one.
  reset_for_disabled_account: {
    code: 'forbidden',
    message:
      'This account is disabled, so a new password would not let its owner in. Enable it first (mend accounts enable <email>), then make the link.',
  },
  // Shown only after the right password, so it tells nothing to someone guessing addresses.
  account_disabled: {
    code: 'forbidden',
    message: 'This account cannot be signed in to at the moment. If you think this is a mistake, please ask the person who runs this Mend.',
  },
  sign_ups_closed: {
    code: 'forbidden',
    message: 'This Mend is not taking new accounts at the moment. If you were expecting to join, please ask the person who runs it.',
  },
  sign_up_needs_invitation: {
    code: 'forbidden',
    message: 'On this Mend, a new account needs an invitation code: the one your partner or the couple you work with gave you.',
  },
  invitation_unusable: {
    code: 'not_found',
    message: 'This invitation does not exist, was already used, or has expired. Ask your partner for a new one.',
  },
  invitation_used: { code: 'not_found', message: 'This invitation was already used. Ask your partner for a new one.' },
  reassurance_answered_by_partner: { code: 'forbidden', message: 'Your partner answers your call for reassurance.' },
  reassurance_no_one_to_answer: { code: 'conflict', message: NO_ONE_TO_ANSWER_REASSURANCE },
  entry_already_written: { code: 'already_done', message: 'You have already written yours for this.' },
  apology_offered_by_breaker: { code: 'forbidden', message: 'An apology is offered by the partner who broke trust.' },
  apology_not_delivered: { code: 'conflict', message: 'This apology has not been delivered yet.' },
  apology_answered_by_recipient: { code: 'forbidden', message: 'An apology is answered by the partner it was written to.' },
  apology_already_answered: { code: 'already_done', message: 'You have already answered this apology.' },
  question_answered_by_asked: { code: 'forbidden', message: 'A question is answered by the partner it was asked of.' },
  question_already_answered: { code: 'already_done', message: 'This question has been answered.' },
  question_already_dated: { code: 'already_done', message: 'You have already given a date for this question.' },
  step7_hurt_partner_only: { code: 'forbidden', message: 'Step 7 belongs to the partner who was hurt.' },
  agreement_not_a_proposal: {
    code: 'conflict',
    message: 'This agreement is no longer a proposal: it was accepted, countered or withdrawn.',
  },
  agreement_answered_by_partner: { code: 'forbidden', message: 'Your partner accepts or counters what you propose.' },
  agreement_withdrawn_by_proposer: { code: 'forbidden', message: 'Only the partner who proposed this can withdraw it.' },
  log_by_committed_partner: {
    code: 'forbidden',
    message: 'The partner who committed to this agreement logs its occasions; you can confirm or dispute them.',
  },
  log_agreement_not_active: {
    code: 'conflict',
    message: 'This agreement is not active yet: it needs to be accepted by both of you first.',
  },
  log_reviewed_by_other_partner: {
    code: 'forbidden',
    message: 'The other partner confirms or disputes an occasion; not the one who logged it.',
  },
  log_already_reviewed: { code: 'conflict', message: 'This occasion was already confirmed or disputed.' },
  push_off: { code: 'conflict', message: 'Push notifications are turned off on this Mend. Your notifications still appear in Mend.' },
  push_service_unknown: {
    code: 'invalid_input',
    message:
      "This browser's push service is not one Mend sends to, so push cannot be turned on here. Your notifications still appear in Mend.",
  },
  push_keys_invalid: { code: 'invalid_input', message: 'The browser sent keys Mend cannot encrypt to. Please try again.' },
  push_devices_full: {
    code: 'conflict',
    message: 'Push notifications are on for 10 devices already. Please turn them off on one you no longer use first.',
  },
  log_dispute_answered_by_logger: {
    code: 'forbidden',
    message: 'The partner who logged an occasion answers how the other saw it.',
  },
  log_not_disputed: { code: 'conflict', message: 'Only an occasion seen differently can be answered.' },
  log_dispute_already_answered: { code: 'already_done', message: 'You have already answered how your partner saw this occasion.' },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type RefusalName = keyof typeof REFUSALS;

/** Refuses by name: the registry's code and words, with field details when a form caused it. */
export function refuse(name: RefusalName, details?: ErrorDetails): never {
  const refusal = REFUSALS[name];
  throw new MendError(refusal.code, details, refusal.message);
}

export function errorBody(error: MendError): { error: { code: string; message: string; details?: ErrorDetails } } {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}
