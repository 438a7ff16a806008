import { outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';

/**
 * A partner's consent to a therapist, and ending a therapist's access (SPEC section 7). A therapist
 * is invited like a partner (spaces/actions.ts `invite`). No event: the space page shows whose
 * consent is still awaited when it is read; Mend has no notification for it.
 */

/** Needs the partner's password; the therapist's access starts once every partner consented. */
export async function consentToTherapist(ctx: AppContext, auth: Authenticated, spaceId: string, therapistId: string, password: string) {
  return outcome(await ctx.therapists.consent(auth, spaceId, therapistId, password));
}

/** Either partner ends a therapist's access, at once, with every consent given. */
export async function removeTherapist(ctx: AppContext, auth: Authenticated, spaceId: string, therapistId: string) {
  await ctx.therapists.revoke(auth.account.id, spaceId, therapistId);
  return outcome(undefined);
}
