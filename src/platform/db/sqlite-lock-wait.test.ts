import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { openSqlite } from './database.js';
import { waitingForLocks } from './sqlite-lock-wait.js';

/** A Kysely handle through the waiting driver, and a second connection to hold the write lock. */
function setUp(timeoutMs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-lock-wait-'));
  const file = path.join(dir, 'test.db');
  const sqlite = openSqlite(file, 0);
  sqlite.exec('create table notes (id integer primary key, text text not null)');
  const db = new Kysely<{ notes: { id: Generated<number>; text: string } }>({
    dialect: waitingForLocks(new SqliteDialect({ database: sqlite }), sqlite, timeoutMs),
  });
  const other = new SQLite(file);
  other.pragma('busy_timeout = 0');
  return {
    db,
    other,
    done: async () => {
      if (other.inTransaction) other.exec('rollback');
      other.close();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a write meeting another connection’s lock waits without holding up reads, and is stored once the lock goes', async () => {
  const { db, other, done } = setUp(60_000);
  try {
    other.exec('begin immediate');
    let written = false;
    const write = db
      .insertInto('notes')
      .values({ text: 'waited' })
      .execute()
      .then(() => (written = true));
    // A read through the same single connection is answered while the write waits.
    const rows = await db.selectFrom('notes').selectAll().execute();
    assert.deepEqual(rows, []);
    assert.equal(written, false, 'the read did not queue behind the waiting write');
    other.exec('commit');
    await write;
    assert.deepEqual(
      (await db.selectFrom('notes').select('text').execute()).map((r) => r.text),
      ['waited'],
    );
  } finally {
    await done();
  }
});

test('past the timeout the SQLITE_BUSY is thrown', async () => {
  const { db, other, done } = setUp(30);
  try {
    other.exec('begin immediate');
    await assert.rejects(
      db.insertInto('notes').values({ text: 'never' }).execute(),
      (error: { code?: string }) => error.code === 'SQLITE_BUSY',
    );
  } finally {
    await done();
  }
});

test('a transaction takes the write lock at BEGIN (IMMEDIATE), waiting for it there', async () => {
  const { db, other, done } = setUp(60_000);
  try {
    other.exec('begin immediate');
    let began = false;
    const transaction = db.transaction().execute(async (trx) => {
      began = true;
      // Held from BEGIN on: the other connection cannot take the write lock now.
      assert.throws(
        () => other.exec('begin immediate'),
        (error: { code?: string }) => error.code === 'SQLITE_BUSY',
      );
      await trx.insertInto('notes').values({ text: 'in a transaction' }).execute();
    });
    await db.selectFrom('notes').selectAll().execute();
    assert.equal(began, false, 'the transaction waits at BEGIN while the lock is held elsewhere');
    other.exec('rollback');
    await transaction;
    assert.equal((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]!.n, 1);
  } finally {
    await done();
  }
});
