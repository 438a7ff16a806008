import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { AccountStore } from '../../src/store/accounts.js';
import { openStore, type Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { openVault } from '../../src/store/open-vault.js';
import type { Vault } from '../../src/store/vault.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * Account emails and names are opened once per stored value and remembered; a signed-in
 * request's account opens them only when read. The real vault and database, with a count of the
 * vault's opens to see what was remembered.
 */
for (const dialect of DIALECTS) {
  describe(`account texts [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    let store: Store;
    let accounts: AccountStore;
    let opens = 0;
    let counter = 0;

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      store = openStore(database);
      await migrateToLatest(store, { backupDir: `${database.dataDir}/backups` });
      const vault = openVault({ dataDir: database.dataDir, encryptionKey: null, indexKey: null });
      const counting: Vault = { ...vault, open: (stored, context) => (opens++, vault.open(stored, context)) };
      accounts = new AccountStore(store.db, counting);
    });
    after(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    const add = async (displayName: string) => {
      counter += 1;
      const id = `acct-${process.pid}-${counter}`;
      assert.ok(await accounts.insert({ id, email: `${id}@example.org`, displayName, timezone: 'UTC', passwordHash: 'x', now: new Date().toISOString() }));
      return id;
    };

    test('a stored value is opened once; a changed one is opened afresh', { skip }, async () => {
      const id = await add('Rowan');
      opens = 0;
      assert.equal((await accounts.byId(id))?.displayName, 'Rowan');
      assert.equal(opens, 2, 'email and name opened');
      assert.equal((await accounts.byId(id))?.displayName, 'Rowan');
      assert.deepEqual(await accounts.displayNames([id]), new Map([[id, 'Rowan']]));
      assert.equal(opens, 2, 'remembered');

      await accounts.updateSettings(id, { displayName: 'Rowan M.', timezone: 'UTC', country: null }, new Date().toISOString());
      assert.equal((await accounts.byId(id))?.displayName, 'Rowan M.');
      assert.equal(opens, 3, 'only the changed name was opened again');
    });

    test('a value copied into another account’s row is refused, even though its plaintext is remembered', { skip }, async () => {
      const a = await add('Quinn');
      const b = await add('Harper');
      assert.equal((await accounts.byId(a))?.displayName, 'Quinn');
      await sql`update accounts set display_name_enc = (select display_name_enc from accounts where id = ${a}) where id = ${b}`.execute(store.db);
      await assert.rejects(accounts.byId(b));
      assert.equal((await accounts.byId(a))?.displayName, 'Quinn');
    });

    test('a signed-in account opens its email and name only when they are read', { skip }, async () => {
      const id = await add('Emery');
      const row = await store.db.selectFrom('accounts').select(['id', 'email_enc', 'display_name_enc', 'timezone', 'country', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
      opens = 0;
      const account = accounts.fromFacts(row);
      assert.equal(account.timezone, 'UTC');
      assert.equal(opens, 0);
      assert.equal(account.displayName, 'Emery');
      assert.equal(account.displayName, 'Emery');
      assert.equal(opens, 1);
      // Spread and JSON see plain values (the getters are the object's own).
      assert.deepEqual({ ...account }, { id, email: `${id}@example.org`, displayName: 'Emery', timezone: 'UTC', country: null, createdAt: row.created_at });
      assert.equal(JSON.parse(JSON.stringify(account)).email, `${id}@example.org`);
    });
  });
}
