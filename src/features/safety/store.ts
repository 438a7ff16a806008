import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * What Mend keeps of a safety screening: only when the person last completed one, so it can ask
 * again after four weeks. Never the answers, never whether it was positive.
 */
export class SafetyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async lastCompletedAt(accountId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('safety_checks')
      .select('last_completed_at')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.last_completed_at ?? null;
  }

  async recordCompleted(accountId: string, at: string): Promise<void> {
    await this.db
      .insertInto('safety_checks')
      .values({ account_id: accountId, last_completed_at: at })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ last_completed_at: at }))
      .execute();
  }
}
