import { outcome, type Outcome, type SpaceEvent } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import { deleteAccountAndWritings } from './account-deletion.js';
import type { Authenticated, SignUpInput } from './service.js';
import type { SessionRecord } from './sessions-store.js';
import type { PrivateWriting } from './password-resets.js';
import { admitSignUp } from './sign-up-limit.js';
import { requireInvitation } from './sign-up-mode.js';
import { refuse } from '../../platform/errors.js';

/**
 * Every change to an account, its sessions and its settings: the API and the pages both call
 * these (through `act`), so the two doors cannot differ in what they check or write. Only one
 * concerns a partner: an account deleted. The remaining partner finds a note kept in the space
 * (spaces/service.ts) and is told, in words that name no one; the notification keeps no actor (the
 * account is gone), so it outlives it.
 */

type Kind = SessionRecord['kind'];

/**
 * Counts against the address first (sign-up-limit.ts), then creates the account and its first
 * session, if the operator's MEND_SIGNUPS allows it (sign-up-mode.ts): a closed Mend refuses
 * before counting; on an invitation-only one a wrong code counts like any attempt, so codes
 * cannot be guessed quickly.
 */
export async function signUp(ctx: AppContext, address: string, input: SignUpInput & { invitationCode?: string | undefined }, kind: Kind) {
  if (ctx.config.signups === 'closed') refuse('sign_ups_closed');
  await admitSignUp(ctx.limits.signUpByAddress, address);
  if (ctx.config.signups === 'invite') await requireInvitation(ctx.spaces, input.invitationCode);
  return outcome(await ctx.accounts.signUp(input, kind));
}

export async function signIn(ctx: AppContext, address: string, email: string, password: string, kind: Kind, deviceTokens: string[] = []) {
  return outcome(await ctx.accounts.signIn(email, password, address, kind, deviceTokens));
}

/** Ends this session. A session already gone is signed out all the same. */
export async function signOut(ctx: AppContext, auth: Authenticated): Promise<Outcome<void>> {
  await ctx.accounts.revokeSession(auth.account.id, auth.session.id).catch(() => undefined);
  return outcome(undefined);
}

/** Ends one of the account's own sessions (404 for anyone else's). */
export async function revokeSession(ctx: AppContext, auth: Authenticated, sessionId: string): Promise<Outcome<void>> {
  await ctx.accounts.revokeSession(auth.account.id, sessionId);
  return outcome(undefined);
}

export async function signOutEverywhere(ctx: AppContext, auth: Authenticated): Promise<Outcome<void>> {
  await ctx.accounts.revokeAllSessions(auth.account.id);
  return outcome(undefined);
}

/** Confirms the password in this session, for what needs a recent confirmation (the export). */
export async function reauthenticate(ctx: AppContext, auth: Authenticated, password: string): Promise<Outcome<void>> {
  await ctx.accounts.reauthenticate(auth, password);
  return outcome(undefined);
}

export async function changePassword(
  ctx: AppContext,
  auth: Authenticated,
  currentPassword: string,
  newPassword: string,
): Promise<Outcome<void>> {
  await ctx.accounts.changePassword(auth, currentPassword, newPassword);
  return outcome(undefined);
}

/** Asks for a link by email; the answer never says whether the address has an account. */
export async function requestPasswordReset(ctx: AppContext, address: string, email: string) {
  return outcome(await ctx.passwordResets.request(email, address));
}

export async function completePasswordReset(
  ctx: AppContext,
  address: string,
  token: string,
  password: string,
  writing: PrivateWriting = {},
): Promise<Outcome<{ newKey: boolean }>> {
  return outcome(await ctx.passwordResets.complete(token, password, address, writing));
}

/** The person said they kept their recovery code: from now on it is shown only after their password. */
export async function keepRecoveryCode(ctx: AppContext, auth: Authenticated): Promise<Outcome<void>> {
  await ctx.personalKeys.recoveryCodeKept(auth.account.id);
  return outcome(undefined);
}

export async function updateSettings(
  ctx: AppContext,
  auth: Authenticated,
  values: { displayName: string; timezone: string; country: string },
): Promise<Outcome<void>> {
  await ctx.accounts.updateSettings(auth.account.id, values);
  return outcome(undefined);
}

/**
 * The operator's `mend accounts disable|enable`. Nobody is told: a partner's pages do not change
 * (what the disabled account shared stays shared, what it kept private stays private), and a notice
 * could endanger the person the operator is protecting. Answers false when there is no such account.
 */
export async function setAccountDisabled(ctx: AppContext, accountId: string, disabled: boolean): Promise<Outcome<boolean>> {
  return outcome(await ctx.accounts.setDisabled(accountId, disabled));
}

/** Checks the password without changing anything: the page asks before it deletes. */
export async function confirmPassword(ctx: AppContext, auth: Authenticated, password: string): Promise<Outcome<void>> {
  await ctx.accounts.confirmPassword(auth.account.id, password);
  return outcome(undefined);
}

/** Removes the account and all it wrote (account-deletion.ts); a remaining partner finds a note in the space and is told. */
export async function deleteAccount(ctx: AppContext, auth: Authenticated, password: string): Promise<Outcome<void>> {
  return deleted(ctx, auth.account.id, { password });
}

/**
 * The operator's `mend accounts delete`: the very same deletion, hand-over and telling as when a
 * person deletes their own account, without their password (the operator owns the server).
 */
export async function deleteAccountByOperator(ctx: AppContext, accountId: string): Promise<Outcome<void>> {
  return deleted(ctx, accountId, 'operator');
}

async function deleted(ctx: AppContext, accountId: string, proof: { password: string } | 'operator'): Promise<Outcome<void>> {
  const left = await deleteAccountAndWritings({ accounts: ctx.accounts, spaces: ctx.spaces, db: ctx.store.db }, accountId, proof);
  const events: SpaceEvent[] = left.flatMap(({ spaceId, partnerIds }) =>
    partnerIds.map((recipientId) => ({
      spaceId,
      notify: {
        type: 'partner_deleted_account' as const,
        // No actor: the account is gone (a notification's actor would be cleared with it anyway).
        actorId: null,
        link: `/spaces/${spaceId}#notices-heading`,
        about: { kind: 'membership' as const, id: spaceId },
        membership: { partnerIds, therapist: null },
        recipientId,
      },
    })),
  );
  return outcome(undefined, ...events);
}
