import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SpaceService } from '../spaces/index.js';
import type { AccountService } from './service.js';
import { eraseTextWrittenBy } from '../../platform/vault/authored-text.js';

/**
 * Deleting an account removes the account and everything it wrote. First, in each space it shared
 * that lives on, its place in the couple's history is handed to a stand-in with the words erased
 * (platform/vault/stand-in.ts): the partner who stays sees what was removed and when, and every
 * state reached stays reached. Spaces nobody is left in are deleted. The account row's deletion
 * then cascades to every row still its own (sessions, check-ins, private entries…: tables
 * reference `accounts` with ON DELETE CASCADE); what it wrote on other rows that outlive it is
 * erased (platform/vault/authored-text.ts). Answers the spaces that live on, with the partners
 * still in each (they are told: accounts/actions.ts).
 */
export async function deleteAccountAndWritings(
  ctx: { accounts: AccountService; spaces: SpaceService; db: Kysely<Database> },
  accountId: string,
  proof: { password: string } | 'operator',
): Promise<Array<{ spaceId: string; partnerIds: string[] }>> {
  // The person proves it is theirs with their password; the operator's command (`mend accounts
  // delete`) is already the server's owner. Everything after is the same for both.
  if (proof !== 'operator') await ctx.accounts.confirmPassword(accountId, proof.password);
  const left = await ctx.spaces.handOverBeforeDeletion(accountId);
  await eraseTextWrittenBy(ctx.db, accountId);
  await ctx.accounts.removeAccount(accountId);
  return left;
}
