import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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

/** A fresh, empty database (a new PostgreSQL database, or a new SQLite file) and data folder. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mend-test-${dialect}-`));
  if (dialect === 'sqlite') {
    return { dialect, dataDir, databaseUrl: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `mend_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    dataDir,
    databaseUrl: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
