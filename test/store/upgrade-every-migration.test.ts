// Upgrading from a database left at every earlier migration, not only 0001 (issue #21): on SQLite
// and PostgreSQL, the first schema's people (test/fixtures/upgrade-0001) are written, the schema is
// taken up to migration k with the migrations as they shipped, and today's Mend then starts on it.
// Everyone must still be there and sign in, every later migration must have run, the schema must be
// the one a fresh database gets, and on SQLite the file must be copied aside before the first change.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';
import { MIGRATIONS } from '../../src/platform/db/migrations/index.js';
import { ApiClient } from '../support/api-client.js';
import { json } from '../support/app.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/upgrade-0001');
/** Test-only key: it encrypts nothing but the fixture's invented people. */
const TEST_KEY = fs.readFileSync(path.join(FIXTURE_DIR, 'TEST-ONLY-encryption-key.txt'), 'utf8').trim();
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'fixture.json'), 'utf8')) as {
  clock: string;
  counts: Record<string, number>;
  people: Array<{ key: string; id: string; email: string; password: string; displayName: string; bearerToken: string }>;
};
const TABLES = ['accounts', 'sessions', 'spaces', 'space_members', 'invitations'] as const;
const NAMES = Object.keys(MIGRATIONS);

/** The fixture's rows, read once from a copy (opening the committed file would leave WAL files). */
function fixtureRows(): Record<string, Array<Record<string, unknown>>> {
  const copy = path.join(fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'mend-upgrade-rows-')), 'mend.db');
  fs.copyFileSync(path.join(FIXTURE_DIR, 'mend.db'), copy);
  const db = new SQLite(copy, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((t) => [t, db.prepare(`select * from ${t} order by rowid`).all() as Array<Record<string, unknown>>]),
    );
  } finally {
    db.close();
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

function only(count: number): typeof MIGRATIONS {
  return Object.fromEntries(NAMES.slice(0, count).map((name) => [name, MIGRATIONS[name]!]));
}

/** Tables and their columns, as the database itself describes them (Kysely's bookkeeping left out). */
async function schemaOf(store: Store): Promise<string[]> {
  const tables = await store.db.introspection.getTables();
  return tables
    .filter((t) => !t.name.startsWith('kysely_'))
    .flatMap((t) => t.columns.map((c) => `${t.name}.${c.name} ${c.dataType} ${c.isNullable ? 'null' : 'not null'}`))
    .sort();
}

const rows = fixtureRows();

function configFor(database: TestDatabase) {
  return loadConfig({
    MEND_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    MEND_ENCRYPTION_KEY: TEST_KEY,
    LOG_LEVEL: 'silent',
  });
}

for (const dialect of DIALECTS) {
  describe(`upgrading from every earlier migration [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let freshSchema: string[] = [];
    before(async () => {
      if (skip) return;
      // A fresh database as today's Mend makes it (the app adds tables of its own, e.g. PostgreSQL's rate limits).
      const database = await createTestDatabase(dialect);
      const app = await buildApp(configFor(database), { clock: fixedClock(new Date(fixture.clock)) });
      try {
        await app.ready();
        freshSchema = await schemaOf(app.mend.store);
      } finally {
        await app.close();
        await database.drop();
      }
    });

    for (let k = 1; k < NAMES.length; k++) {
      const from = NAMES[k - 1]!;
      test(`from ${from} (the first ${k} of ${NAMES.length})`, { skip }, async () => {
        const database: TestDatabase = await createTestDatabase(dialect);
        try {
          const old = openStore(database);
          try {
            await migrateToLatest(old, { migrations: only(1) });
            for (const table of TABLES)
              await old.db
                .insertInto(table as never)
                .values(rows[table] as never)
                .execute();
            await migrateToLatest(old, { migrations: only(k) });
            const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(old.db);
            assert.deepEqual(
              done.rows.map((r) => r.name),
              NAMES.slice(0, k),
            );
          } finally {
            await old.close();
          }
          if (database.dataDir) fs.rmSync(path.join(database.dataDir, 'backups'), { recursive: true, force: true });

          const app = await buildApp(configFor(database), { clock: fixedClock(new Date(fixture.clock)) });
          try {
            await app.ready();
            const store = app.mend.store;
            const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
            assert.deepEqual(
              ran.rows.map((r) => r.name),
              [...NAMES].sort(),
              'every later migration ran',
            );
            assert.deepEqual(await schemaOf(store), freshSchema, 'the schema is the one a fresh database gets');
            for (const table of TABLES) {
              const counted = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
              assert.equal(Number(counted.rows[0]!.n), fixture.counts[table], table);
            }
            if (dialect === 'sqlite') {
              const backups = fs.readdirSync(path.join(database.dataDir, 'backups'));
              assert.equal(backups.length, 1, backups.join());
              assert.match(backups[0]!, new RegExp(`^mend-.*-before-${NAMES[k]}\\.db$`), 'copied aside before the first change');
            }
            // Everyone's bearer session still works and their encrypted email and name read back.
            for (const p of fixture.people) {
              const me = await new ApiClient(app, p.bearerToken).get('/api/v1/me');
              assert.equal(me.statusCode, 200, `${p.key}: ${me.body}`);
              assert.equal(json(me).account.email, p.email);
              assert.equal(json(me).account.displayName, p.displayName);
            }
            // One person a step signs in with their password (argon2 is slow; each person gets turns).
            const p = fixture.people[k % fixture.people.length]!;
            const signedIn = await new ApiClient(app).post('/api/v1/sessions', { email: p.email, password: p.password });
            assert.equal(signedIn.statusCode, 201, `${p.key}: ${signedIn.body}`);
          } finally {
            await app.close();
          }
        } finally {
          await database.drop();
        }
      });
    }
  });
}
