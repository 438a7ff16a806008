import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseTimeouts } from '../config.js';
import type { Database } from './schema.js';
import { markingDatabaseErrors } from './from-database.js';
import { holdInUse } from './in-use-lock.js';
import { postgresPoolOptions, dropTimedOutConnections } from './postgres-timeouts.js';
import { APPLICATION_NAME } from './running-servers.js';
import { waitingForLocks } from './sqlite-lock-wait.js';
import { prepareHotStatements } from './prepared-statements.js';
import { statementCache } from './statement-cache.js';
import { readDirectly } from './direct-read.js';

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
  /**
   * Bounds on waiting for the database (config.ts). The server passes them; without them (the
   * `mend` commands, migrations) PostgreSQL waits as long as it takes and SQLite waits up to 5 s
   * for another process's write lock.
   */
  timeouts?: DatabaseTimeouts;
}

export const SQLITE_FILE_NAME = 'mend.db';

/** How long SQLite waits for another process's write lock when no timeouts are given. */
const SQLITE_LOCK_WAIT_MS = 5000;

/**
 * `busyTimeoutMs` is how long better-sqlite3 itself waits for a lock — synchronously, blocking
 * the event loop — so the store passes 0 and waits asynchronously (sqlite-lock-wait.ts); a
 * one-shot command such as `mend backup` may block.
 */
export function openSqlite(file: string, busyTimeoutMs = SQLITE_LOCK_WAIT_MS): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // WAL lets readers run beside the single writer; FULL makes every commit durable before we answer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // What is deleted or rewritten is overwritten in the file, not left in free space: otherwise a
  // copy of the file and the key file open a deleted account's words, or a private text's copy
  // from before it was sealed under its author's key (test/http/private-at-rest.test.ts).
  sqlite.pragma('secure_delete = ON');
  return sqlite;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      application_name: APPLICATION_NAME,
      ...postgresPoolOptions(options.timeouts),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    // A client checked out between two queries (inside a transaction) has no pool listener; when the
    // server goes away its 'error' would be unhandled and end the process. The next query on it fails
    // instead (the request answers 5xx) and the pool discards it on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    prepareHotStatements(pool);
    dropTimedOutConnections(pool);
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
  // Taken before the file is opened and kept until it is closed: `mend restore` refuses meanwhile.
  const inUse = holdInUse(options.dataDir);
  let sqlite: SQLite.Database;
  try {
    sqlite = openSqlite(file, 0);
  } catch (error) {
    inUse.release();
    throw error;
  }
  const lockWaitMs = options.timeouts?.queryMs ?? SQLITE_LOCK_WAIT_MS;
  const statements = statementCache(sqlite);
  const dialect = waitingForLocks(new SqliteDialect({ database: statements }), sqlite, lockWaitMs);
  const db = new Kysely<Database>({ dialect: markingDatabaseErrors(dialect) });
  readDirectly(db, sqlite, statements);
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: file,
    sqlite,
    pgPool: null,
    close: async () => {
      try {
        await db.destroy();
      } finally {
        inUse.release();
      }
    },
  };
}
