import type { Kysely } from 'kysely';

/**
 * When the operator disabled an account (`mend accounts disable`, issue #21): null while it may
 * sign in. A disabled account keeps everything it wrote; it cannot sign in and has no sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('disabled_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('disabled_at').execute();
}
