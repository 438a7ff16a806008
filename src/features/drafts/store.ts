import type { Kysely } from 'kysely';
import type { DraftParent } from '../../core/drafts/places.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import type { Database } from '../../platform/db/schema.js';
import { olderThan } from '../../platform/db/keyset.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { Vault } from '../../platform/vault/vault.js';
import type { Draft } from './draft.js';

import { DRAFT_KEY } from './cursor-key.js';

type Row = Database['drafts'];

/**
 * Drafts, one per account and place. Every read names the account: there is no way here to read
 * a draft by its place alone, so nobody but its author is ever handed one.
 */
export class DraftStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly vault: Vault,
  ) {}

  /** The draft, or null when there is none or its texts fail their check (it then opens for nobody). */
  private toDraft(row: Row): Draft | null {
    const opened = this.vault.open(row.fields_enc, BOUND.draftFields.of(row));
    if (opened === null) return null;
    let fields: unknown;
    try {
      fields = JSON.parse(opened);
    } catch {
      return null;
    }
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return null;
    const texts = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { place: row.place, spaceId: row.space_id, fields: texts, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async get(accountId: string, place: string): Promise<Draft | null> {
    const row = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('place', '=', place)
      .executeTakeFirst();
    return row ? this.toDraft(row) : null;
  }

  /**
   * Keeps the texts as the account's draft for the place, replacing the one before. Its row keeps
   * its id (the texts are sealed to it): a first write races another only on the unique
   * constraint, and the loser replaces the winner's texts.
   */
  async put(input: {
    id: string;
    accountId: string;
    spaceId: string;
    place: string;
    fields: Record<string, string>;
    now: string;
  }): Promise<Draft> {
    const json = JSON.stringify(input.fields);
    const fresh = { id: input.id, account_id: input.accountId, space_id: input.spaceId, place: input.place };
    const inserted = await this.db
      .insertInto('drafts')
      .values({ ...fresh, fields_enc: this.vault.seal(json, BOUND.draftFields.of(fresh)), created_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.columns(['account_id', 'place']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length > 0)
      return { place: input.place, spaceId: input.spaceId, fields: input.fields, createdAt: input.now, updatedAt: input.now };
    const existing = await this.db
      .selectFrom('drafts')
      .select(['id', 'space_id', 'created_at'])
      .where('account_id', '=', input.accountId)
      .where('place', '=', input.place)
      .executeTakeFirstOrThrow();
    const row = { id: existing.id, account_id: input.accountId, space_id: existing.space_id, place: input.place };
    await this.db
      .updateTable('drafts')
      .set({ fields_enc: this.vault.seal(json, BOUND.draftFields.of(row)), updated_at: input.now })
      .where('id', '=', existing.id)
      .execute();
    return { place: input.place, spaceId: existing.space_id, fields: input.fields, createdAt: existing.created_at, updatedAt: input.now };
  }

  /** Deletes every account's drafts whose place matches `pattern` (SQL LIKE) and that were last kept before `touchedBefore`. */
  async forgetUntouched(pattern: string, touchedBefore: string): Promise<number> {
    const result = await this.db
      .deleteFrom('drafts')
      .where('place', 'like', pattern)
      .where('updated_at', '<', touchedBefore)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Whether there was one. */
  async delete(accountId: string, place: string): Promise<boolean> {
    const deleted = await this.db
      .deleteFrom('drafts')
      .where('account_id', '=', accountId)
      .where('place', '=', place)
      .returning('id')
      .execute();
    return deleted.length > 0;
  }

  /** The account's drafts in one space (a page draws each where its form is). */
  async inSpace(accountId: string, spaceId: string): Promise<Draft[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('space_id', '=', spaceId)
      .execute();
    return rows.flatMap((r) => this.toDraft(r) ?? []);
  }

  /** One page of the account's drafts, newest first. */
  async page(accountId: string, after: PageKey | null, size: number): Promise<Page<Draft>> {
    let query = this.db.selectFrom('drafts').selectAll().where('account_id', '=', accountId);
    if (after) query = query.where(olderThan(DRAFT_KEY, after));
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const page = pageOf(rows, size, (r) => [r.created_at, r.id]);
    return { items: page.items.flatMap((r) => this.toDraft(r) ?? []), next: page.next };
  }

  /** The space the row a place belongs under is in, or null when there is no such row. */
  async spaceOf(parent: DraftParent, id: string): Promise<string | null> {
    const db = this.db;
    const found =
      parent === 'space'
        ? await db.selectFrom('spaces').select('id as space_id').where('id', '=', id).executeTakeFirst()
        : parent === 'journey'
          ? await db.selectFrom('journeys').select('space_id').where('id', '=', id).executeTakeFirst()
          : parent === 'entry'
            ? await db
                .selectFrom('journey_entries')
                .innerJoin('journeys', 'journeys.id', 'journey_entries.journey_id')
                .select('journeys.space_id')
                .where('journey_entries.id', '=', id)
                .executeTakeFirst()
            : parent === 'agreement'
              ? await db.selectFrom('agreements').select('space_id').where('id', '=', id).executeTakeFirst()
              : await db.selectFrom('reassurance_requests').select('space_id').where('id', '=', id).executeTakeFirst();
    return found?.space_id ?? null;
  }
}
