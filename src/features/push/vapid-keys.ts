import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { Vault } from '../../platform/vault/vault.js';
import { newVapidKeys, type VapidKeys } from '../../platform/push/vapid.js';

const ID = 'vapid';

/**
 * The instance's VAPID key pair, kept with its data so every server and every restart signs pushes
 * with the same key (browsers subscribed with its public half). Made at the first start: each
 * server starting offers a new pair and the primary key keeps exactly one, which all then read.
 * Null when the private key cannot be opened (kept under a key this server lacks): push is then
 * unavailable, and the operator is told by the caller.
 */
export async function instanceVapidKeys(db: Kysely<Database>, vault: Vault, now: string): Promise<VapidKeys | null> {
  const read = () => db.selectFrom('vapid_keys').selectAll().where('id', '=', ID).executeTakeFirst();
  let row = await read();
  if (!row) {
    const offered = newVapidKeys();
    await db
      .insertInto('vapid_keys')
      .values({
        id: ID,
        public_key: offered.publicKey,
        private_key_enc: vault.seal(offered.privateKey, BOUND.vapidPrivateKey.of({ id: ID, public_key: offered.publicKey })),
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await read();
    if (!row) throw new Error('The VAPID keys were neither found nor made.');
  }
  const privateKey = vault.open(row.private_key_enc, BOUND.vapidPrivateKey.of(row));
  return privateKey === null ? null : { publicKey: row.public_key, privateKey };
}
