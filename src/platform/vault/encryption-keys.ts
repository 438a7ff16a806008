import { sql, type Kysely } from 'kysely';
import { BOUND_FIELDS } from './bound-fields.js';
import type { Database } from '../db/schema.js';

/**
 * The key ids the database holds values under (table `encryption_keys`, migration 0011). A
 * recorded id that `known` does not include is checked against the values themselves before it
 * counts: a key nothing uses any more (everything re-encrypted by `mend rotate-key`, or a key
 * recorded by a server that never wrote) is forgotten instead of blocking start-up.
 */
export async function keyIdsInUse(db: Kysely<Database>, known: (keyId: string) => boolean): Promise<string[]> {
  const recorded = await recordedKeyIds(db);
  const inUse: string[] = [];
  for (const keyId of recorded) {
    if (known(keyId) || (await anyValueUnder(db, keyId))) inUse.push(keyId);
    else await db.deleteFrom('encryption_keys').where('key_id', '=', keyId).execute();
  }
  return inUse;
}

export async function recordedKeyIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('encryption_keys').select('key_id').orderBy('key_id').execute();
  return rows.map((r) => r.key_id);
}

/** Records that values are (about to be) written with this key. */
export async function recordKeyId(db: Kysely<Database>, keyId: string, now: string): Promise<void> {
  await db
    .insertInto('encryption_keys')
    .values({ key_id: keyId, recorded_at: now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

/**
 * Values the instance writes for itself at its first start and makes again when they cannot be
 * opened (the VAPID key pair): nobody's writing is lost with them, so they never make a key count
 * as in use — a key lost before anyone wrote anything must not stop a new one being made.
 */
const REMADE_WHEN_UNREADABLE = new Set(['vapid_keys']);

/** Whether any encrypted column holds a value written with this key (a scan; only on the unusual path). */
async function anyValueUnder(db: Kysely<Database>, keyId: string): Promise<boolean> {
  const prefixes = [`v1.${keyId}.`, `v2.${keyId}.`];
  const length = prefixes[0]!.length;
  for (const field of BOUND_FIELDS) {
    if (REMADE_WHEN_UNREADABLE.has(field.table)) continue;
    const column = sql.ref(`${field.column}_enc`);
    const { rows } =
      await sql`select 1 as found from ${sql.table(field.table)} where substr(${column}, 1, ${length}) in (${sql.join(prefixes)}) limit 1`.execute(
        db,
      );
    if (rows.length > 0) return true;
  }
  return false;
}
