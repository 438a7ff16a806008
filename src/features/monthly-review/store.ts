import type { Kysely } from 'kysely';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { Database } from '../../platform/db/schema.js';

export interface StoredReview {
  accountId: string;
  month: string;
  communicate: number;
  closer: number;
  respect: number;
  updatedAt: string;
}

/** Monthly progress reviews: three ratings 1–5 per partner per month; no free text. */
export class ReviewStore {
  /** Every cold progress view reads them: compiled once (reusable-query.ts). */
  private readonly ofSpace;

  constructor(private readonly db: Kysely<Database>) {
    this.ofSpace = reusableQuery(db, 1, (spaceId: string) =>
      db
        .selectFrom('monthly_reviews')
        .select(['account_id', 'month', 'communicate', 'closer', 'respect', 'updated_at'])
        .where('space_id', '=', spaceId)
        .orderBy('month'),
    );
  }

  async upsert(input: {
    id: string;
    spaceId: string;
    accountId: string;
    month: string;
    communicate: number;
    closer: number;
    respect: number;
    now: string;
  }): Promise<boolean> {
    const existing = await this.db
      .selectFrom('monthly_reviews')
      .select('id')
      .where('space_id', '=', input.spaceId)
      .where('account_id', '=', input.accountId)
      .where('month', '=', input.month)
      .executeTakeFirst();
    const values = { communicate: input.communicate, closer: input.closer, respect: input.respect, updated_at: input.now };
    if (existing) {
      await this.db.updateTable('monthly_reviews').set(values).where('id', '=', existing.id).execute();
      return false;
    }
    await this.db
      .insertInto('monthly_reviews')
      .values({ id: input.id, space_id: input.spaceId, account_id: input.accountId, month: input.month, created_at: input.now, ...values })
      .execute();
    return true;
  }

  async list(spaceId: string): Promise<StoredReview[]> {
    const rows = await this.ofSpace(spaceId);
    return rows.map((r) => ({
      accountId: r.account_id,
      month: r.month,
      communicate: r.communicate,
      closer: r.closer,
      respect: r.respect,
      updatedAt: r.updated_at,
    }));
  }
}
