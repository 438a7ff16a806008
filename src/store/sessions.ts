import type { Kysely } from 'kysely';
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
  constructor(private readonly db: Kysely<Database>) {}

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
