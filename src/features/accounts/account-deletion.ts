import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SpaceService } from '../spaces/index.js';
import type { AccountService } from './service.js';
import { eraseTextWrittenBy } from '../../platform/vault/authored-text.js';

/**
 * Deleting an account removes the account and everything it wrote. Leaving each space first
 * deletes spaces nobody is left in and tells a remaining partner that entries were removed; the
 * account row's deletion then cascades to every row that belongs to it (sessions, entries,
 * check-ins, logs…: tables reference `accounts` with ON DELETE CASCADE). Rows that belong to the
 * couple's shared record and outlive the person keep their facts but lose the person's words
 * (platform/vault/authored-text.ts). Answers the spaces left behind with their remaining partners,
 * who are told (accounts/actions.ts).
 */
export async function deleteAccountAndWritings(
  ctx: { accounts: AccountService; spaces: SpaceService; db: Kysely<Database> },
  accountId: string,
  password: string,
): Promise<Array<{ spaceId: string; partnerIds: string[] }>> {
  await ctx.accounts.confirmPassword(accountId, password);
  await eraseTextWrittenBy(ctx.db, accountId);
  const left = await ctx.spaces.leaveAllBeforeDeletion(accountId);
  await ctx.accounts.deleteAccount(accountId, password);
  return left;
}
