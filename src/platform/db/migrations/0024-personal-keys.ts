import type { Kysely } from 'kysely';

/**
 * Each person's own key, stored only wrapped (issue #23, docs/encryption.md "Private to its
 * author"): under a key from their password (argon2id with its own salt, apart from the password
 * hash), under their recovery code, and — in `sessions.personal_key_wrap` — under each live
 * session's token. `recovery_code_sealed` is the code itself sealed under the personal key, so it can
 * be shown again to its owner after their password; `recovery_shown_at` is null until its owner has
said they kept it (until then it is shown without asking for the password). `resealed_at` is null until every private text
 * the person wrote before the key existed has been sealed again under it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('personal_keys')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('by_password', 'text', (c) => c.notNull())
    .addColumn('password_salt', 'text', (c) => c.notNull())
    .addColumn('password_cost', 'text', (c) => c.notNull())
    .addColumn('by_recovery', 'text', (c) => c.notNull())
    .addColumn('recovery_code_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resealed_at', 'text')
    .addColumn('recovery_shown_at', 'text')
    .execute();
  await db.schema.alterTable('sessions').addColumn('personal_key_wrap', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('personal_key_wrap').execute();
  await db.schema.dropTable('personal_keys').execute();
}
