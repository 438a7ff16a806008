import { outcome, type SpaceEvent } from '../../core/events.js';
import { fail } from '../../platform/errors.js';
import type { MemberRole } from './store.js';
import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';

/**
 * Making a space, inviting into it, joining and leaving it: the API and the pages both call these.
 * Who is in a space is not a live update in Mend. Joining tells those it concerns: the partner who
 * invited, or each partner whose consent a new therapist waits for; a partner leaving tells the
 * partner who stays (SPEC section 9), in words that name no one.
 */

export async function createSpace(ctx: AppContext, auth: Authenticated, name: string | undefined) {
  return outcome(await ctx.spaces.create(auth.account.id, name));
}

/** A single-use code for a partner or a therapist; only a partner of the space may make one. */
export async function invite(ctx: AppContext, auth: Authenticated, spaceId: string, role: MemberRole) {
  return outcome(await ctx.spaces.invite(auth.account.id, spaceId, role));
}

/**
 * Joins with an invitation code. The partner who invited is told their partner is in (they were
 * waiting for it). A therapist's access waits for both partners' consent (therapists/actions.ts),
 * so each partner who has not consented yet is told that it waits on them.
 */
export async function join(ctx: AppContext, auth: Authenticated, code: string) {
  const space = await ctx.spaces.accept(auth.account.id, code);
  if (space.members.find((m) => m.accountId === auth.account.id)?.role !== 'therapist') {
    const partnerIds = space.members.filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId);
    return outcome(space, {
      spaceId: space.id,
      notify: {
        type: 'partner_joined',
        actorId: auth.account.id,
        link: `/spaces/${space.id}`,
        about: { kind: 'membership', id: auth.account.id },
        membership: { partnerIds, therapist: null },
      },
    });
  }
  const { partnerIds, waiting } = await ctx.therapists.waitingFor(space.id, auth.account.id);
  const events: SpaceEvent[] = waiting.map((recipientId) => ({
    spaceId: space.id,
    notify: {
      // Alone in the space, one's own consent is all that is asked: no "both of you" (issue #20).
      type: partnerIds.length < 2 ? 'therapist_waiting_alone' : 'therapist_waiting',
      actorId: auth.account.id,
      // Straight to the consent form, which sits below the space's other cards.
      link: `/spaces/${space.id}#therapist-heading`,
      about: { kind: 'membership', id: auth.account.id },
      membership: { partnerIds, therapist: { accountId: auth.account.id, active: false } },
      recipientId,
    },
  }));
  return outcome(space, ...events);
}

/**
 * Leaves the space, once the person has confirmed it is them: with their password now (checked and
 * limited like every password typed in a session: accounts/service.ts `confirmPassword`), or, for
 * an API client, a password confirmed in this session within the last 10 minutes. Someone holding
 * an unlocked phone cannot make its owner leave. A stranger learns nothing: not found comes first.
 * What the person kept private here is deleted, what they shared stays (spaces/store.ts `depart`).
 * A partner leaving tells the partner who stays; a therapist leaving tells nobody (their access simply ends).
 */
export async function leave(ctx: AppContext, auth: Authenticated, spaceId: string, password: string | undefined) {
  const before = await ctx.spaces.forMember(auth.account.id, spaceId);
  if (password !== undefined) await ctx.accounts.confirmPassword(auth.account.id, password);
  else if (!ctx.accounts.recentlyReauthenticated(auth)) fail('reauthentication_required');
  await ctx.spaces.leave(auth.account.id, spaceId);
  if (before.members.find((m) => m.accountId === auth.account.id)?.role !== 'partner') return outcome(undefined);
  const staying = before.members.filter((m) => m.role === 'partner' && m.accountId !== auth.account.id).map((m) => m.accountId);
  const events: SpaceEvent[] = staying.map((recipientId) => ({
    spaceId,
    notify: {
      type: 'partner_left',
      actorId: auth.account.id,
      link: `/spaces/${spaceId}`,
      about: { kind: 'membership', id: auth.account.id },
      membership: { partnerIds: staying, therapist: null },
      recipientId,
    },
  }));
  return outcome(undefined, ...events);
}
