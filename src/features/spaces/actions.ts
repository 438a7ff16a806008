import { outcome } from '../../core/events.js';
import type { MemberRole } from './store.js';
import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';

/**
 * Making a space, inviting into it, joining and leaving it: the API and the pages both call these.
 * None returns an event. Who is in a space is not a live update nor a notification in Mend; a
 * partner learns that the other left or deleted their account from the note kept in the space and
 * its history (SPEC section 9), read with the space.
 */

export async function createSpace(ctx: AppContext, auth: Authenticated, name: string | undefined) {
  return outcome(await ctx.spaces.create(auth.account.id, name));
}

/** A single-use code for a partner or a therapist; only a partner of the space may make one. */
export async function invite(ctx: AppContext, auth: Authenticated, spaceId: string, role: MemberRole) {
  return outcome(await ctx.spaces.invite(auth.account.id, spaceId, role));
}

/** Joins with an invitation code. A therapist's access waits for both partners' consent (therapists/actions.ts). */
export async function join(ctx: AppContext, auth: Authenticated, code: string) {
  return outcome(await ctx.spaces.accept(auth.account.id, code));
}

/** Leaves the space: private entries and notes written here are erased, shared ones stay. */
export async function leave(ctx: AppContext, auth: Authenticated, spaceId: string) {
  await ctx.spaces.leave(auth.account.id, spaceId);
  return outcome(undefined);
}
