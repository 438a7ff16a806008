// The instance's VAPID keys (issue #18, part 4): made once, at the first start, even when two
// servers start together on one database; the same keys after a restart; the private half sealed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKey, Keyring } from '../../src/platform/vault/index.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { instanceVapidKeys } from '../../src/features/push/index.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

const keyring = new Keyring([{ id: 'kvapid', key: generateKey() }], 'kvapid', generateKey(), 'env');
const now = () => new Date().toISOString();

for (const dialect of DIALECTS) {
  describe(`VAPID keys [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    const stores: Store[] = [];

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      stores.push(openStore(database), openStore(database));
      await migrateToLatest(stores[0]!);
    });

    after(async () => {
      for (const store of stores) await store.close();
      await database?.drop();
    });

    test('two servers starting together make one key pair, and a restart reads the same', { skip }, async () => {
      const vault = openVault(keyring);
      const [first, second] = await Promise.all(stores.map((store) => instanceVapidKeys(store.db, vault, now())));
      assert.ok(first && second);
      assert.deepEqual(first, second, 'both servers sign with the same key');
      assert.match(first.publicKey, /^[A-Za-z0-9_-]{87}$/);
      assert.match(first.privateKey, /^[A-Za-z0-9_-]{43}$/);
      const rows = await stores[0]!.db.selectFrom('vapid_keys').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.ok(!rows[0]!.private_key_enc.includes(first.privateKey), 'the private key is sealed');
      assert.deepEqual(await instanceVapidKeys(stores[1]!.db, vault, now()), first, 'a restart keeps the keys');
    });

    test('a private key moved under another public key does not open', { skip }, async () => {
      const db = stores[0]!.db;
      await db
        .updateTable('vapid_keys')
        .set({ public_key: 'B'.repeat(87) })
        .execute();
      assert.equal(await instanceVapidKeys(db, openVault(keyring), now()), null);
    });
  });
}
