import type { Account } from '../store/accounts.js';
import type { AppContext } from '../server/context.js';

/**
 * The account's export: only what this account may see. Later capabilities add their sections
 * here, each through the same visibility rules as the screens that show them.
 */
export async function exportFor(ctx: AppContext, account: Account): Promise<Record<string, unknown>> {
  const memberships = await ctx.spaces.listForAccount(account.id);
  const spaces = [];
  for (const m of memberships) {
    const space = await ctx.spaces.forMember(account.id, m.id);
    spaces.push({
      id: space.id,
      name: space.name,
      createdAt: space.createdAt,
      members: space.members.map((p) => ({ accountId: p.accountId, displayName: p.displayName, role: p.role, joinedAt: p.joinedAt })),
    });
  }
  const sessions = await ctx.accounts.listSessions(account.id);
  return {
    format: 'mend-export',
    version: 1,
    exportedAt: ctx.clock.now().toISOString(),
    account: { id: account.id, email: account.email, displayName: account.displayName, timezone: account.timezone, createdAt: account.createdAt },
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt })),
    spaces,
  };
}
