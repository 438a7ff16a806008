import { addDays, localDate } from '../core/time.js';
import type { Account } from '../store/accounts.js';
import type { AppContext } from '../server/context.js';

/** Every check-in since the space began, fetched a year at a time (the service's page size). */
async function allCheckins(ctx: AppContext, accountId: string, spaceId: string, createdAt: string, today: string): Promise<unknown[]> {
  const out: unknown[] = [];
  // A check-in may be dated up to two days back, so start a little before the space existed.
  for (let from = addDays(createdAt.slice(0, 10), -3); from <= today; from = addDays(from, 366)) {
    const to = addDays(from, 365) < today ? addDays(from, 365) : today;
    out.push(...(await ctx.rhythm.checkins.list(accountId, spaceId, from, to)));
  }
  return out;
}

/**
 * The account's export: only what this account may see, gathered through the same services as
 * the screens (and so through the same visibility rules). The safety screening is left out on
 * purpose: Mend keeps no answers, and even the date of the last screening could tell someone who
 * forces an export more than the person wants (docs/safety.md).
 */
export async function exportFor(ctx: AppContext, account: Account, what: string): Promise<Record<string, unknown>> {
  const actor = { id: account.id, timezone: account.timezone };
  const today = localDate(ctx.clock.now(), account.timezone);
  const memberships = await ctx.spaces.listForAccount(account.id);
  // A therapist's export is a view of every couple in it: each goes into that couple's access log
  // (`what`: the route) before anything of it is read, and a log that cannot be written fails
  // the export (services/therapists.ts).
  for (const m of memberships) if (m.role === 'therapist') await ctx.therapists.noteView(account.id, m.id, what);
  const spaces = [];
  for (const m of memberships) {
    const space = await ctx.spaces.forMember(account.id, m.id);
    const journeys = [];
    for (const summary of await ctx.journeys.list(actor, space.id)) {
      journeys.push({
        journey: await ctx.journeys.journey(actor, summary.id),
        entries: (await ctx.journeys.entries(actor, summary.id)).entries,
        apologies: (await ctx.journeys.apologies(actor, summary.id)).apologies,
      });
    }
    const { rhythm } = ctx;
    spaces.push({
      id: space.id,
      name: space.name,
      createdAt: space.createdAt,
      yourRole: m.role,
      members: space.members.map((p) => ({ accountId: p.accountId, displayName: p.displayName, role: p.role, joinedAt: p.joinedAt })),
      journeys,
      agreements: await ctx.agreements.list(actor, space.id),
      agreementLog: (await rhythm.agreementLog.history(account.id, space.id)).entries,
      checkins: await allCheckins(ctx, account.id, space.id, space.createdAt, today),
      reassuranceRequests: await rhythm.checkins.listReassurance(account.id, space.id),
      meetings: await rhythm.meetings.list(account.id, space.id),
      progress: await rhythm.progress.forSpace(account, space.id),
    });
  }
  const sessions = await ctx.accounts.listSessions(account.id);
  return {
    format: 'mend-export',
    version: 1,
    exportedAt: ctx.clock.now().toISOString(),
    account: { id: account.id, email: account.email, displayName: account.displayName, timezone: account.timezone, country: account.country, checkinNumbersShared: account.checkinNumbersShared, createdAt: account.createdAt },
    sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt })),
    spaces,
    notifications: await ctx.rhythm.notifications.list(account.id),
  };
}
