import type { AppContext } from '../server/context.js';

/**
 * Deleting an account removes the account and everything it wrote. Leaving each space first
 * deletes spaces nobody is left in and tells a remaining partner that entries were removed; the
 * account row's deletion then cascades to every row that belongs to it (sessions, entries,
 * check-ins, logs…: every table references `accounts` with ON DELETE CASCADE).
 */
export async function deleteAccount(ctx: Pick<AppContext, 'accounts' | 'spaces'>, accountId: string, password: string): Promise<void> {
  await ctx.accounts.confirmPassword(accountId, password);
  await ctx.spaces.leaveAllBeforeDeletion(accountId);
  await ctx.accounts.deleteAccount(accountId, password);
}
