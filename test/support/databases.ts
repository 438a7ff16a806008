import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore, SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';

/**
 * Every store and HTTP suite runs once per dialect, as Kysely's own tests do. PostgreSQL runs when
 * it answers at TEST_DATABASE_URL (default: the local server); in CI, or with
 * MEND_REQUIRE_POSTGRES=1, a missing PostgreSQL fails the run instead of skipping.
 */
export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRED = process.env.CI === 'true' || process.env.MEND_REQUIRE_POSTGRES === '1';

async function postgresAnswers(): Promise<boolean> {
  // A busy server ("too many clients") is not an absent one: try a few times before giving up.
  for (let attempt = 0; attempt < 5; attempt++) {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return false;
}

let postgresChecked: Promise<boolean> | null = null;

/** Why a dialect's suite is skipped, or false to run it. Throws when PostgreSQL is required but absent. */
export async function skipReason(dialect: Dialect): Promise<string | false> {
  if (dialect === 'sqlite') return false;
  postgresChecked ??= postgresAnswers();
  if (await postgresChecked) return false;
  if (REQUIRED) throw new Error(`PostgreSQL is required (CI or MEND_REQUIRE_POSTGRES=1) but does not answer at ${ADMIN_URL}.`);
  const reason = `PostgreSQL not reachable at ${ADMIN_URL}; set TEST_DATABASE_URL to run these tests on it`;
  process.stderr.write(`SKIPPED: ${reason}\n`);
  return reason;
}

export interface TestDatabase {
  dialect: Dialect;
  dataDir: string;
  databaseUrl: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh database (a new PostgreSQL database, or a new SQLite file) and data folder: empty, or
 * with `migrated`, already at the latest schema. A migrated one is a copy of a template migrated
 * once (per version of src/platform/db, see `templateKey`): running the 26 migrations took a
 * second or more per app started, hundreds of times a run. What a test sees is the same database
 * the app's own start would have made; the migrations themselves are tested from empty in
 * test/store/.
 */
export async function createTestDatabase(dialect: Dialect, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mend-test-${dialect}-`));
  if (dialect === 'sqlite') {
    if (options.migrated) fs.copyFileSync(await sqliteTemplate(), path.join(dataDir, SQLITE_FILE_NAME));
    return { dialect, dataDir, databaseUrl: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `mend_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? await postgresTemplate() : null;
  await adminQuery(
    `create database ${name}${template ? ` template ${template}` : ''}`,
    // A commit need not wait for its WAL to reach the disk: what the app and the test see is the
    // same (only a crash of the server could lose it, and no test crashes the shared server);
    // each commit's flush cost milliseconds, thousands of times a run.
    `alter database ${name} set synchronous_commit = off`,
  );
  return {
    dialect,
    dataDir,
    databaseUrl: databaseUrl(name),
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.href;
}

async function adminQuery(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

const DB_SOURCE = fileURLToPath(new URL('../../src/platform/db/', import.meta.url));

/**
 * Names the schema the migrations make: a digest of every file under src/platform/db (the
 * migrations and what they import), so a changed migration gets a template of its own and never
 * a stale one, in this worktree or any other sharing the machine and its PostgreSQL.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(DB_SOURCE);
  return hash.digest('hex').slice(0, 16);
}

async function migrate(databaseUrl: string | null, dataDir: string): Promise<void> {
  const store = openStore({ databaseUrl, dataDir });
  try {
    await migrateToLatest(store);
  } finally {
    await store.close();
  }
}

let sqliteTemplateFile: Promise<string> | null = null;

/** A migrated SQLite file in the temporary folder, made once; written aside and renamed, so no test copies half a file. */
function sqliteTemplate(): Promise<string> {
  sqliteTemplateFile ??= (async () => {
    const file = path.join(os.tmpdir(), `mend-test-template-${templateKey()}.db`);
    if (fs.existsSync(file)) return file;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-test-template-'));
    try {
      await migrate(null, dir);
      fs.renameSync(path.join(dir, SQLITE_FILE_NAME), file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return file;
  })();
  return sqliteTemplateFile;
}

let postgresTemplateName: Promise<string> | null = null;

/**
 * A migrated PostgreSQL database that new test databases are copied from, made once per schema.
 * Test files run in parallel processes: each that finds none migrates its own under a private
 * name and renames it into place; a rename that loses the race drops its copy.
 */
function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `mend_template_${templateKey()}`;
    const exists = async (): Promise<boolean> => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
      } finally {
        await client.end();
      }
    };
    if (await exists()) return name;
    const building = `${name}_${randomBytes(4).toString('hex')}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-test-template-'));
    try {
      await adminQuery(`create database ${building}`);
      await migrate(databaseUrl(building), dataDir);
      await adminQuery(`alter database ${building} rename to ${name}`);
    } catch (error) {
      await adminQuery(`drop database if exists ${building} with (force)`);
      if (!(await exists())) throw error;
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return name;
  })();
  return postgresTemplateName;
}
