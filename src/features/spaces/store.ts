import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { newId } from '../../platform/db/ids.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import { namesOpenedBy, type NameOpener } from '../../platform/vault/opened-names.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

export type MemberRole = 'partner' | 'therapist';
export type MemberStatus = 'active' | 'pending' | 'revoked';

export interface Member {
  accountId: string;
  displayName: string;
  role: MemberRole;
  status: MemberStatus;
  joinedAt: string;
  /** Their own choice (issue #14): whether others see their check-in numbers; null: never asked, not shared. */
  numbersShared: boolean | null;
}

export interface Space {
  id: string;
  name: string;
  createdAt: string;
  members: Member[];
}

export interface InvitationRecord {
  id: string;
  spaceId: string;
  role: MemberRole;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/** A therapist's caseload, newest first by when they joined each space. */
export const CASELOAD_KEY = ['space_members.joined_at', 'space_members.space_id'] as const;

export class SpaceStore {
  /** Most requests about a space start with it: compiled once (reusable-query.ts). */
  private readonly spaceWithMembers;
  private readonly names: NameOpener;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {
    this.names = namesOpenedBy(vault);
    // Bound to this handle: a store made on a transaction must not outlive it.
    // Who asks is part of the query: someone who is not an active member gets no rows, as fast
    // whether or not the space exists (a departed partner cannot time whether it still does).
    this.spaceWithMembers = reusableQuery(db, 2, (spaceId: string, accountId: string) =>
      db
        .selectFrom('spaces')
        .innerJoin('space_members', 'space_members.space_id', 'spaces.id')
        .innerJoin('accounts', 'accounts.id', 'space_members.account_id')
        .select([
          'spaces.id',
          'spaces.name_enc',
          'spaces.created_at',
          'space_members.account_id',
          'space_members.role',
          'space_members.status',
          'space_members.joined_at',
          'accounts.display_name_enc',
          'accounts.checkin_numbers_shared',
        ])
        .where('spaces.id', 'in', (eb) =>
          eb
            .selectFrom('space_members as asking')
            .select('asking.space_id')
            .where('asking.space_id', '=', spaceId)
            .where('asking.account_id', '=', accountId)
            .where('asking.status', '=', 'active'),
        )
        .orderBy('space_members.joined_at')
        .orderBy('space_members.account_id'),
    );
  }

  async create(input: { id: string; name: string; creatorId: string; now: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('spaces')
        .values({ id: input.id, name_enc: this.vault.seal(input.name, BOUND.spaceName.of(input)), created_at: input.now })
        .execute();
      await trx
        .insertInto('space_members')
        .values({ space_id: input.id, account_id: input.creatorId, role: 'partner', status: 'active', joined_at: input.now })
        .execute();
    });
  }

  async byId(id: string, db: Db = this.db): Promise<Space | null> {
    const row = await db.selectFrom('spaces').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const members = await db
      .selectFrom('space_members')
      .innerJoin('accounts', 'accounts.id', 'space_members.account_id')
      .select([
        'space_members.account_id',
        'space_members.role',
        'space_members.status',
        'space_members.joined_at',
        'accounts.display_name_enc',
        'accounts.checkin_numbers_shared',
      ])
      .where('space_members.space_id', '=', id)
      .orderBy('space_members.joined_at')
      .orderBy('space_members.account_id')
      .execute();
    return {
      id: row.id,
      name: this.names.open(row.name_enc, BOUND.spaceName.of(row)),
      createdAt: row.created_at,
      members: members.map((m) => ({
        accountId: m.account_id,
        displayName: this.names.open(m.display_name_enc, BOUND.accountDisplayName.of({ id: m.account_id })),
        role: m.role,
        status: m.status,
        joinedAt: m.joined_at,
        numbersShared: m.checkin_numbers_shared === null ? null : Boolean(m.checkin_numbers_shared),
      })),
    };
  }

  /**
   * The space with every member, in one read, if `accountId` is one of its active members; null
   * otherwise, and nothing is read or decrypted. (`byId` reads the same in two queries.)
   */
  async forActiveMember(spaceId: string, accountId: string): Promise<Space | null> {
    const rows = await this.spaceWithMembers(spaceId, accountId);
    const first = rows[0];
    if (!first) return null;
    return {
      id: first.id,
      name: this.names.open(first.name_enc, BOUND.spaceName.of(first)),
      createdAt: first.created_at,
      members: rows.map((m) => ({
        accountId: m.account_id,
        displayName: this.names.open(m.display_name_enc, BOUND.accountDisplayName.of({ id: m.account_id })),
        role: m.role,
        status: m.status,
        joinedAt: m.joined_at,
        numbersShared: m.checkin_numbers_shared === null ? null : Boolean(m.checkin_numbers_shared),
      })),
    };
  }

  /** Spaces the account belongs to (any role or status), oldest first. */
  async listForAccount(accountId: string): Promise<Array<{ id: string; name: string; role: MemberRole; status: MemberStatus }>> {
    const rows = await this.db
      .selectFrom('space_members')
      .innerJoin('spaces', 'spaces.id', 'space_members.space_id')
      .select(['spaces.id', 'spaces.name_enc', 'space_members.role', 'space_members.status'])
      .where('space_members.account_id', '=', accountId)
      .orderBy('space_members.joined_at')
      .execute();
    return rows.map((r) => ({ id: r.id, name: this.names.open(r.name_enc, BOUND.spaceName.of(r)), role: r.role, status: r.status }));
  }

  /** One page of the spaces the account is therapist of, access not ended, after `after` (a key of CASELOAD_KEY). */
  async therapistOfPage(
    accountId: string,
    after: PageKey | null,
    size: number,
  ): Promise<Page<{ id: string; name: string; status: 'active' | 'pending' }>> {
    let q = this.db
      .selectFrom('space_members')
      .innerJoin('spaces', 'spaces.id', 'space_members.space_id')
      .select(['spaces.id', 'spaces.name_enc', 'space_members.status', 'space_members.joined_at'])
      .where('space_members.account_id', '=', accountId)
      .where('space_members.role', '=', 'therapist')
      .where('space_members.status', '!=', 'revoked');
    if (after) q = q.where(olderThan(CASELOAD_KEY, after));
    const rows = await q
      .orderBy('space_members.joined_at', 'desc')
      .orderBy('space_members.space_id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.joined_at, r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        name: this.names.open(r.name_enc, BOUND.spaceName.of(r)),
        status: r.status === 'active' ? 'active' : 'pending',
      })),
      next: page.next,
    };
  }

  async membership(spaceId: string, accountId: string): Promise<{ role: MemberRole; status: MemberStatus } | null> {
    const row = await this.db
      .selectFrom('space_members')
      .select(['role', 'status'])
      .where('space_id', '=', spaceId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  }

  async insertInvitation(input: InvitationRecord & { codeHash: string }): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: input.id,
        space_id: input.spaceId,
        code_hash: input.codeHash,
        role: input.role,
        created_by: input.createdBy,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
        accepted_at: null,
        accepted_by: null,
      })
      .execute();
  }

  async invitationByCodeHash(codeHash: string): Promise<InvitationRecord | null> {
    const row = await this.db.selectFrom('invitations').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row
      ? {
          id: row.id,
          spaceId: row.space_id,
          role: row.role,
          createdBy: row.created_by,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          acceptedAt: row.accepted_at,
        }
      : null;
  }

  /**
   * Joins the invitation's space in one transaction: the code is used at most once and a space
   * never gets a third partner, even when two people accept at the same moment (the space row is
   * locked on PostgreSQL; SQLite runs one write transaction at a time).
   */
  async acceptInvitation(
    invitation: InvitationRecord,
    accountId: string,
    now: string,
  ): Promise<'joined' | 'used' | 'full' | 'already_member'> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') {
        await trx.selectFrom('spaces').select('id').where('id', '=', invitation.spaceId).forUpdate().execute();
      }
      const existing = await trx
        .selectFrom('space_members')
        .select(['account_id', 'role', 'status'])
        .where('space_id', '=', invitation.spaceId)
        .execute();
      const current = existing.find((m) => m.account_id === accountId);
      // A therapist whose access ended may be invited again: they start over, waiting for consent.
      const returning = current?.status === 'revoked' && current.role === 'therapist' && invitation.role === 'therapist';
      if (current && !returning) return 'already_member';
      if (invitation.role === 'partner' && existing.filter((m) => m.role === 'partner').length >= 2) return 'full';
      const used = await trx
        .updateTable('invitations')
        .set({ accepted_at: now, accepted_by: accountId })
        .where('id', '=', invitation.id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return 'used';
      if (returning) {
        await trx
          .updateTable('space_members')
          .set({ status: 'pending', joined_at: now })
          .where('space_id', '=', invitation.spaceId)
          .where('account_id', '=', accountId)
          .execute();
        return 'joined';
      }
      await trx
        .insertInto('space_members')
        .values({
          space_id: invitation.spaceId,
          account_id: accountId,
          role: invitation.role,
          status: invitation.role === 'partner' ? 'active' : 'pending',
          joined_at: now,
        })
        .execute();
      if (invitation.role === 'partner') await this.awaitNewPartnersConsent(trx, invitation.spaceId, accountId);
      return 'joined';
    });
  }

  /**
   * A therapist sees only what every current partner agreed to show them: when a partner joins,
   * an active therapist waits again until the newcomer consents (the partner who already agreed
   * keeps their consent). A consent left from an earlier stay in the space does not count. In the
   * joining transaction, so no read ever sees the new partner beside an active therapist.
   */
  private async awaitNewPartnersConsent(trx: Transaction<Database>, spaceId: string, partnerId: string): Promise<void> {
    await trx.deleteFrom('therapist_consents').where('space_id', '=', spaceId).where('partner_id', '=', partnerId).execute();
    await trx
      .updateTable('space_members')
      .set({ status: 'pending' })
      .where('space_id', '=', spaceId)
      .where('role', '=', 'therapist')
      .where('status', '=', 'active')
      .execute();
  }

  async addNotice(spaceId: string, kind: 'partner_deleted_account', at: string): Promise<void> {
    const exists = await this.db.selectFrom('spaces').select('id').where('id', '=', spaceId).executeTakeFirst();
    if (!exists) return;
    await this.db.insertInto('space_notices').values({ id: newId(), space_id: spaceId, kind, created_at: at }).execute();
  }

  async notices(spaceId: string): Promise<Array<{ kind: string; createdAt: string }>> {
    const rows = await this.db
      .selectFrom('space_notices')
      .select(['kind', 'created_at'])
      .where('space_id', '=', spaceId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ kind: r.kind, createdAt: r.created_at }));
  }

  /** Removes the member; a space with nobody left in it is deleted with everything in it. */
  async removeMember(spaceId: string, accountId: string): Promise<boolean> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const removed = await trx
          .deleteFrom('space_members')
          .where('space_id', '=', spaceId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return false;
        const left = await trx
          .selectFrom('space_members')
          .select('account_id')
          .where('space_id', '=', spaceId)
          .where('role', '=', 'partner')
          .execute();
        if (left.length === 0) await trx.deleteFrom('spaces').where('id', '=', spaceId).execute();
        return left.length === 0 ? 'space deleted' : 'removed';
      })
      .then((outcome) => {
        if (outcome === 'space deleted') this.names.forgetDeleted([`spaces.name:${spaceId}`]);
        return outcome !== false;
      });
  }
}
