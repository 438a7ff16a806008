import type { Kysely } from 'kysely';

/**
 * When a breach came out (issue #20): a calendar date (`YYYY-MM-DD`) or only a month (`YYYY-MM`),
 * optional. The time in a journey counts from it (core/journey/journey-clock.ts), else from when
 * it happened (`occurred_on`), else from when it was recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('breaches').addColumn('came_out_on', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('breaches').dropColumn('came_out_on').execute();
}
