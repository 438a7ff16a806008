import { type Decision, deny } from './decision.js';
import { isCalendarDate } from './calendar-date.js';
import { addDays } from '../time.js';

/**
 * Agreements (step 3) and their state machine:
 *
 *   proposed --accept (the other partner)--> active
 *   proposed --counter (the other partner)--> countered   (+ a new `proposed` that replaces it)
 *   proposed --withdraw (the proposer)-----> withdrawn
 *
 * A counter keeps history: the old agreement stays, with status `countered` and `replacedBy`
 * pointing at the new proposal, which has `replaces` pointing back. Either partner may counter
 * the other's latest proposal, so a negotiation is a chain.
 *
 * Solo decision: in a space with one partner, a commitment the user makes for themselves
 * (`committedBy: [self]`) is active at once — it is their own promise and needs nobody's consent,
 * and it lets a solo user practise steps 4–6. A solo user cannot commit the absent partner to
 * anything. In the couple form of step 3 such a solo commitment does not count as "accepted by
 * both" (see journey-status.ts); the partner is asked to propose or accept one.
 */
export const AGREEMENT_STATUSES = ['proposed', 'active', 'countered', 'withdrawn'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const CADENCES = ['each_time', 'daily', 'weekly', 'once'] as const;
/** How often the behaviour happens: on each occasion, daily, weekly, or once. */
export type Cadence = (typeof CADENCES)[number];

export interface Agreement {
  readonly id: string;
  /** A concrete, observable behaviour. */
  readonly text: string;
  readonly cadence: Cadence;
  /** Optional review date, `YYYY-MM-DD`. */
  readonly reviewOn: string | null;
  /** Account ids of the partner(s) who commit; always partners of the space. */
  readonly committedBy: readonly string[];
  readonly status: AgreementStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
  /** The proposal this one countered. */
  readonly replaces: string | null;
  /** The counter-proposal that replaced this one. */
  readonly replacedBy: string | null;
  readonly withdrawnAt: string | null;
  /**
   * A transparency agreement (after cheating, SPEC section 1): something a partner chooses to tell,
   * with both partners' consent, for a limited time — `reviewOn` is then its end, never more than
   * TRANSPARENCY_MAX_DAYS ahead. Counters keep it one. Never monitoring: Mend has no such feature.
   */
  readonly transparency: boolean;
}

/** The longest a transparency agreement runs before it ends (twelve weeks); a new one can follow. */
export const TRANSPARENCY_MAX_DAYS = 84;

export interface AgreementInput {
  readonly text: string;
  readonly committedBy: readonly string[];
  readonly cadence: string;
  readonly reviewOn?: string | null;
  readonly transparency?: boolean;
}

export interface AgreementFieldError {
  readonly field: 'text' | 'committedBy' | 'cadence' | 'reviewOn';
  readonly reason:
    | 'required'
    | 'not_a_partner'
    | 'duplicate'
    | 'unknown_cadence'
    | 'invalid_date'
    | 'in_the_past'
    | 'absent_partner'
    | 'end_required'
    | 'too_far'
    | 'needs_both'
    | 'ended';
}

export type AgreementRefusal = 'not_a_partner' | 'invalid' | 'not_proposed' | 'own_proposal' | 'not_proposer';

export type AgreementResult<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly reason: AgreementRefusal; readonly errors?: readonly AgreementFieldError[] };

/** The space as agreements need it. `today` is the acting user's local date, `YYYY-MM-DD`. */
export interface AgreementContext {
  readonly partnerIds: readonly string[];
  readonly today: string;
  /** The instant of the action, ISO 8601. */
  readonly now: string;
}

export function isCadence(value: string): value is Cadence {
  return (CADENCES as readonly string[]).includes(value);
}

/** Field-level validation of a proposal or counter, for the API's `details`. */
export function validateAgreementInput(input: AgreementInput, ctx: AgreementContext): AgreementFieldError[] {
  const errors: AgreementFieldError[] = [];
  if (input.text.trim() === '') errors.push({ field: 'text', reason: 'required' });
  if (input.committedBy.length === 0) errors.push({ field: 'committedBy', reason: 'required' });
  else if (new Set(input.committedBy).size !== input.committedBy.length) {
    errors.push({ field: 'committedBy', reason: 'duplicate' });
  } else if (input.committedBy.some((id) => !ctx.partnerIds.includes(id))) {
    errors.push({ field: 'committedBy', reason: ctx.partnerIds.length < 2 ? 'absent_partner' : 'not_a_partner' });
  }
  if (!isCadence(input.cadence)) errors.push({ field: 'cadence', reason: 'unknown_cadence' });
  if (input.reviewOn != null) {
    if (!isCalendarDate(input.reviewOn)) errors.push({ field: 'reviewOn', reason: 'invalid_date' });
    else if (input.reviewOn < ctx.today) errors.push({ field: 'reviewOn', reason: 'in_the_past' });
    else if (input.transparency && input.reviewOn > addDays(ctx.today, TRANSPARENCY_MAX_DAYS)) {
      errors.push({ field: 'reviewOn', reason: 'too_far' });
    }
  } else if (input.transparency) errors.push({ field: 'reviewOn', reason: 'end_required' });
  // Both partners' consent is what makes it one: alone, there is nobody to agree it with.
  if (input.transparency && ctx.partnerIds.length < 2) errors.push({ field: 'committedBy', reason: 'needs_both' });
  return errors;
}

function fresh(id: string, input: AgreementInput, by: string, ctx: AgreementContext, replaces: string | null): Agreement {
  const solo = ctx.partnerIds.length < 2;
  return {
    id,
    text: input.text.trim(),
    cadence: input.cadence as Cadence,
    reviewOn: input.reviewOn ?? null,
    committedBy: [...input.committedBy],
    status: solo ? 'active' : 'proposed',
    proposedBy: by,
    proposedAt: ctx.now,
    acceptedBy: solo ? by : null,
    acceptedAt: solo ? ctx.now : null,
    replaces,
    replacedBy: null,
    withdrawnAt: null,
    transparency: input.transparency ?? false,
  };
}

/** A transparency agreement whose time is over (the day after its end, in the viewer's calendar). */
export function transparencyEnded(agreement: Pick<Agreement, 'transparency' | 'reviewOn'>, today: string): boolean {
  return agreement.transparency && agreement.reviewOn !== null && agreement.reviewOn < today;
}

/** A partner proposes an agreement (solo: an own commitment, active at once). */
export function proposeAgreement(
  id: string,
  input: AgreementInput,
  by: string,
  ctx: AgreementContext,
): AgreementResult<{ agreement: Agreement }> {
  if (!ctx.partnerIds.includes(by)) return deny('not_a_partner');
  const errors = validateAgreementInput(input, ctx);
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
  return { ok: true, agreement: fresh(id, input, by, ctx, null) };
}

/** May `by` accept this proposal? Only a partner other than the proposer, while it is proposed. */
export function canAcceptAgreement(agreement: Agreement, by: string, partnerIds: readonly string[]): Decision<AgreementRefusal> {
  if (!partnerIds.includes(by)) return deny('not_a_partner');
  if (agreement.status !== 'proposed') return deny('not_proposed');
  if (agreement.proposedBy === by) return deny('own_proposal');
  return { ok: true };
}

export function acceptAgreement(agreement: Agreement, by: string, ctx: AgreementContext): AgreementResult<{ agreement: Agreement }> {
  const may = canAcceptAgreement(agreement, by, ctx.partnerIds);
  if (!may.ok) return may;
  // A transparency agreement is for a set time: one whose end has passed is countered with a new
  // end, not accepted into force already over.
  if (agreement.transparency && agreement.reviewOn !== null && agreement.reviewOn < ctx.today)
    return { ok: false, reason: 'invalid', errors: [{ field: 'reviewOn', reason: 'ended' }] };
  return { ok: true, agreement: { ...agreement, status: 'active', acceptedBy: by, acceptedAt: ctx.now } };
}

/**
 * The other partner counters a proposal with an edit: the old one becomes `countered` and links
 * to the new proposal, which is `proposed` by the counterer and awaits the first partner.
 */
export function counterAgreement(
  agreement: Agreement,
  newId: string,
  input: AgreementInput,
  by: string,
  ctx: AgreementContext,
): AgreementResult<{ countered: Agreement; proposal: Agreement }> {
  const may = canAcceptAgreement(agreement, by, ctx.partnerIds);
  if (!may.ok) return may;
  // A counter changes the words or the dates, never what kind of agreement it is.
  const kept = { ...input, transparency: agreement.transparency };
  const errors = validateAgreementInput(kept, ctx);
  if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
  return {
    ok: true,
    countered: { ...agreement, status: 'countered', replacedBy: newId },
    proposal: fresh(newId, kept, by, ctx, agreement.id),
  };
}

/** The proposer withdraws their own proposal before it is accepted or countered. */
export function withdrawAgreement(agreement: Agreement, by: string, ctx: AgreementContext): AgreementResult<{ agreement: Agreement }> {
  if (!ctx.partnerIds.includes(by)) return deny('not_a_partner');
  if (agreement.status !== 'proposed') return deny('not_proposed');
  if (agreement.proposedBy !== by) return deny('not_proposer');
  return { ok: true, agreement: { ...agreement, status: 'withdrawn', withdrawnAt: ctx.now } };
}

/** The chain of proposals that led to `agreementId`, oldest first (history of counters). */
export function negotiationHistory(agreements: readonly Agreement[], agreementId: string): Agreement[] {
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const chain: Agreement[] = [];
  const seen = new Set<string>();
  let current = byId.get(agreementId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.replaces ? byId.get(current.replaces) : undefined;
  }
  return chain;
}
