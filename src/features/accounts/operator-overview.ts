import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { namesOpenedBy } from '../../platform/vault/opened-names.js';
import { BOUND } from '../../platform/vault/bound-fields.js';

/** One account as the operator's `mend accounts list` shows it: dates and a count, nothing anyone wrote. */
export interface AccountLine {
  id: string;
  email: string;
  createdAt: string;
  /** The latest use of any of its sessions still kept (signing out removes one); null when none is left. */
  lastSeenAt: string | null;
  disabledAt: string | null;
  spaces: number;
}

/** `mend accounts show`: how much of each kind the account has, and when it last did some. */
export interface AccountCounts {
  spaces: { partner: number; therapist: number; pendingTherapist: number };
  checkins: number;
  lastCheckinOn: string | null;
  journeyEntries: number;
  apologies: number;
  agreementsProposed: number;
  agreementLogEntries: number;
  reassuranceRequests: number;
  notifications: { total: number; unread: number };
  sessions: number;
  pushDevices: number;
  drafts: number;
}

const count = (n: unknown): number => Number(n ?? 0);

/**
 * What the operator's commands may learn about accounts: emails (to find a person) and counts and
 * dates. It reads no column a person wrote, so no command built on it can print one.
 */
export class OperatorOverview {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** Every account (not the stand-ins of deleted ones), oldest first; or only `accountId`'s. */
  async list(accountId?: string): Promise<AccountLine[]> {
    let query = this.db
      .selectFrom('accounts')
      .select(['accounts.id', 'accounts.email_enc', 'accounts.created_at', 'accounts.disabled_at'])
      .select((eb) => [
        eb
          .selectFrom('sessions')
          .whereRef('sessions.account_id', '=', 'accounts.id')
          .select((inner) => inner.fn.max('sessions.last_seen_at').as('m'))
          .as('last_seen_at'),
        eb
          .selectFrom('space_members')
          .whereRef('space_members.account_id', '=', 'accounts.id')
          .where('space_members.status', '!=', 'revoked')
          .select((inner) => inner.fn.countAll().as('n'))
          .as('spaces'),
      ])
      .where('accounts.stand_in_since', 'is', null)
      .orderBy('accounts.created_at')
      .orderBy('accounts.id');
    if (accountId !== undefined) query = query.where('accounts.id', '=', accountId);
    const rows = await query.execute();
    const opener = namesOpenedBy(this.vault);
    return rows.map((r) => ({
      id: r.id,
      email: opener.open(r.email_enc, BOUND.accountEmail.of(r)),
      createdAt: r.created_at,
      lastSeenAt: (r.last_seen_at as string | null) ?? null,
      disabledAt: r.disabled_at,
      spaces: count(r.spaces),
    }));
  }

  async counts(accountId: string): Promise<AccountCounts> {
    const db = this.db;
    // Table and column names are this file's own constants, never input.
    const of = async (table: keyof Database, column: string): Promise<number> =>
      count(
        (await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${accountId}`.execute(db))
          .rows[0]?.n,
      );
    const memberships = await db
      .selectFrom('space_members')
      .select(['role', 'status'])
      .select(sql<number>`count(*)`.as('n'))
      .where('account_id', '=', accountId)
      .groupBy(['role', 'status'])
      .execute();
    const members = (role: string, status: string) => count(memberships.find((m) => m.role === role && m.status === status)?.n);
    const lastCheckin = await db
      .selectFrom('checkins')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    const unread = await db
      .selectFrom('notifications')
      .select(sql<number>`count(*)`.as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return {
      spaces: {
        partner: members('partner', 'active'),
        therapist: members('therapist', 'active'),
        pendingTherapist: members('therapist', 'pending'),
      },
      checkins: await of('checkins', 'account_id'),
      lastCheckinOn: (lastCheckin?.at as string | null | undefined)?.slice(0, 10) ?? null,
      journeyEntries: await of('journey_entries', 'author_id'),
      apologies: await of('apologies', 'author_id'),
      agreementsProposed: await of('agreements', 'proposed_by'),
      agreementLogEntries: await of('agreement_log_entries', 'logged_by'),
      reassuranceRequests: await of('reassurance_requests', 'requested_by'),
      notifications: { total: await of('notifications', 'account_id'), unread: count(unread?.n) },
      sessions: await of('sessions', 'account_id'),
      pushDevices: await of('push_subscriptions', 'account_id'),
      drafts: await of('drafts', 'account_id'),
    };
  }

  /** `mend stats`: people, not stand-ins; spaces. */
  async totals(): Promise<{ accounts: number; disabled: number; spaces: number }> {
    const accounts = await this.db
      .selectFrom('accounts')
      .select(sql<number>`count(*)`.as('n'))
      .select(sql<number>`count(disabled_at)`.as('disabled'))
      .where('stand_in_since', 'is', null)
      .executeTakeFirst();
    const spaces = await this.db
      .selectFrom('spaces')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirst();
    return { accounts: count(accounts?.n), disabled: count(accounts?.disabled), spaces: count(spaces?.n) };
  }
}
