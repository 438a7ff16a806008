import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import { UNREADABLE_NAME } from '../../platform/vault/opened-names.js';
import type { Vault } from '../../platform/vault/vault.js';
import { newId } from '../../platform/db/ids.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

export const ACCESS_LOG_KEY = ['therapist_access_log.viewed_at', 'therapist_access_log.id'] as const;
/** A space's therapists, newest first by when they joined. */
export const THERAPIST_KEY = ['space_members.joined_at', 'space_members.account_id'] as const;

export interface TherapistRecord {
  accountId: string;
  displayName: string;
  status: 'active' | 'pending' | 'revoked';
  joinedAt: string;
  consentedBy: string[];
}

export interface AccessLogEntry {
  therapistId: string;
  displayName: string;
  viewedAt: string;
  what: string;
}

/** Therapist memberships, the partners' consents, and the log of what a therapist viewed. */
export class TherapistStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
    private readonly dialect: 'sqlite' | 'postgres' = 'sqlite',
  ) {}

  private therapistsOf(spaceId: string) {
    return this.db
      .selectFrom('space_members')
      .innerJoin('accounts', 'accounts.id', 'space_members.account_id')
      .select(['space_members.account_id', 'space_members.status', 'space_members.joined_at', 'accounts.display_name_enc'])
      .where('space_members.space_id', '=', spaceId)
      .where('space_members.role', '=', 'therapist');
  }

  private async withConsents(
    spaceId: string,
    members: Array<{ account_id: string; status: TherapistRecord['status']; joined_at: string; display_name_enc: string }>,
  ): Promise<TherapistRecord[]> {
    if (members.length === 0) return [];
    const consents = await this.db
      .selectFrom('therapist_consents')
      .select(['therapist_id', 'partner_id'])
      .where('space_id', '=', spaceId)
      .where(
        'therapist_id',
        'in',
        members.map((m) => m.account_id),
      )
      .execute();
    return members.map((m) => ({
      accountId: m.account_id,
      displayName: this.vault.open(m.display_name_enc, BOUND.accountDisplayName.of({ id: m.account_id })) ?? UNREADABLE_NAME,
      status: m.status,
      joinedAt: m.joined_at,
      consentedBy: consents.filter((c) => c.therapist_id === m.account_id).map((c) => c.partner_id),
    }));
  }

  async forSpace(spaceId: string): Promise<TherapistRecord[]> {
    return this.withConsents(spaceId, await this.therapistsOf(spaceId).orderBy('space_members.joined_at').execute());
  }

  /** One page of the space's therapists whose access was not ended, newest first, after `after` (a key of THERAPIST_KEY). */
  async pageForSpace(spaceId: string, after: PageKey | null, size: number): Promise<Page<TherapistRecord>> {
    let q = this.therapistsOf(spaceId).where('space_members.status', '!=', 'revoked');
    if (after) q = q.where(olderThan(THERAPIST_KEY, after));
    const rows = await q
      .orderBy('space_members.joined_at', 'desc')
      .orderBy('space_members.account_id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (m) => [m.joined_at, m.account_id]);
    return { items: await this.withConsents(spaceId, page.items), next: page.next };
  }

  async addConsent(spaceId: string, therapistId: string, partnerId: string, at: string): Promise<void> {
    await this.db
      .insertInto('therapist_consents')
      .values({ space_id: spaceId, therapist_id: therapistId, partner_id: partnerId, consented_at: at })
      .onConflict((oc) => oc.columns(['space_id', 'therapist_id', 'partner_id']).doNothing())
      .execute();
  }

  async setStatus(spaceId: string, therapistId: string, status: 'active' | 'pending' | 'revoked'): Promise<void> {
    await this.db
      .updateTable('space_members')
      .set({ status })
      .where('space_id', '=', spaceId)
      .where('account_id', '=', therapistId)
      .where('role', '=', 'therapist')
      .execute();
  }

  /**
   * Makes a pending therapist active if every current partner of the space has consented, read
   * and written in one transaction. On PostgreSQL the space row is locked as a joining partner
   * locks it (SpaceStore.acceptInvitation), so a partner joining at the same moment is either
   * counted here or puts the therapist back to waiting after; SQLite runs one writer at a time.
   */
  async activateIfEveryPartnerConsented(spaceId: string, therapistId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === 'postgres') await trx.selectFrom('spaces').select('id').where('id', '=', spaceId).forUpdate().execute();
      const waitingFor = await trx
        .selectFrom('space_members as p')
        .select('p.account_id')
        .where('p.space_id', '=', spaceId)
        .where('p.role', '=', 'partner')
        .where('p.status', '=', 'active')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('therapist_consents as c')
                .select('c.partner_id')
                .whereRef('c.space_id', '=', 'p.space_id')
                .whereRef('c.partner_id', '=', 'p.account_id')
                .where('c.therapist_id', '=', therapistId),
            ),
          ),
        )
        .execute();
      if (waitingFor.length > 0) return false;
      const updated = await trx
        .updateTable('space_members')
        .set({ status: 'active' })
        .where('space_id', '=', spaceId)
        .where('account_id', '=', therapistId)
        .where('role', '=', 'therapist')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    });
  }

  async clearConsents(spaceId: string, therapistId: string): Promise<void> {
    await this.db.deleteFrom('therapist_consents').where('space_id', '=', spaceId).where('therapist_id', '=', therapistId).execute();
  }

  async logView(spaceId: string, therapistId: string, what: string, at: string): Promise<void> {
    await this.db
      .insertInto('therapist_access_log')
      .values({ id: newId(), space_id: spaceId, therapist_id: therapistId, viewed_at: at, what })
      .execute();
  }

  /**
   * When one therapist viewed the space, newest first, strictly before `before` (all when null),
   * leaving out the routes in `except`. Times only: for their own session summary.
   */
  async viewTimes(
    spaceId: string,
    therapistId: string,
    except: readonly string[],
    before: string | null,
    limit: number,
  ): Promise<string[]> {
    let q = this.db
      .selectFrom('therapist_access_log')
      .select('viewed_at')
      .where('space_id', '=', spaceId)
      .where('therapist_id', '=', therapistId);
    if (except.length) q = q.where('what', 'not in', [...except]);
    if (before !== null) q = q.where('viewed_at', '<', before);
    const rows = await q.orderBy('viewed_at', 'desc').limit(limit).execute();
    return rows.map((r) => r.viewed_at);
  }

  /** One page of the space's access log, newest first, after `after` (a key of ACCESS_LOG_KEY). */
  async accessLog(spaceId: string, after: PageKey | null, size: number): Promise<Page<AccessLogEntry>> {
    let q = this.db
      .selectFrom('therapist_access_log')
      .innerJoin('accounts', 'accounts.id', 'therapist_access_log.therapist_id')
      .select([
        'therapist_access_log.id',
        'therapist_access_log.therapist_id',
        'therapist_access_log.viewed_at',
        'therapist_access_log.what',
        'accounts.display_name_enc',
      ])
      .where('therapist_access_log.space_id', '=', spaceId);
    if (after) q = q.where(olderThan(ACCESS_LOG_KEY, after));
    const rows = await q
      .orderBy('therapist_access_log.viewed_at', 'desc')
      .orderBy('therapist_access_log.id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.viewed_at, r.id]);
    return {
      next: page.next,
      items: page.items.map((r) => ({
        therapistId: r.therapist_id,
        displayName: this.vault.open(r.display_name_enc, BOUND.accountDisplayName.of({ id: r.therapist_id })) ?? UNREADABLE_NAME,
        viewedAt: r.viewed_at,
        what: r.what,
      })),
    };
  }
}
