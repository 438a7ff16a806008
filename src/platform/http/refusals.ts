import type { FastifyRequest } from 'fastify';
import { refuse } from '../errors.js';

/**
 * A therapist reads the partners' pages and is shown no forms on them. One who sends a partner's
 * form anyway (made by hand, or from a tab left open) gets the error page for the refusal, never
 * the page redrawn around it: that page would show the space's data in answer to a POST, and the
 * therapist access log (plugins/therapist-access-log.ts) records reads — GET and HEAD below 400 —
 * so the partners would never see that view in their log.
 *
 * `relation` is the viewer's relation to the space (`SpaceAccess.viewer.relation`) for routes
 * with no `:spaceId` in their path (a journey's, an entry's, an agreement's); routes with one have
 * the caller's membership read with the session (`request.auth.membership`).
 */
export function isTherapistOf(request: FastifyRequest, relation?: string): boolean {
  return relation === 'therapist' || request.auth?.membership?.member?.role === 'therapist';
}

/** In a partner's form route, before the page is redrawn around `error`: a therapist gets `error` itself. */
export function refusalOnlyForTherapist(request: FastifyRequest, error: unknown, relation?: string): void {
  if (isTherapistOf(request, relation)) throw error;
}

/** Before a form's own checks redraw the page (no service has refused yet): a therapist gets 403. */
export function partnersOnlyForm(request: FastifyRequest, relation?: string): void {
  if (isTherapistOf(request, relation)) refuse('partners_only');
}
