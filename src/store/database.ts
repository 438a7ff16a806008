import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { markingDatabaseErrors } from './from-database.js';
import { prepareHotStatements } from './prepared-statements.js';
import { statementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what operations (backup, health) need underneath. */
export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite file, for backups; null on PostgreSQL. */
  sqliteFile: string | null;
  /** The raw SQLite handle (online backup), or the pg pool (rate limits, LISTEN/NOTIFY). */
  sqlite: SQLite.Database | null;
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl: string | null;
  dataDir: string;
}

export const SQLITE_FILE_NAME = 'mend.db';

export function openSqlite(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; FULL makes every commit durable before we answer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    // A client checked out between two queries (inside a transaction) has no pool listener; when the
    // server goes away its 'error' would be unhandled and end the process. The next query on it fails
    // instead (the request answers 5xx) and the pool discards it on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    prepareHotStatements(pool);
    // Marked, so that a refused connection counts as an outage only when it is the database's (unavailable.ts).
    const db = new Kysely<Database>({ dialect: markingDatabaseErrors(new PostgresDialect({ pool })) });
    return {
      db,
      dialect: 'postgres',
      sqliteFile: null,
      sqlite: null,
      pgPool: pool,
      close: () => db.destroy(),
    };
  }
  const file = path.join(options.dataDir, SQLITE_FILE_NAME);
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: markingDatabaseErrors(new SqliteDialect({ database: statementCache(sqlite) })) });
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: file,
    sqlite,
    pgPool: null,
    close: () => db.destroy(),
  };
}
