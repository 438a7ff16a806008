import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createLimiter } from '../http/rate-limiter.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../../../test/support/databases.js';
import { openStore, SQLITE_FILE_NAME, type Store } from './database.js';
import { isFromDatabase } from './from-database.js';
import { GroupCommitter } from './group-commit.js';
import { isDatabaseUnavailable } from './unavailable.js';
import { thrownBy } from '../../../test/support/thrown.js';

/**
 * Errors of Mend's own database calls are marked as the database's (from-database.ts), so a socket
 * error is an outage when the database raised it and not otherwise (unavailable.test.ts).
 */

/** These tests are about errors, not keys: the limiter's keys go in unhashed. */
const plainKeys = { index: (purpose: string, value: string) => `${purpose}:${value}` };

/** The store's Kysely over this test's own tables. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test writes rows of any table
const anyTables = (store: Store) => store.db as unknown as Kysely<any>;

/** A local port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A local server that closes every connection as soon as it opens. */
async function cutter(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('PostgreSQL out of reach, through the store Mend opens (no server needed)', () => {
  let port: number;
  let store: Store;
  before(async () => {
    port = await closedPort();
    store = openStore({ databaseUrl: `postgres://mend@127.0.0.1:${port}/mend`, dataDir: '/nonexistent' });
  });
  after(() => store.close());

  test('ECONNREFUSED from a query is marked and is an outage; the same from a plain Kysely is not', async () => {
    const error = await thrownBy(() => sql`select 1`.execute(store.db));
    assert.equal((error as { code?: string }).code, 'ECONNREFUSED');
    assert.equal(isFromDatabase(error), true);
    assert.equal(isDatabaseUnavailable(error), true);

    const plain = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ host: '127.0.0.1', port, user: 'mend', database: 'mend' }) }),
    });
    try {
      const unmarked = await thrownBy(() => sql`select 1`.execute(plain));
      assert.equal((unmarked as { code?: string }).code, 'ECONNREFUSED');
      assert.equal(isDatabaseUnavailable(unmarked), false);
    } finally {
      await plain.destroy();
    }
  });

  test('a transaction and a group-committed write meet the same outage', async () => {
    const inTransaction = await thrownBy(() => store.db.transaction().execute((trx) => sql`select 1`.execute(trx)));
    assert.equal(isDatabaseUnavailable(inTransaction), true, inTransaction.message);
    const committer = new GroupCommitter(store.db, 'postgres');
    const grouped = await thrownBy(() => committer.run((db) => sql`select 1`.execute(db)));
    assert.equal(isDatabaseUnavailable(grouped), true, grouped.message);
  });

  test('"Connection terminated unexpectedly" (a server that hangs up) is marked and is an outage', async () => {
    const server = await cutter();
    const cut = openStore({ databaseUrl: `postgres://mend@127.0.0.1:${server.port}/mend`, dataDir: '/nonexistent' });
    try {
      const error = await thrownBy(() => sql`select 1`.execute(cut.db));
      assert.equal(error.message, 'Connection terminated unexpectedly');
      assert.equal(isDatabaseUnavailable(error), true);
    } finally {
      await cut.close();
      await server.close();
    }
  });

  test('the PostgreSQL rate limiter: its failure to start is marked', async () => {
    const error = await thrownBy(() => createLimiter(store, plainKeys, { name: 'test', points: 1, durationSeconds: 60 }));
    assert.equal(isDatabaseUnavailable(error), true, error.message);
  });
});

describe('SQLite through the store Mend opens', () => {
  let database: TestDatabase;
  let store: Store;
  let holder: SQLite.Database;
  before(async () => {
    database = await createTestDatabase('sqlite');
    store = openStore({ databaseUrl: null, dataDir: database.dataDir });
    // No waiting for the lock in this test: busy at once.
    store.sqlite!.pragma('busy_timeout = 0');
    store.sqlite!.exec('create table notes (id integer primary key, body text)');
    holder = new SQLite(`${database.dataDir}/${SQLITE_FILE_NAME}`);
  });
  after(async () => {
    holder.close();
    await store.close();
    await database.drop();
  });

  test('SQLITE_BUSY from a write, alone or group-committed, is an outage', async () => {
    holder.exec('begin immediate');
    try {
      const error = await thrownBy(() => sql`insert into notes (body) values ('a')`.execute(store.db));
      assert.match((error as { code?: string }).code ?? '', /^SQLITE_BUSY/);
      assert.equal(isFromDatabase(error), true);
      assert.equal(isDatabaseUnavailable(error), true);
      const committer = new GroupCommitter(store.db, 'sqlite');
      const grouped = await thrownBy(() => committer.run((db) => sql`insert into notes (body) values ('b')`.execute(db)));
      assert.equal(isDatabaseUnavailable(grouped), true, grouped.message);
    } finally {
      holder.exec('rollback');
    }
  });

  test('a stream that fails is marked too, and a missing table is no outage', async () => {
    const error = await thrownBy(async () => {
      for await (const _ of anyTables(store).selectFrom('no_such_table').selectAll().stream()) void _;
    });
    assert.equal(isFromDatabase(error), true);
    assert.equal(isDatabaseUnavailable(error), false);
  });
});

for (const dialect of DIALECTS) {
  describe(`the marking driver changes nothing that works [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await createTestDatabase(dialect);
      store = openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      await sql`create table notes (id integer primary key, body text)`.execute(store.db);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('queries, transactions and savepoints (and streams on SQLite; Mend gives PostgreSQL no cursor)', async () => {
      await store.db.transaction().execute((trx) => sql`insert into notes (id, body) values (1, 'kept')`.execute(trx));
      await thrownBy(() =>
        store.db.transaction().execute(async (trx) => {
          await sql`insert into notes (id, body) values (2, 'rolled back')`.execute(trx);
          throw new Error('undo');
        }),
      );
      const trx = await store.db.startTransaction().execute();
      await sql`insert into notes (id, body) values (3, 'kept too')`.execute(trx);
      const saved = await trx.savepoint('before_four').execute();
      await sql`insert into notes (id, body) values (4, 'undone')`.execute(saved);
      const rolledBack = await saved.rollbackToSavepoint('before_four').execute();
      await rolledBack.releaseSavepoint('before_four').execute();
      await trx.commit().execute();
      const query = anyTables(store).selectFrom('notes').select('id').orderBy('id');
      const rows: Array<{ id: number }> = [];
      if (dialect === 'sqlite') for await (const row of query.stream(10)) rows.push(row);
      else rows.push(...(await query.execute()));
      assert.deepEqual(
        rows.map((r) => Number(r.id)),
        [1, 3],
      );
    });

    // On SQLite the rate limiter keeps its counters in memory: there is no database call to mark.
    if (dialect === 'postgres')
      test('the rate limiter, on PostgreSQL, marks its failures once its pool is gone', async () => {
        const own = openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
        const limiter = await createLimiter(own, plainKeys, { name: 'test', points: 2, durationSeconds: 60 });
        assert.equal(await limiter.hit('k'), 0);
        // Kysely never used this store's pool (only the limiter did), so its destroy would not end it.
        await own.pgPool!.end();
        // The same plain Error from pg-pool, used directly, is not marked.
        const unmarked = await thrownBy(() => own.pgPool!.query('select 1'));
        assert.equal(isDatabaseUnavailable(unmarked), false, unmarked.message);
        for (const call of [() => limiter.blockedFor('k'), () => limiter.hit('k'), () => limiter.reset('k')]) {
          const error = await thrownBy(call);
          assert.equal(error.message, unmarked.message);
          assert.equal(isDatabaseUnavailable(error), true);
        }
      });
  });
}
