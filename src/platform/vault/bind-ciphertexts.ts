import { boundAad, isCurrentFormat, reencrypt, type Keyring } from './index.js';
import { reencryptAll, type UnreadableValue } from './reencrypt.js';
import type { Database } from '../db/schema.js';
import type { Kysely } from 'kysely';

export const BIND_UPGRADE = 'bound-ciphertexts';

export interface BindReport {
  /** False when the upgrade had finished before (nothing was read). */
  ran: boolean;
  rebound: number;
  /** Old values that failed their check: left as they were, so shown to nobody. */
  unreadable: UnreadableValue[];
}

/**
 * The start-up step of migration 0011: every value written before Mend bound values to their
 * owner, visibility and parents (format `v1`, sealed with its place only) is opened with its old
 * context and sealed again under its binding (`v2`). It needs the key, so it cannot be a SQL
 * migration; it runs after the key check and before the server answers, and is recorded in
 * `data_upgrades` when finished, so later starts skip it. Interrupted, it simply runs again:
 * only `v1` values are read, in batches (reencrypt.ts), and each row is written only if it
 * still holds what was read.
 *
 * A value bound now is bound to its row as it is at this moment: a row tampered with before the
 * upgrade cannot be told apart (docs/encryption.md).
 */
export async function bindCiphertexts(db: Kysely<Database>, keyring: Keyring, now: () => string, batchSize?: number): Promise<BindReport> {
  const done = await db.selectFrom('data_upgrades').select('name').where('name', '=', BIND_UPGRADE).executeTakeFirst();
  if (done) return { ran: false, rebound: 0, unreadable: [] };
  const result = await reencryptAll(
    db,
    (stored, binding, placeContext) => (isCurrentFormat(stored) ? null : reencrypt(keyring, stored, boundAad(binding), placeContext)),
    { onlyFormatV1: true, ...(batchSize ? { batchSize } : {}) },
  );
  await db
    .insertInto('data_upgrades')
    .values({ name: BIND_UPGRADE, finished_at: now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return { ran: true, rebound: result.rewritten, unreadable: result.unreadable };
}
