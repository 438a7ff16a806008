import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { directReadOn } from '../../src/platform/db/direct-read.js';
import { reusableQuery } from '../../src/platform/db/reusable-query.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * The reads every request makes run straight on SQLite's one connection (platform/db/direct-read.ts)
 * only when nothing is left open on it: never inside another request's transaction, never in the
 * middle of a stream. PostgreSQL's reads all go through its pool.
 */

interface Tables {
  dr_rows: { key: string; value: string };
}

/** Settles within `ms`, or says it did not (a read that waits for a lock its caller holds never would). */
const within = <T>(ms: number, promise: Promise<T>): Promise<T | 'still waiting'> =>
  Promise.race([promise, sleep(ms).then(() => 'still waiting' as const)]);

for (const dialect of DIALECTS) {
  describe(`reads outside Kysely's driver [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    let store: Store;
    let db: Kysely<Tables>;
    let valueOf: (key: string) => Promise<Array<{ value: string }>>;

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      store = openStore(database);
      db = store.db as unknown as Kysely<Tables>;
      await sql`create table dr_rows (key text primary key, value text not null)`.execute(db);
      await db.insertInto('dr_rows').values({ key: 'kept', value: 'committed' }).execute();
      valueOf = reusableQuery(db, 1, (key: string) => db.selectFrom('dr_rows').select('value').where('key', '=', key));
    });

    after(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    test('only SQLite reads directly', { skip }, () => {
      assert.equal(directReadOn(store.db) !== undefined, dialect === 'sqlite');
    });

    test('a read answers what is committed, like the query built each time', { skip }, async () => {
      assert.deepEqual(await valueOf('kept'), [{ value: 'committed' }]);
      assert.deepEqual(await valueOf('missing'), []);
      assert.deepEqual(await valueOf("' or 1=1 --"), []);
    });

    const onSqlite = dialect === 'sqlite' ? test : () => {};

    onSqlite('SQLite: a read does not wait for Kysely’s connection while nothing is open on it', { skip }, async () => {
      // Kysely's one SQLite connection, held with no transaction open: a read through Kysely's
      // driver would wait for it to be given back, which this caller never does before the read.
      const seen = await db.connection().execute(() => within(2000, valueOf('kept')));
      assert.deepEqual(seen, [{ value: 'committed' }]);
    });

    /** A transaction that writes the row 'open' and stays open until `end` says whether it commits. */
    const heldOpen = (value: string) => {
      let written!: () => void;
      const inserted = new Promise<void>((resolve) => (written = resolve));
      let end!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => (end = resolve));
      const done = db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('dr_rows').values({ key: 'open', value }).execute();
          written();
          if (!(await decided)) throw new Error('rolled back on purpose');
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      return { inserted, end, done };
    };

    /** Reads the row 'open' while a transaction holds it: SQLite's read waits its turn, PostgreSQL's reads what is committed. */
    const readDuring = async (what: string) => {
      const read = valueOf('open');
      const early = await within(300, read);
      assert.ok(early === 'still waiting' || (Array.isArray(early) && early.length === 0), `${what}: ${JSON.stringify(early)}`);
      // Wrapped: an async function returning the promise itself would wait for it.
      return { read };
    };

    test('a read never sees another request’s transaction before it commits, nor after it is rolled back', { skip }, async () => {
      const rolledBack = heldOpen('not committed yet');
      await rolledBack.inserted;
      const duringRollback = (await readDuring('read during the transaction')).read;
      rolledBack.end(false);
      assert.equal(await rolledBack.done, 'rolled back on purpose');
      assert.deepEqual(await duringRollback, [], 'the rolled-back row was read');

      // The same again, committed this time: afterwards the row is there.
      const committed = heldOpen('committed later');
      await committed.inserted;
      const duringCommit = (await readDuring('read before the commit')).read;
      committed.end(true);
      assert.equal(await committed.done, 'committed');
      // SQLite waited for the commit and sees it; PostgreSQL read before it, and sees nothing yet.
      assert.deepEqual(await duringCommit, dialect === 'sqlite' ? [{ value: 'committed later' }] : []);
      assert.deepEqual(await valueOf('open'), [{ value: 'committed later' }]);
    });

    onSqlite('SQLite: a read in the middle of a stream answers at once, what is committed', { skip }, async () => {
      await db
        .insertInto('dr_rows')
        .values(Array.from({ length: 20 }, (_, i) => ({ key: `streamed-${String(i).padStart(2, '0')}`, value: `v${i}` })))
        .execute();
      const streamed: string[] = [];
      let read: Array<{ value: string }> | 'still waiting' | null = null;
      for await (const row of db.selectFrom('dr_rows').select('key').where('key', 'like', 'streamed-%').orderBy('key').stream(1)) {
        streamed.push(row.key);
        // The stream holds Kysely's connection until it ends: through Kysely this read would wait for it.
        if (streamed.length === 1) read = await within(2000, valueOf('streamed-05'));
      }
      assert.equal(streamed.length, 20);
      assert.deepEqual(read, [{ value: 'v5' }]);
    });
  });
}
