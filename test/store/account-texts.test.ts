import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { AccountStore } from '../../src/features/accounts/store.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { openVault } from '../../src/platform/vault/open-vault.js';
import { loadKeyring } from '../../src/platform/vault/index.js';
import { UNREADABLE_NAME } from '../../src/platform/vault/opened-names.js';
import { SpaceStore } from '../../src/features/spaces/store.js';
import type { Vault } from '../../src/platform/vault/vault.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * Account emails and names, and space names, are opened once per stored value and remembered,
 * shared by every store made with the same vault; a signed-in request's account opens them only
 * when read; a space is read in one go by an active member, and nothing is opened for anyone
 * else; a deleted account's or space's names are never kept again. The real vault and database,
 * with a count of the vault's opens to see what was remembered.
 */
for (const dialect of DIALECTS) {
  describe(`account texts [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    let store: Store;
    let accounts: AccountStore;
    let spaces: SpaceStore;
    let opens = 0;
    let counter = 0;

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      store = openStore(database);
      await migrateToLatest(store, { backupDir: `${database.dataDir}/backups` });
      const vault = openVault(loadKeyring({ dataDir: database.dataDir }));
      const counting: Vault = { ...vault, open: (stored, context) => (opens++, vault.open(stored, context)) };
      accounts = new AccountStore(store.db, counting);
      spaces = new SpaceStore(store.db, counting, dialect);
    });
    after(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    const add = async (displayName: string) => {
      counter += 1;
      const id = `acct-${process.pid}-${counter}`;
      assert.ok(
        await accounts.insert({
          id,
          email: `${id}@example.org`,
          displayName,
          timezone: 'UTC',
          passwordHash: 'x',
          now: new Date().toISOString(),
        }),
      );
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
      await sql`update accounts set display_name_enc = (select display_name_enc from accounts where id = ${a}) where id = ${b}`.execute(
        store.db,
      );
      assert.equal((await accounts.byId(b))?.displayName, UNREADABLE_NAME, 'shown as unreadable, never as the other account’s name');
      assert.equal((await accounts.byId(a))?.displayName, 'Quinn');
    });

    test('a signed-in account opens its email and name only when they are read', { skip }, async () => {
      const id = await add('Emery');
      const row = await store.db
        .selectFrom('accounts')
        .select([
          'id',
          'email_enc',
          'display_name_enc',
          'timezone',
          'country',
          'checkin_numbers_shared',
          'quick_exit_signs_out',
          'created_at',
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      opens = 0;
      const account = accounts.fromFacts(row);
      assert.equal(account.timezone, 'UTC');
      assert.equal(opens, 0);
      assert.equal(account.displayName, 'Emery');
      assert.equal(account.displayName, 'Emery');
      assert.equal(opens, 1);
      // Spread and JSON see plain values (the getters are the object's own).
      assert.deepEqual(
        { ...account },
        {
          id,
          email: `${id}@example.org`,
          displayName: 'Emery',
          timezone: 'UTC',
          country: null,
          checkinNumbersShared: null,
          quickExitSignsOut: true,
          createdAt: row.created_at,
        },
      );
      assert.equal(JSON.parse(JSON.stringify(account)).email, `${id}@example.org`);
    });

    const now = () => new Date().toISOString();
    const member = (spaceId: string, accountId: string, role: 'partner' | 'therapist', status: 'active' | 'pending' | 'revoked') =>
      store.db.insertInto('space_members').values({ space_id: spaceId, account_id: accountId, role, status, joined_at: now() }).execute();
    const space = async (name: string, creatorId: string) => {
      const id = `space-${process.pid}-${++counter}`;
      await spaces.create({ id, name, creatorId, now: now() });
      return id;
    };

    test('an active member reads the space with every member in one go, as byId does; names are opened once', { skip }, async () => {
      const [ada, ben, tess] = [await add('Ada'), await add('Ben'), await add('Tess')];
      const id = await space('Ada and Ben', ada);
      await member(id, ben, 'partner', 'active');
      await member(id, tess, 'therapist', 'pending');
      opens = 0;
      const seen = await spaces.forActiveMember(id, ben);
      assert.deepEqual(seen, await spaces.byId(id));
      assert.equal(seen?.name, 'Ada and Ben');
      assert.deepEqual(
        seen?.members.map((m) => [m.displayName, m.role, m.status]),
        [
          ['Ada', 'partner', 'active'],
          ['Ben', 'partner', 'active'],
          ['Tess', 'therapist', 'pending'],
        ],
      );
      assert.equal(opens, 4, 'the space name and three member names, once');
      await spaces.forActiveMember(id, ada);
      assert.deepEqual((await accounts.displayNames([ada, ben])).get(ben), 'Ben');
      assert.equal(opens, 4, 'remembered, and shared with the account store');
    });

    test('a stranger, a pending or revoked member, or a space that does not exist: null, and nothing is opened', { skip }, async () => {
      const [ada, ben, tess, kim] = [await add('Ada'), await add('Ben'), await add('Tess'), await add('Kim')];
      const id = await space('Ours', ada);
      await member(id, ben, 'partner', 'revoked');
      await member(id, tess, 'therapist', 'pending');
      opens = 0;
      for (const who of [ben, tess, kim]) assert.equal(await spaces.forActiveMember(id, who), null);
      assert.equal(await spaces.forActiveMember('no-such-space', ada), null);
      assert.equal(opens, 0);
      assert.equal((await spaces.forActiveMember(id, ada))?.name, 'Ours');
    });

    test('a name read just before its account was deleted is opened but not kept; a changed name is dropped', { skip }, async () => {
      const ada = await add('Ada');
      const facts = () =>
        store.db
          .selectFrom('accounts')
          .select([
            'id',
            'email_enc',
            'display_name_enc',
            'timezone',
            'country',
            'checkin_numbers_shared',
            'quick_exit_signs_out',
            'created_at',
          ])
          .where('id', '=', ada)
          .executeTakeFirstOrThrow();
      const before = await facts();
      assert.equal(accounts.fromFacts(before).displayName, 'Ada');

      await accounts.updateSettings(ada, { displayName: 'Ada L.', timezone: 'UTC', country: null }, now());
      opens = 0;
      assert.equal(accounts.fromFacts(before).displayName, 'Ada', 'the old value is opened again: its plaintext was dropped');
      assert.equal(opens, 1);
      assert.equal(accounts.fromFacts(await facts()).displayName, 'Ada L.');

      // A request that read the account before its deletion reads its name after it.
      const late = await facts();
      await accounts.delete(ada);
      opens = 0;
      assert.equal(accounts.fromFacts(late).displayName, 'Ada L.');
      assert.equal(accounts.fromFacts(late).displayName, 'Ada L.');
      assert.equal(opens, 2, 'opened each time, never kept after the deletion');
    });

    test(
      "a deleted account's and a deleted space's names are opened afresh if the same stored value ever came back",
      { skip },
      async () => {
        const ada = await add('Ada');
        const id = await space('Only Ada', ada);
        assert.equal((await spaces.forActiveMember(id, ada))?.name, 'Only Ada');
        const accountRow = await store.db.selectFrom('accounts').selectAll().where('id', '=', ada).executeTakeFirstOrThrow();
        const spaceRow = await store.db.selectFrom('spaces').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

        assert.equal(await spaces.depart(id, ada, now()), 'space deleted', 'the last partner leaves: the space is deleted');
        await accounts.delete(ada);
        assert.equal(await store.db.selectFrom('spaces').select('id').where('id', '=', id).executeTakeFirst(), undefined);

        // Put the very same sealed values back: had the plaintext been kept, nothing would be opened.
        await store.db.insertInto('accounts').values(accountRow).execute();
        await store.db.insertInto('spaces').values(spaceRow).execute();
        await member(id, ada, 'partner', 'active');
        opens = 0;
        assert.equal((await spaces.forActiveMember(id, ada))?.name, 'Only Ada');
        assert.equal(opens, 2, 'the space name and the account name were opened again');
      },
    );
  });
}
