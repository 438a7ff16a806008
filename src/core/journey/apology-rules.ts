import { isApologyComponent, type ApologyComponent } from '../apology-components.js';
import { type Decision, deny } from './decision.js';
import type { JourneyFacts } from './facts.js';
import { isStepOpenFor } from './journey-status.js';
import { didBreakTrust } from './roles.js';

/**
 * Step 2's apology rules. Only a partner who broke trust may deliver an apology; only a partner
 * they hurt may answer it (when both broke trust, each answers the other's). Answering means
 * "received", optionally "felt sincere", optionally naming missing parts — never forgiveness.
 */
export type ApologyRefusal =
  'not_a_partner' | 'did_not_break_trust' | 'step_locked' | 'not_found' | 'not_delivered' | 'own_apology' | 'already_answered';

/** May `authorId` deliver an apology in this journey now? */
export function canDeliverApology(facts: JourneyFacts, authorId: string, now: string | Date): Decision<ApologyRefusal> {
  if (!facts.partnerIds.includes(authorId)) return deny('not_a_partner');
  if (!didBreakTrust(facts, authorId)) return deny('did_not_break_trust');
  if (!isStepOpenFor(facts, authorId, 'responsibility', now)) return deny('step_locked');
  return { ok: true };
}

/** May `by` answer the apology `apologyId`? Once per apology, by a partner its author hurt. */
export function canRespondToApology(facts: JourneyFacts, apologyId: string, by: string): Decision<ApologyRefusal> {
  if (!facts.partnerIds.includes(by)) return deny('not_a_partner');
  const apology = facts.apologies.find((a) => a.id === apologyId);
  // A draft is invisible to the partner, so it is "not found" rather than "not delivered" to them.
  if (!apology || (apology.deliveredAt === null && apology.authorId !== by)) return deny('not_found');
  if (apology.authorId === by) return deny('own_apology');
  if (apology.deliveredAt === null) return deny('not_delivered');
  if (!facts.brokeTrust.includes(apology.authorId)) return deny('did_not_break_trust');
  if (facts.apologyResponses.some((r) => r.apologyId === apologyId && r.by === by)) return deny('already_answered');
  return { ok: true };
}

export interface ApologyResponse {
  readonly received: true;
  readonly sincere?: boolean;
  readonly missing: readonly ApologyComponent[];
  /** What is missing in the answerer's own words (issue #20); left out when they wrote none. */
  readonly missingWords?: string;
}

/** The longest "what is missing" an answer may say in words. */
export const APOLOGY_MISSING_WORDS_MAX = 2000;

export interface ApologyResponseError {
  readonly field: 'received' | 'sincere' | 'missing' | 'missingWords';
  readonly reason: 'must_be_true' | 'must_be_boolean' | 'must_be_list' | 'unknown_component' | 'duplicate' | 'must_be_text' | 'too_long';
}

/**
 * Validate an answer as the API receives it. `missing` names apology components
 * (apology-components.ts); "felt sincere" and "something is missing" may both be said.
 */
export function validateApologyResponse(input: {
  readonly received?: unknown;
  readonly sincere?: unknown;
  readonly missing?: unknown;
  readonly missingWords?: unknown;
}): { ok: true; value: ApologyResponse } | { ok: false; errors: ApologyResponseError[] } {
  const errors: ApologyResponseError[] = [];
  if (input.received !== true) errors.push({ field: 'received', reason: 'must_be_true' });
  if (input.sincere !== undefined && typeof input.sincere !== 'boolean') {
    errors.push({ field: 'sincere', reason: 'must_be_boolean' });
  }
  const missing: ApologyComponent[] = [];
  if (input.missing !== undefined) {
    if (!Array.isArray(input.missing)) errors.push({ field: 'missing', reason: 'must_be_list' });
    else {
      for (const part of input.missing as unknown[]) {
        if (typeof part !== 'string' || !isApologyComponent(part)) {
          errors.push({ field: 'missing', reason: 'unknown_component' });
          break;
        }
        if (missing.includes(part)) {
          errors.push({ field: 'missing', reason: 'duplicate' });
          break;
        }
        missing.push(part);
      }
    }
  }
  let missingWords: string | undefined;
  if (input.missingWords !== undefined && input.missingWords !== null) {
    if (typeof input.missingWords !== 'string') errors.push({ field: 'missingWords', reason: 'must_be_text' });
    else if (input.missingWords.trim().length > APOLOGY_MISSING_WORDS_MAX) errors.push({ field: 'missingWords', reason: 'too_long' });
    else if (input.missingWords.trim() !== '') missingWords = input.missingWords.trim();
  }
  if (errors.length > 0) return { ok: false, errors };
  const value: ApologyResponse = {
    received: true,
    ...(typeof input.sincere === 'boolean' ? { sincere: input.sincere } : {}),
    missing,
    ...(missingWords !== undefined ? { missingWords } : {}),
  };
  return { ok: true, value };
}
