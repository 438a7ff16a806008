import type { Kysely } from 'kysely';

/**
 * Two choices each person makes for themselves (issue #14):
 * - `checkin_numbers_shared`: whether the partner (and a therapist) sees this person's check-in
 *   numbers or only that they checked in. Null means "not asked yet", and is read as *not shared*:
 *   nothing a person has not chosen to share is shown (the first check-in asks). Existing accounts
 *   start at null too, so a partner stops seeing numbers until their owner chooses.
 * - `quick_exit_signs_out`: Quick exit ends the session before leaving; on unless turned off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('checkin_numbers_shared', 'integer').execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('quick_exit_signs_out', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('quick_exit_signs_out').execute();
  await db.schema.alterTable('accounts').dropColumn('checkin_numbers_shared').execute();
}
