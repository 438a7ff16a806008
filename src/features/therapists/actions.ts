import { outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';

/**
 * A partner's consent to a therapist, and ending a therapist's access (SPEC section 7). A therapist
 * is invited like a partner (spaces/actions.ts `invite`). The partners are told nothing (the space
 * page shows whose consent is still awaited); the therapist is told once, when the last consent
 * turns their access on, that it began — no name, no word of the couple's, a link to the space.
 */

/** Needs the partner's password; the therapist's access starts once every partner consented. */
export async function consentToTherapist(ctx: AppContext, auth: Authenticated, spaceId: string, therapistId: string, password: string) {
  const { therapist, began } = await ctx.therapists.consent(auth, spaceId, therapistId, password);
  return outcome(
    therapist,
    began && {
      spaceId,
      notify: {
        type: 'therapist_access_began',
        actorId: auth.account.id,
        link: `/spaces/${spaceId}`,
        about: { kind: 'membership', id: therapistId },
        membership: { partnerIds: began.partnerIds, therapist: { accountId: therapistId, active: true } },
        recipientId: therapistId,
      },
    },
  );
}

/** Either partner ends a therapist's access, at once, with every consent given. */
export async function removeTherapist(ctx: AppContext, auth: Authenticated, spaceId: string, therapistId: string) {
  await ctx.therapists.revoke(auth.account.id, spaceId, therapistId);
  return outcome(undefined);
}
