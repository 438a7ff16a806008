import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Two small tables for encryption at rest (docs/encryption.md):
 * - `encryption_keys`: the id of every key values in this database were written with, so Mend
 *   can refuse to start with a key ring that lacks one (a missing key file, another server's key,
 *   a backup restored without its key) instead of creating a new key and carrying on. Filled here
 *   from the values already stored; each server adds its current key when it starts.
 * - `data_upgrades`: upgrades of stored data that need the key, so they cannot run here (SQL
 *   only) and run at start-up instead, recorded when finished. The first is `bound-ciphertexts`:
 *   every value re-encrypted with associated data that binds its owner, visibility and parents
 *   (platform/vault/bind-ciphertexts.ts). Its place here also makes an older Mend, which cannot read the
 *   new format, refuse this database.
 */

/** The encrypted columns as of this migration (frozen: later columns record keys as they are written). */
const COLUMNS: ReadonlyArray<[table: string, column: string]> = [
  ['accounts', 'email_enc'],
  ['accounts', 'display_name_enc'],
  ['spaces', 'name_enc'],
  ['breaches', 'description_enc'],
  ['journey_entries', 'text_enc'],
  ['apologies', 'text_enc'],
  ['apologies', 'parts_enc'],
  ['agreements', 'text_enc'],
  ['checkins', 'note_enc'],
  ['reassurance_requests', 'note_enc'],
  ['reassurance_requests', 'answer_enc'],
  ['meetings', 'agenda_enc'],
  ['agreement_log_entries', 'note_enc'],
  ['agreement_log_entries', 'review_note_enc'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('encryption_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('data_upgrades')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  for (const [table, column] of COLUMNS) {
    // The key id is the second dot-separated part of `v1.<keyId>.<iv>.<tag>.<ciphertext>`.
    const value = sql.ref(column);
    const keyId = postgres ? sql`split_part(${value}, '.', 2)` : sql`substr(${value}, 4, instr(substr(${value}, 4), '.') - 1)`;
    await sql`
      insert into encryption_keys (key_id, recorded_at)
      select distinct ${keyId}, ${now} from ${sql.table(table)} as t
      where ${value} is not null and ${keyId} <> ''
        and not exists (select 1 from encryption_keys k where k.key_id = ${keyId})
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_upgrades').execute();
  await db.schema.dropTable('encryption_keys').execute();
}
