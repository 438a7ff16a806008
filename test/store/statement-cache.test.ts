import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { Kysely, sql, SqliteDialect, type Generated } from 'kysely';
import { openSqlite, openStore, type Store } from '../../src/platform/db/database.js';
import { GroupCommitter } from '../../src/platform/db/group-commit.js';
import { statementCache, STATEMENT_CACHE_SIZE } from '../../src/platform/db/statement-cache.js';

/**
 * The SQLite statement cache (Kysely prepares every query afresh; the store keeps statements by
 * SQL text). On a real SQLite file: the same answers as fresh statements across many query
 * shapes, inside and outside transactions and savepoints, a bounded size, and no reuse of a
 * statement that is still being iterated.
 */

interface Tables {
  sc_rows: { id: Generated<number>; name: string; n: number };
}

describe('SQLite statement cache', () => {
  let dir: string;
  let store: Store;
  let db: Kysely<Tables>;
  /** The same file through Kysely's own dialect, preparing every query afresh. */
  let reference: Kysely<Tables>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-statements-'));
    store = openStore({ databaseUrl: null, dataDir: dir });
    db = store.db as unknown as Kysely<Tables>;
    reference = new Kysely<Tables>({ dialect: new SqliteDialect({ database: openSqlite(store.sqliteFile!) }) });
    await sql`create table sc_rows (id integer primary key, name text not null unique, n integer not null)`.execute(db);
  });
  after(async () => {
    await reference.destroy();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const everything = (k: Kysely<Tables>) => k.selectFrom('sc_rows').selectAll().orderBy('id').execute();

  test('a statement is prepared once per SQL text and reused', () => {
    const sqlite = new SQLite(':memory:');
    const cache = statementCache(sqlite);
    const a = cache.prepare('select 1 as one');
    assert.equal(cache.prepare('select 1 as one'), a);
    assert.notEqual(cache.prepare('select 2 as two'), a);
    assert.equal(cache.size, 2);
    // Transaction control and savepoint names are not kept (they are cheap, and names may vary).
    for (const text of ['begin', 'savepoint unit', 'release unit', 'commit']) cache.prepare(text).run();
    assert.equal(cache.size, 2);
    cache.close();
    assert.equal(sqlite.open, false, 'closing the cache closes the database');
  });

  test('the store’s Kysely prepares each query text once', async () => {
    const sqlite = store.sqlite!;
    const prepare = sqlite.prepare;
    const prepared: string[] = [];
    sqlite.prepare = ((text: string) => (prepared.push(text), prepare.call(sqlite, text))) as typeof sqlite.prepare;
    try {
      for (let i = 0; i < 3; i++) {
        await db.selectFrom('sc_rows').select('name').where('n', '=', i).execute();
        await db
          .insertInto('sc_rows')
          .values({ name: `once-${i}`, n: i })
          .execute();
      }
    } finally {
      sqlite.prepare = prepare;
    }
    assert.equal(prepared.length, 2, prepared.join('\n'));
  });

  test('answers like fresh statements over random sequences of writes and reads of many shapes', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), name: fc.string({ maxLength: 6 }), n: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ kind: fc.constant('update' as const), n: fc.integer({ min: -5, max: 5 }), by: fc.integer({ min: -3, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), n: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ kind: fc.constant('in' as const), ns: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 7 }) }),
      fc.record({ kind: fc.constant('above' as const), n: fc.integer({ min: -5, max: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        await db.deleteFrom('sc_rows').execute();
        for (const o of ops) {
          if (o.kind === 'insert') {
            const inserted = await db
              .insertInto('sc_rows')
              .values({ name: o.name, n: o.n })
              .onConflict((oc) => oc.column('name').doNothing())
              .returning(['name', 'n'])
              .execute();
            const stored = await reference.selectFrom('sc_rows').select(['name', 'n']).where('name', '=', o.name).execute();
            assert.equal(stored.length, 1);
            if (inserted.length > 0) assert.deepEqual(inserted, stored);
          } else if (o.kind === 'update') {
            const before = (await reference.selectFrom('sc_rows').select('id').where('n', '=', o.n).execute()).length;
            const result = await db
              .updateTable('sc_rows')
              .set({ n: sql`n + ${o.by}` })
              .where('n', '=', o.n)
              .executeTakeFirst();
            assert.equal(Number(result.numUpdatedRows), before);
          } else if (o.kind === 'delete') {
            const before = (await reference.selectFrom('sc_rows').select('id').where('n', '=', o.n).execute()).length;
            const result = await db.deleteFrom('sc_rows').where('n', '=', o.n).executeTakeFirst();
            assert.equal(Number(result.numDeletedRows), before);
          } else if (o.kind === 'in') {
            const q = (k: Kysely<Tables>) => k.selectFrom('sc_rows').select(['name', 'n']).where('n', 'in', o.ns).orderBy('id').execute();
            assert.deepEqual(await q(db), await q(reference));
          } else {
            const q = (k: Kysely<Tables>) =>
              k
                .selectFrom('sc_rows')
                .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('n').as('top')])
                .where('n', '>', o.n)
                .executeTakeFirstOrThrow();
            assert.deepEqual(await q(db), await q(reference));
          }
          assert.deepEqual(await everything(db), await everything(reference));
        }
      }),
      { numRuns: 40 },
    );
  });

  test('works inside transactions and savepoints, with the same statements as outside them', async () => {
    await db.deleteFrom('sc_rows').execute();
    const insert = (k: Kysely<Tables>, name: string) => k.insertInto('sc_rows').values({ name, n: 1 }).execute();
    const names = async (k: Kysely<Tables>) => (await k.selectFrom('sc_rows').select('name').orderBy('name').execute()).map((r) => r.name);
    await insert(db, 'outside');

    const trx = await db.startTransaction().execute();
    await insert(trx, 'kept');
    const sp1 = await trx.savepoint('first').execute();
    await insert(sp1, 'undone');
    assert.deepEqual(await names(sp1), ['kept', 'outside', 'undone']);
    await sp1.rollbackToSavepoint('first').execute();
    const sp2 = await trx.savepoint('second').execute();
    await insert(sp2, 'released');
    await sp2.releaseSavepoint('second').execute();
    assert.deepEqual(await names(trx), ['kept', 'outside', 'released']);
    assert.deepEqual(await names(reference), ['outside'], 'nothing is committed yet');
    await trx.commit().execute();
    assert.deepEqual(await names(reference), ['kept', 'outside', 'released']);

    await assert.rejects(
      db.transaction().execute(async (t) => {
        await insert(t, 'rolled back');
        await insert(t, 'kept'); // unique: the cached insert throws mid-transaction
      }),
      /UNIQUE/,
    );
    assert.deepEqual(await names(db), ['kept', 'outside', 'released'], 'the failed transaction left nothing');
    await insert(db, 'after the failure');
    assert.deepEqual(await names(reference), ['after the failure', 'kept', 'outside', 'released'], 'the statement that threw works again');
  });

  test('the group committer’s units in savepoints commit and roll back alike', async () => {
    await db.deleteFrom('sc_rows').execute();
    const committer = new GroupCommitter(store.db, 'sqlite', { batching: true });
    const unit = (name: string, fail: boolean) => async (k: Kysely<any>) => {
      await (k as unknown as Kysely<Tables>).insertInto('sc_rows').values({ name, n: 2 }).execute();
      if (fail) throw new Error(`unit ${name} gave up`);
      return name;
    };
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => committer.run(unit(`u${i}`, i % 3 === 0))));
    assert.deepEqual(
      results.map((r) => r.status),
      Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 'rejected' : 'fulfilled')),
    );
    const stored = (await reference.selectFrom('sc_rows').select('name').execute()).map((r) => r.name).sort();
    assert.deepEqual(stored, ['u1', 'u10', 'u11', 'u2', 'u4', 'u5', 'u7', 'u8'].sort());
    assert.ok(committer.stats().commits < 12, 'units shared commits');
  });

  test('keeps at most its bound, dropping the least recently used', () => {
    const sqlite = new SQLite(':memory:');
    const cache = statementCache(sqlite, 8);
    const first = cache.prepare('select 0 as n');
    for (let i = 1; i < 50; i++) {
      cache.prepare(`select ${i} as n`);
      assert.equal(cache.prepare('select 0 as n'), first, 'a statement in use stays');
      assert.ok(cache.size <= 8);
    }
    assert.equal(cache.size, 8);
    const evicted = cache.prepare('select 1 as n');
    assert.deepEqual(evicted.all(), [{ n: 1 }], 'a dropped statement is prepared again and still answers');
    assert.ok(STATEMENT_CACHE_SIZE >= 100);
    cache.close();
  });

  test('a statement still being iterated is not handed out again', () => {
    const sqlite = new SQLite(':memory:');
    const cache = statementCache(sqlite);
    sqlite.exec('create table t (n integer); insert into t values (1), (2), (3);');
    const text = 'select n from t order by n';
    const iterating = cache.prepare(text);
    const rows = iterating.iterate() as IterableIterator<{ n: number }>;
    assert.deepEqual(rows.next().value, { n: 1 });
    const meanwhile = cache.prepare(text);
    assert.notEqual(meanwhile, iterating);
    assert.deepEqual(meanwhile.all(), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    assert.deepEqual(
      [...rows].map((r) => r.n),
      [2, 3],
    );
    assert.equal(cache.prepare(text), iterating, 'once finished, the kept statement is used again');
    cache.close();
  });

  test('after a schema change, a kept `select *` sees the new shape', async () => {
    await sql`create table sc_shape (id integer primary key)`.execute(db);
    await sql`insert into sc_shape (id) values (1)`.execute(db);
    const all = () => sql<Record<string, unknown>>`select * from sc_shape`.execute(db).then((r) => r.rows);
    assert.deepEqual(await all(), [{ id: 1 }]);
    await sql`alter table sc_shape add column label text default 'new'`.execute(db);
    assert.deepEqual(await all(), [{ id: 1, label: 'new' }]);
  });
});
