import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { BOUND } from '../../platform/vault/bound-fields.js';
import type { Vault } from '../../platform/vault/vault.js';
import { newVapidKeys, type VapidKeys } from '../../platform/push/vapid.js';

const ID = 'vapid';

/** The instance's VAPID keys, and whether they were just made again (the operator is told). */
export interface InstanceVapidKeys {
  keys: VapidKeys;
  remade: boolean;
}

/**
 * The instance's VAPID key pair, kept with its data so every server and every restart signs pushes
 * with the same key (browsers subscribed with its public half). Made at the first start: each
 * server starting offers a new pair and the primary key keeps exactly one, which all then read.
 * When the private key cannot be opened (the key it was sealed with is gone, or the row was
 * altered) a new pair replaces it — only if the row is still the unreadable one, so servers
 * starting together agree — and every subscription goes with the old pair: browsers subscribed to
 * its public half, so no push to them could be signed again. People turn push on again.
 */
export async function instanceVapidKeys(db: Kysely<Database>, vault: Vault, now: string): Promise<InstanceVapidKeys> {
  const read = () => db.selectFrom('vapid_keys').selectAll().where('id', '=', ID).executeTakeFirst();
  let row = await read();
  if (!row) {
    await offer(db, vault, now);
    row = await read();
  }
  if (!row) throw new Error('The VAPID keys were neither found nor made.');
  let remade = false;
  let privateKey = vault.open(row.private_key_enc, BOUND.vapidPrivateKey.of(row));
  if (privateKey === null) {
    const unreadable = row.private_key_enc;
    await db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('vapid_keys').where('id', '=', ID).where('private_key_enc', '=', unreadable).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return;
      await trx.deleteFrom('push_subscriptions').execute();
      await offer(trx, vault, now);
      remade = true;
    });
    row = await read();
    if (!row) throw new Error('The VAPID keys were neither found nor made.');
    privateKey = vault.open(row.private_key_enc, BOUND.vapidPrivateKey.of(row));
    if (privateKey === null) throw new Error('The VAPID keys made again cannot be opened with this key ring.');
  }
  return { keys: { publicKey: row.public_key, privateKey }, remade };
}

async function offer(db: Kysely<Database>, vault: Vault, now: string): Promise<void> {
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
}
