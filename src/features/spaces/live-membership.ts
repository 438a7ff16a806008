import type { MembershipCheck } from '../../platform/live/live-stream.js';

/**
 * Who may hold a space's live stream, asked of the accounts and spaces services: one answer for
 * the page stream and the API's, so the two cannot disagree.
 */
export function liveMembership(services: {
  accounts: { stillSignedIn(token: string): Promise<string | null> };
  spaces: { forMember(accountId: string, spaceId: string): Promise<{ members: ReadonlyArray<{ accountId: string; role: string }> }> };
}): MembershipCheck {
  return {
    signedInAs: (token) => services.accounts.stillSignedIn(token),
    member: async (accountId, spaceId) => {
      const space = await services.spaces.forMember(accountId, spaceId);
      return { partner: space.members.some((m) => m.accountId === accountId && m.role === 'partner') };
    },
  };
}
