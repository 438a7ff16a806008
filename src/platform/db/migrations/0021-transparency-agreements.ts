import type { Kysely } from 'kysely';

/**
 * Transparency agreements (issue #20): after cheating, step 3 offers agreements to tell the other
 * partner something, with both partners' consent, for a limited time (core/journey/agreements.ts).
 * `agreements.transparency` is 1 for one, 0 for every other agreement; its `review_on` is then its end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('agreements')
    .addColumn('transparency', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agreements').dropColumn('transparency').execute();
}
