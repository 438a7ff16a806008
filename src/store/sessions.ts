import type { Kysely } from 'kysely';
import type { AccountFacts } from './accounts.js';
import { reusableQuery } from './reusable-query.js';
import type { Database } from './schema.js';

export interface SessionRecord {
  id: string;
  accountId: string;
  kind: 'cookie' | 'bearer';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  reauthenticatedAt?: string | null;
}

type Row = Database['sessions'];
const toSession = (row: Row): SessionRecord => ({
  id: row.id,
  accountId: row.account_id,
  kind: row.kind,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  reauthenticatedAt: row.reauthenticated_at,
});

export class SessionStore {
  /** Every signed-in request runs it: compiled once (reusable-query.ts). */
  private readonly signedIn;

  constructor(private readonly db: Kysely<Database>) {
    this.signedIn = reusableQuery(db, 1, (tokenHash: string) =>
      db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select([
          'sessions.id',
          'sessions.account_id',
          'sessions.kind',
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'sessions.reauthenticated_at',
          'accounts.email_enc',
          'accounts.display_name_enc',
          'accounts.timezone',
          'accounts.country',
          'accounts.created_at as account_created_at',
        ])
        .select((eb) =>
          eb
            .exists(eb.selectFrom('space_members').select('space_members.account_id').whereRef('space_members.account_id', '=', 'sessions.account_id').where('space_members.role', '=', 'therapist'))
            .as('may_be_therapist'),
        )
        .where('sessions.token_hash', '=', tokenHash),
    );
  }

  async insert(session: SessionRecord & { tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        account_id: session.accountId,
        token_hash: session.tokenHash,
        kind: session.kind,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  /**
   * A signed-in request's one read: the session, its account's columns, and whether the account
   * has ever been made a therapist of a space (the access log needs a membership read only then).
   * Read from the database on every request, never remembered, so a revoked session or a deleted
   * account is refused at once by every server.
   */
  async withAccount(tokenHash: string): Promise<{ session: SessionRecord; account: AccountFacts; mayBeTherapist: boolean } | null> {
    const [row] = await this.signedIn(tokenHash);
    if (!row) return null;
    return {
      session: {
        id: row.id,
        accountId: row.account_id,
        kind: row.kind,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        reauthenticatedAt: row.reauthenticated_at,
      },
      account: {
        id: row.account_id,
        email_enc: row.email_enc,
        display_name_enc: row.display_name_enc,
        timezone: row.timezone,
        country: row.country,
        created_at: row.account_created_at,
      },
      // SQLite answers 0/1, PostgreSQL a boolean.
      mayBeTherapist: Boolean(row.may_be_therapist),
    };
  }

  async listForAccount(accountId: string): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map(toSession);
  }

  async markReauthenticated(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ reauthenticated_at: at }).where('id', '=', id).execute();
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  /** Deletes one of the account's sessions; false when it is not theirs or does not exist. */
  async deleteForAccount(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('sessions').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteAllForAccount(accountId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}
