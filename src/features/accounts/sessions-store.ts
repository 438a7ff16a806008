import type { Kysely } from 'kysely';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import type { AccountFacts } from './store.js';
import { olderThan } from '../../platform/db/keyset.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { Database } from '../../platform/db/schema.js';
import type { MemberRevision, SpaceRevisionTables } from '../spaces/index.js';

/** Sessions are paged by when they began: last seen moves with every visit, and a key must not. */
export const SESSION_KEY = ['created_at', 'id'] as const;

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
type SessionColumns = Pick<Row, 'id' | 'account_id' | 'kind' | 'created_at' | 'last_seen_at' | 'expires_at' | 'reauthenticated_at'>;
const toSession = (row: SessionColumns): SessionRecord => ({
  id: row.id,
  accountId: row.account_id,
  kind: row.kind,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  reauthenticatedAt: row.reauthenticated_at,
});

export interface SignedIn {
  session: SessionRecord;
  /** The person's personal key wrapped for this session (null: begun before personal keys). */
  personalKeyWrap: string | null;
  account: AccountFacts;
  mayBeTherapist: boolean;
}

interface SignedInRow extends SessionColumns {
  personal_key_wrap: string | null;
  email_enc: AccountFacts['email_enc'];
  display_name_enc: AccountFacts['display_name_enc'];
  timezone: string;
  country: AccountFacts['country'];
  checkin_numbers_shared: AccountFacts['checkin_numbers_shared'];
  quick_exit_signs_out: number;
  account_created_at: string;
  may_be_therapist: unknown;
}

function signedInFrom(row: SignedInRow): SignedIn {
  return {
    session: toSession(row),
    personalKeyWrap: row.personal_key_wrap,
    account: {
      id: row.account_id,
      email_enc: row.email_enc,
      display_name_enc: row.display_name_enc,
      timezone: row.timezone,
      country: row.country,
      checkin_numbers_shared: row.checkin_numbers_shared,
      quick_exit_signs_out: row.quick_exit_signs_out,
      created_at: row.account_created_at,
    },
    // SQLite answers 0/1, PostgreSQL a boolean.
    mayBeTherapist: Boolean(row.may_be_therapist),
  };
}

export class SessionStore {
  /** Every signed-in request runs it: compiled once (reusable-query.ts). */
  private readonly signedIn;

  /** The same read, with the caller's membership of one space and that space's revision (one statement, not two). */
  private readonly signedInForSpace;

  constructor(private readonly db: Kysely<Database>) {
    // Typed with migration 0005's table, which the second query joins; the first does not use it.
    const wide = db as unknown as Kysely<Database & SpaceRevisionTables>;
    const session = (tokenHash: string) =>
      wide
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
          'sessions.personal_key_wrap',
          'accounts.email_enc',
          'accounts.display_name_enc',
          'accounts.timezone',
          'accounts.country',
          'accounts.checkin_numbers_shared',
          'accounts.quick_exit_signs_out',
          'accounts.created_at as account_created_at',
        ])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('space_members')
                .select('space_members.account_id')
                .whereRef('space_members.account_id', '=', 'sessions.account_id')
                .where('space_members.role', '=', 'therapist'),
            )
            .as('may_be_therapist'),
        )
        .where('sessions.token_hash', '=', tokenHash)
        // Disabling deletes the sessions; this also ends one begun by a sign-in racing the disabling.
        .where('accounts.disabled_at', 'is', null);
    this.signedIn = reusableQuery(wide, 1, session);
    this.signedInForSpace = reusableQuery(wide, 2, (tokenHash: string, spaceId: string) =>
      session(tokenHash)
        .leftJoin('space_members as member', (join) =>
          join.onRef('member.account_id', '=', 'sessions.account_id').on('member.space_id', '=', spaceId),
        )
        .leftJoin('space_revisions as space_revision', 'space_revision.space_id', 'member.space_id')
        .select(['member.role as member_role', 'member.status as member_status', 'space_revision.revision as space_revision']),
    );
  }

  async insert(session: SessionRecord & { tokenHash: string; personalKeyWrap?: string | null }): Promise<void> {
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
        personal_key_wrap: session.personalKeyWrap ?? null,
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
  async withAccount(tokenHash: string): Promise<SignedIn | null> {
    const [row] = await this.signedIn(tokenHash);
    return row ? signedInFrom(row) : null;
  }

  /**
   * The same, and the account's membership of `spaceId` with the space's revision: a request for
   * one space's data (its progress, above all) then needs one read where it needed two. `member`
   * is null when the account is not a member of that space in any status.
   */
  async withAccountForSpace(tokenHash: string, spaceId: string): Promise<(SignedIn & { member: MemberRevision | null }) | null> {
    const [row] = await this.signedInForSpace(tokenHash, spaceId);
    if (!row) return null;
    const member: MemberRevision | null =
      row.member_role === null || row.member_status === null
        ? null
        : { role: row.member_role, status: row.member_status, revision: row.space_revision === null ? null : Number(row.space_revision) };
    return { ...signedInFrom(row), member };
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

  /** One page of the account's sessions, newest first, after `after` (a key of SESSION_KEY). */
  async pageForAccount(accountId: string, after: PageKey | null, size: number): Promise<Page<SessionRecord>> {
    let q = this.db.selectFrom('sessions').selectAll().where('account_id', '=', accountId);
    if (after) q = q.where(olderThan(SESSION_KEY, after));
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    return pageOf(rows.map(toSession), size, (s) => [s.createdAt, s.id]);
  }

  /** Wraps the personal key for a session begun before the account had one (a password change in it). */
  async setPersonalKeyWrap(id: string, wrap: string): Promise<void> {
    await this.db.updateTable('sessions').set({ personal_key_wrap: wrap }).where('id', '=', id).execute();
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

  /** Ends every session of the account but `keepId` (a password change keeps the one making it). */
  async deleteOthersForAccount(accountId: string, keepId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keepId).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}
