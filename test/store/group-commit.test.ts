import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { GroupCommitter } from '../../src/platform/db/group-commit.js';
import type { Database } from '../../src/platform/db/schema.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * The group committer on a real SQLite file (and PostgreSQL, where every unit is its own
 * transaction). Units write to a test table with plain SQL; a second, independent connection
 * tells what is committed.
 */

const put = (key: string, value: string) => (db: Kysely<Database>) =>
  sql`insert into gc_rows (key, value) values (${key}, ${value}) on conflict (key) do update set value = excluded.value`
    .execute(db)
    .then(() => key);

const failing = (key: string) => async (db: Kysely<Database>) => {
  await put(key, 'written before the failure')(db);
  throw new Error(`unit ${key} gave up`);
};

for (const dialect of DIALECTS) {
  describe(`group commit [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    let store: Store;
    /** Reads what is committed, on its own connection. */
    let committed: (key: string) => Promise<string | null>;
    let count: () => Promise<number>;
    let closeReader: () => Promise<void> = async () => {};

    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      store = openStore(database);
      await sql`create table gc_rows (key text primary key, value text not null)`.execute(store.db);
      await sql`create table gc_parents (id text primary key)`.execute(store.db);
      await sql`create table gc_children (id text primary key, parent_id text references gc_parents(id) deferrable initially deferred)`.execute(
        store.db,
      );
      if (dialect === 'sqlite') {
        const reader = new SQLite(store.sqliteFile!, { readonly: true });
        committed = async (key) =>
          (reader.prepare('select value from gc_rows where key = ?').get(key) as { value: string } | undefined)?.value ?? null;
        count = async () => (reader.prepare('select count(*) as n from gc_rows').get() as { n: number }).n;
        closeReader = async () => {
          reader.close();
        };
      } else {
        const reader = new pg.Client({ connectionString: database.databaseUrl! });
        await reader.connect();
        committed = async (key) =>
          ((await reader.query('select value from gc_rows where key = $1', [key])).rows[0] as { value: string } | undefined)?.value ?? null;
        count = async () => Number((await reader.query('select count(*) as n from gc_rows')).rows[0].n);
        closeReader = () => reader.end();
      }
    });
    after(async () => {
      if (skip) return;
      await closeReader();
      await store.close();
      await database.drop();
    });

    test('nothing is lost under a burst: N units give N rows', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect);
      const before = await count();
      const keys = Array.from({ length: 300 }, (_, i) => `burst-${i}`);
      const done = await Promise.all(keys.map((k) => writes.run(put(k, `v-${k}`))));
      assert.deepEqual(done, keys, 'every caller gets its own result');
      assert.equal((await count()) - before, 300);
      for (const k of keys) assert.equal(await committed(k), `v-${k}`);
      const stats = writes.stats();
      assert.equal(stats.units, 300);
      if (dialect === 'sqlite') {
        // Submitted in one turn of the event loop: 128 + 128 + 44 units, three commits.
        assert.equal(stats.commits, 3);
        assert.equal(stats.largestBatch, 128);
      } else {
        assert.equal(stats.commits, 300, 'PostgreSQL: one ordinary transaction per unit');
      }
    });

    test('with batching off (the benchmark baseline), every unit commits on its own', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect, { batching: false });
      await Promise.all(Array.from({ length: 20 }, (_, i) => writes.run(put(`alone-${i}`, 'x'))));
      assert.equal(writes.stats().commits, 20);
      for (let i = 0; i < 20; i++) assert.equal(await committed(`alone-${i}`), 'x');
    });

    test('a failing unit rejects only its caller; the others commit and its own writes are undone', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect);
      const results = await Promise.allSettled([
        writes.run(put('fail-a', 'a')),
        writes.run(failing('fail-b')),
        writes.run(put('fail-c', 'c')),
        // A database error, not only a thrown one: a row that breaks the NOT NULL constraint.
        writes.run((db) => sql`insert into gc_rows (key, value) values (${'fail-d'}, ${null})`.execute(db)),
        writes.run(put('fail-e', 'e')),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
      );
      assert.match(String((results[1] as PromiseRejectedResult).reason), /unit fail-b gave up/);
      assert.equal(await committed('fail-a'), 'a');
      assert.equal(await committed('fail-b'), null, 'the failed unit wrote before throwing; that write is rolled back');
      assert.equal(await committed('fail-c'), 'c');
      assert.equal(await committed('fail-d'), null);
      assert.equal(await committed('fail-e'), 'e');
      if (dialect === 'sqlite') assert.equal(writes.stats().commits, 1, 'all five shared one transaction');
    });

    test('a caller is answered only once its data is committed (seen from an independent connection)', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect);
      const seenInside: Array<string | null> = [];
      const keys = Array.from({ length: 20 }, (_, i) => `durable-${i}`);
      const checks = keys.map((k, i) =>
        writes
          .run(async (db) => {
            await put(k, 'here')(db);
            // Inside the batch, the previous unit's row is written but not yet committed.
            if (i > 0) seenInside.push(await committed(keys[i - 1]!));
          })
          .then(() => committed(k)),
      );
      assert.deepEqual(
        await Promise.all(checks),
        keys.map(() => 'here'),
      );
      if (dialect === 'sqlite') {
        assert.deepEqual(
          seenInside,
          keys.slice(1).map(() => null),
          'nothing is visible outside before the one COMMIT',
        );
      }
    });

    test('two writes to the same row keep their order: the later wins', { skip }, async () => {
      for (const batching of [true, false]) {
        const writes = new GroupCommitter(store.db, dialect, { batching });
        const key = `order-${batching}`;
        const all = [];
        for (let i = 0; i < 10; i++) all.push(writes.run(put(key, `v${i}`), key));
        await Promise.all(all);
        assert.equal(await committed(key), 'v9', `batching ${batching}`);
      }
    });

    test('a failed COMMIT rejects everyone in the batch and stores nothing of it', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect);
      // A deferred foreign key is checked at COMMIT: the dangling child makes that COMMIT fail.
      const orphan = (db: Kysely<Database>) =>
        sql`insert into gc_children (id, parent_id) values (${'orphan'}, ${'no-such-parent'})`.execute(db);
      const results = await Promise.allSettled([writes.run(put('commit-a', 'a')), writes.run(orphan), writes.run(put('commit-c', 'c'))]);
      if (dialect === 'sqlite') {
        assert.deepEqual(
          results.map((r) => r.status),
          ['rejected', 'rejected', 'rejected'],
        );
        for (const r of results) assert.match(String((r as PromiseRejectedResult).reason), /FOREIGN KEY/);
        assert.equal(await committed('commit-a'), null);
        assert.equal(await committed('commit-c'), null);
        assert.equal(writes.stats().commits, 0);
      } else {
        // PostgreSQL: only the unit whose own COMMIT failed is refused.
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled'],
        );
        assert.equal(await committed('commit-a'), 'a');
      }
      // The connection is not left inside the failed transaction: the next batch commits.
      await writes.run(put('after-failed-commit', 'ok'));
      assert.equal(await committed('after-failed-commit'), 'ok');
    });

    test('reads outside the batch wait for it instead of deadlocking, and see its writes', { skip }, async () => {
      const writes = new GroupCommitter(store.db, dialect);
      const units = Array.from({ length: 30 }, (_, i) => writes.run(put(`read-${i}`, 'r')));
      const readsMeanwhile = Array.from({ length: 10 }, () => sql<{ n: number }>`select count(*) as n from gc_rows`.execute(store.db));
      await Promise.all([...units, ...readsMeanwhile]);
      const after = await sql<{ n: number | string }>`select count(*) as n from gc_rows where key like ${'read-%'}`.execute(store.db);
      assert.equal(Number(after.rows[0]!.n), 30);
    });

    // SQLite only: on PostgreSQL units are ordinary transactions and there are no batches.
    if (dialect === 'sqlite')
      test('units submitted while a batch commits form the next batch', { skip }, async () => {
        const writes = new GroupCommitter(store.db, dialect);
        const late: Array<Promise<string>> = [];
        const first = Array.from({ length: 5 }, (_, i) =>
          writes.run(async (db) => {
            // Arrives during the first batch: must not join it (it is already running) nor be lost.
            if (i === 0) late.push(writes.run(put('late', 'l')));
            return put(`early-${i}`, 'e')(db);
          }),
        );
        await Promise.all(first);
        assert.equal(await committed('late'), null, 'not part of the first commit');
        assert.equal(await Promise.all(late).then(() => committed('late')), 'l');
        assert.deepEqual(writes.stats(), { units: 6, commits: 2, largestBatch: 5 });
      });
  });
}
