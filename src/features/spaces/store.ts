import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Vault } from '../../platform/vault/vault.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import { namesOpenedBy, type NameOpener } from '../../platform/vault/opened-names.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';
import { erasePrivateIn, withdrawOpenProposals } from '../../platform/vault/authored-text.js';
import { handOverToStandIn } from '../../platform/vault/stand-in.js';

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

/**
 * A partner who left the space (migration 0019). `accountDeletedAt` is set when their account was
 * deleted since: `accountId` is then a stand-in's (platform/vault/stand-in.ts) with no name, and
 * the words on what they wrote were removed.
 */
export interface FormerPartner {
  accountId: string;
  /** Their name while their account exists; empty once it was deleted. */
  displayName: string;
  leftAt: string;
  accountDeletedAt: string | null;
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

  /** Whether the account is an active partner in a space with another active partner (one query). */
  async hasPartner(accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('space_members as me')
      .innerJoin('space_members as other', 'other.space_id', 'me.space_id')
      .select('me.space_id')
      .where('me.account_id', '=', accountId)
      .where('me.role', '=', 'partner')
      .where('me.status', '=', 'active')
      .where('other.role', '=', 'partner')
      .where('other.status', '=', 'active')
      .where('other.account_id', '!=', accountId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
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
      if (invitation.role === 'partner') {
        await this.awaitNewPartnersConsent(trx, invitation.spaceId, accountId);
        // A partner who left and comes back is a partner again, no longer one who left.
        await trx.deleteFrom('former_partners').where('space_id', '=', invitation.spaceId).where('account_id', '=', accountId).execute();
      }
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

  async notices(spaceId: string): Promise<Array<{ kind: string; createdAt: string }>> {
    const rows = await this.db
      .selectFrom('space_notices')
      .select(['kind', 'created_at'])
      .where('space_id', '=', spaceId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ kind: r.kind, createdAt: r.created_at }));
  }

  /** The partners who left the space, earliest first: by name while their account exists. */
  async formerPartners(spaceId: string): Promise<FormerPartner[]> {
    const rows = await this.db
      .selectFrom('former_partners')
      .innerJoin('accounts', 'accounts.id', 'former_partners.account_id')
      .select(['former_partners.account_id', 'former_partners.left_at', 'former_partners.account_deleted_at', 'accounts.display_name_enc'])
      .where('former_partners.space_id', '=', spaceId)
      .orderBy('former_partners.left_at')
      .orderBy('former_partners.account_id')
      .execute();
    return rows.map((r) => ({
      accountId: r.account_id,
      displayName:
        r.account_deleted_at === null ? this.names.open(r.display_name_enc, BOUND.accountDisplayName.of({ id: r.account_id })) : '',
      leftAt: r.left_at,
      accountDeletedAt: r.account_deleted_at,
    }));
  }

  /**
   * A partner leaves, in one transaction: what they kept private here is deleted (and their own
   * check-ins, monthly reviews and notifications about this space, which nobody would see again),
   * a proposal of theirs still waiting is withdrawn, and they are recorded as a partner who left.
   * What they shared stays. A space with no partner left in it is deleted with everything in it.
   * A therapist who leaves is only removed.
   */
  async depart(spaceId: string, accountId: string, now: string): Promise<'left' | 'space deleted' | 'not a member'> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const member = await trx
        .selectFrom('space_members')
        .select('role')
        .where('space_id', '=', spaceId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!member) return 'not a member' as const;
      if (member.role === 'partner') {
        await erasePrivateIn(trx, spaceId, accountId);
        await withdrawOpenProposals(trx, spaceId, accountId, now);
        await trx.deleteFrom('checkins').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('monthly_reviews').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('notifications').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
      }
      return this.removeIn(trx, spaceId, accountId, member.role === 'partner' ? now : null);
    });
    if (outcome === 'space deleted') this.names.forgetDeleted([`spaces.name:${spaceId}`]);
    return outcome;
  }

  /**
   * Before an account is deleted: in each space it is (or was) a partner of that lives on, its
   * place in the history goes to a stand-in (platform/vault/stand-in.ts), so the partner who stays
   * keeps every state reached and learns what was removed and when. A space it was the last
   * partner of is deleted; a therapist's place is only removed.
   */
  async handOverBeforeDeletion(accountId: string, now: string): Promise<Array<{ spaceId: string; partnerIds: string[] }>> {
    const handedOver: Array<{ spaceId: string; partnerIds: string[] }> = [];
    const memberships = await this.db
      .selectFrom('space_members')
      .select(['space_id', 'role'])
      .where('account_id', '=', accountId)
      .execute();
    const former = await this.db.selectFrom('former_partners').select('space_id').where('account_id', '=', accountId).execute();
    for (const { space_id: spaceId, role } of memberships) {
      const outcome = await this.db.transaction().execute(async (trx) => {
        const others = await trx
          .selectFrom('space_members')
          .select('account_id')
          .where('space_id', '=', spaceId)
          .where('role', '=', 'partner')
          .where('account_id', '!=', accountId)
          .execute();
        if (role === 'partner' && others.length > 0) {
          await handOverToStandIn(trx, this.vault, { spaceId, accountId, now });
          handedOver.push({ spaceId, partnerIds: others.map((o) => o.account_id) });
          return 'left' as const;
        }
        return this.removeIn(trx, spaceId, accountId, null);
      });
      if (outcome === 'space deleted') this.names.forgetDeleted([`spaces.name:${spaceId}`]);
    }
    for (const { space_id: spaceId } of former) {
      await this.db.transaction().execute((trx) => handOverToStandIn(trx, this.vault, { spaceId, accountId, now }));
    }
    return handedOver;
  }

  /** Removes a member in `trx`; records a partner who left when `leftAt` is given; deletes a space no partner is left in. */
  private async removeIn(
    trx: Transaction<Database>,
    spaceId: string,
    accountId: string,
    leftAt: string | null,
  ): Promise<'left' | 'space deleted' | 'not a member'> {
    const removed = await trx
      .deleteFrom('space_members')
      .where('space_id', '=', spaceId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return 'not a member';
    const left = await trx
      .selectFrom('space_members')
      .select('account_id')
      .where('space_id', '=', spaceId)
      .where('role', '=', 'partner')
      .execute();
    if (left.length === 0) {
      // A stand-in keeps a deleted partner's place in this space only: it goes with the space.
      const standIns = await trx
        .selectFrom('former_partners')
        .select('account_id')
        .where('space_id', '=', spaceId)
        .where('account_deleted_at', 'is not', null)
        .execute();
      for (const { account_id: id } of standIns)
        await trx.deleteFrom('accounts').where('id', '=', id).where('stand_in_since', 'is not', null).execute();
      await trx.deleteFrom('spaces').where('id', '=', spaceId).execute();
      return 'space deleted';
    }
    if (leftAt !== null) {
      await trx.deleteFrom('former_partners').where('space_id', '=', spaceId).where('account_id', '=', accountId).execute();
      await trx
        .insertInto('former_partners')
        .values({ space_id: spaceId, account_id: accountId, left_at: leftAt, account_deleted_at: null })
        .execute();
    }
    return 'left';
  }
}
