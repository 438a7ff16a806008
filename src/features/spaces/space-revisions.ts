import type { Kysely } from 'kysely';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { Database } from '../../platform/db/schema.js';
import type { MemberRole, MemberStatus } from './store.js';

/** The table of migration 0005; only this module reads it (the database's triggers write it). */
export interface SpaceRevisionTables {
  space_revisions: { space_id: string; revision: number };
}

export interface MemberRevision {
  role: MemberRole;
  status: MemberStatus;
  /** Raised by the database on every change that progress is drawn from; null only if the row is missing. */
  revision: number | null;
}

/** Reads the per-space revision that migration 0005's triggers keep. */
export class SpaceRevisionStore {
  private readonly db: Kysely<Database & SpaceRevisionTables>;

  /** Every progress request runs it: compiled once (reusable-query.ts). */
  private readonly memberRevision;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<Database & SpaceRevisionTables>;
    this.memberRevision = reusableQuery(this.db, 2, (spaceId: string, accountId: string) =>
      this.db
        .selectFrom('space_members')
        .leftJoin('space_revisions', 'space_revisions.space_id', 'space_members.space_id')
        .select(['space_members.role', 'space_members.status', 'space_revisions.revision'])
        .where('space_members.space_id', '=', spaceId)
        .where('space_members.account_id', '=', accountId),
    );
  }

  /** One indexed read: the caller's membership of the space and the space's revision. */
  async forMember(spaceId: string, accountId: string): Promise<MemberRevision | null> {
    const [row] = await this.memberRevision(spaceId, accountId);
    if (!row) return null;
    return { role: row.role, status: row.status, revision: row.revision === null ? null : Number(row.revision) };
  }

  async revision(spaceId: string): Promise<number | null> {
    const row = await this.db.selectFrom('space_revisions').select('revision').where('space_id', '=', spaceId).executeTakeFirst();
    return row ? Number(row.revision) : null;
  }
}

/**
 * Raises the revision of every space the account belongs to, on `db` (the transaction that made
 * the change). For a change no trigger of migration 0005 sees but progress is drawn from: the
 * account's choice whether its check-in numbers are shared, so no view kept from before the
 * choice is served after it.
 */
export async function raiseRevisionsOf(db: Kysely<Database>, accountId: string): Promise<void> {
  await (db as unknown as Kysely<Database & SpaceRevisionTables>)
    .updateTable('space_revisions')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('space_id', 'in', (eb) => eb.selectFrom('space_members').select('space_id').where('account_id', '=', accountId))
    .execute();
}
