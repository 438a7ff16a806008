import type { Kysely } from 'kysely';

/**
 * The hurt partner's own words for what an apology is missing (issue #20), beside the parts they
 * may tick: optional, encrypted (`BOUND.apologyResponseWords`), read by the apology's author and
 * by whoever may read the apology (a therapist both partners invited), never by anyone else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('apology_responses').addColumn('missing_words_enc', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('apology_responses').dropColumn('missing_words_enc').execute();
}
