// The instance's VAPID keys (issue #18, part 4): made once, at the first start, even when two
// servers start together on one database; the same keys after a restart; the private half sealed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKey, Keyring } from '../../src/platform/vault/index.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { instanceVapidKeys } from '../../src/features/push/index.js';
import { AccountStore } from '../../src/features/accounts/store.js';
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
      const [firstStart, secondStart] = await Promise.all(stores.map((store) => instanceVapidKeys(store.db, vault, now())));
      const first = firstStart!.keys;
      const second = secondStart!.keys;
      assert.equal(firstStart!.remade || secondStart!.remade, false);
      assert.deepEqual(first, second, 'both servers sign with the same key');
      assert.match(first.publicKey, /^[A-Za-z0-9_-]{87}$/);
      assert.match(first.privateKey, /^[A-Za-z0-9_-]{43}$/);
      const rows = await stores[0]!.db.selectFrom('vapid_keys').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.ok(!rows[0]!.private_key_enc.includes(first.privateKey), 'the private key is sealed');
      assert.deepEqual(await instanceVapidKeys(stores[1]!.db, vault, now()), { keys: first, remade: false }, 'a restart keeps the keys');
    });

    test('a private key that cannot be opened is replaced, once, and the subscriptions made for it go', { skip }, async () => {
      const db = stores[0]!.db;
      const vault = openVault(keyring);
      const before = (await instanceVapidKeys(db, vault, now())).keys;
      const at = now();
      assert.ok(
        await new AccountStore(db, vault).insert({
          id: 'a1',
          email: 'a1@example.org',
          displayName: 'Ada',
          timezone: 'UTC',
          passwordHash: 'x',
          now: at,
        }),
      );
      await db
        .insertInto('sessions')
        .values({ id: 'x1', account_id: 'a1', token_hash: 't1', kind: 'cookie', created_at: at, last_seen_at: at, expires_at: at })
        .execute();
      await db
        .insertInto('push_subscriptions')
        .values({ id: 's1', account_id: 'a1', session_id: 'x1', endpoint_index: 'e1', subscription_enc: 'sealed', created_at: now() })
        .execute();
      // Moved under another public key, the sealed private key no longer opens (it is bound to its public half).
      await db
        .updateTable('vapid_keys')
        .set({ public_key: 'B'.repeat(87) })
        .execute();
      const [one, two] = await Promise.all(stores.map((store) => instanceVapidKeys(store.db, vault, now())));
      assert.deepEqual(one!.keys, two!.keys, 'servers starting together agree on the new pair');
      assert.equal([one!.remade, two!.remade].filter(Boolean).length, 1, 'one of them made it');
      assert.notEqual(one!.keys.publicKey, before.publicKey);
      assert.notEqual(one!.keys.publicKey, 'B'.repeat(87));
      assert.equal((await db.selectFrom('push_subscriptions').selectAll().execute()).length, 0, 'no subscription to the old key is kept');
      assert.deepEqual(await instanceVapidKeys(db, vault, now()), { keys: one!.keys, remade: false });
    });
  });
}
