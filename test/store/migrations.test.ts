import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { openStore } from '../../src/platform/db/database.js';
import { migrateToLatest, SchemaTooNewError } from '../../src/platform/db/migrator.js';
import { MIGRATIONS } from '../../src/platform/db/migrations/index.js';
import { createTestDatabase, DIALECTS, skipReason } from '../support/databases.js';

const withExtra = {
  ...MIGRATIONS,
  '9999-test-extra': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('test_extra')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .execute();
    },
  },
};

for (const dialect of DIALECTS) {
  describe(`migrations [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    const databases: Array<{ drop(): Promise<void> }> = [];
    after(async () => {
      for (const d of databases) await d.drop();
    });

    test('a fresh database migrates to the latest schema, and a second run does nothing', { skip }, async () => {
      const database = await createTestDatabase(dialect);
      databases.push(database);
      const store = openStore(database);
      try {
        const first = await migrateToLatest(store);
        assert.deepEqual(first.applied, Object.keys(MIGRATIONS));
        assert.equal(first.backupFile, null, 'nothing to back up in an empty database');
        const second = await migrateToLatest(store);
        assert.deepEqual(second.applied, []);
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        for (const table of ['accounts', 'sessions', 'spaces', 'space_members', 'invitations']) assert.ok(tables.includes(table), table);
      } finally {
        await store.close();
      }
    });

    test('Mend refuses a database migrated by a newer version', { skip }, async () => {
      const database = await createTestDatabase(dialect);
      databases.push(database);
      const store = openStore(database);
      try {
        await migrateToLatest(store, { migrations: withExtra });
        await assert.rejects(
          migrateToLatest(store),
          (error: unknown) => error instanceof SchemaTooNewError && /9999-test-extra/.test(error.message),
        );
      } finally {
        await store.close();
      }
    });

    if (dialect === 'sqlite') {
      test('the SQLite file is copied aside before a migration changes it', async () => {
        const database = await createTestDatabase(dialect);
        databases.push(database);
        const store = openStore(database);
        try {
          await migrateToLatest(store);
          await sql`insert into spaces (id, name_enc, created_at) values ('s1', 'x', '2026-01-01T00:00:00.000Z')`.execute(store.db);
          const report = await migrateToLatest(store, { migrations: withExtra });
          assert.deepEqual(report.applied, ['9999-test-extra']);
          assert.ok(report.backupFile && fs.existsSync(report.backupFile), 'a backup was written');
          assert.equal(path.dirname(report.backupFile), path.join(database.dataDir, 'backups'));
          const copy = new SQLite(report.backupFile, { readonly: true });
          assert.equal(copy.prepare('select count(*) as n from spaces').pluck().get(), 1, 'the backup holds the data');
          assert.equal(
            copy.prepare("select count(*) as n from sqlite_master where name = 'test_extra'").pluck().get(),
            0,
            'the backup is from before the migration',
          );
          copy.close();
        } finally {
          await store.close();
        }
      });

      test('SQLite runs in WAL mode with synchronous=FULL and foreign keys on', async () => {
        const database = await createTestDatabase(dialect);
        databases.push(database);
        const store = openStore(database);
        try {
          assert.equal(store.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
          assert.equal(store.sqlite!.pragma('synchronous', { simple: true }), 2);
          assert.equal(store.sqlite!.pragma('foreign_keys', { simple: true }), 1);
          // No synchronous wait for another process's lock: the store waits asynchronously (sqlite-lock-wait.ts).
          assert.equal(store.sqlite!.pragma('busy_timeout', { simple: true }), 0);
        } finally {
          await store.close();
        }
      });
    }
  });
}
