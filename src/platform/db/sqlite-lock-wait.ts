import type SQLite from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * better-sqlite3 waits for a lock on the event loop's thread: with a `busy_timeout`, a write that
 * meets another process's write lock (a `mend` command, a backup restore, sqlite3 by hand) froze
 * every request of the server — `/healthz` and reads too — for up to the whole timeout. So the
 * handle gets no busy timeout (SQLite answers SQLITE_BUSY at once), and this driver waits instead,
 * asynchronously, with backoff, up to `timeoutMs`; then the SQLITE_BUSY is thrown (503).
 *
 * While it waits it gives Kysely's connection back: SQLite has one connection, held by a mutex,
 * and reads (which WAL lets run beside another process's writer) would otherwise queue behind
 * the waiting write. That is safe only outside a transaction — nothing of the caller's is open
 * on the handle then — which better-sqlite3's `inTransaction` tells. Inside one no statement waits:
 * every Kysely transaction on SQLite begins IMMEDIATE, taking the write lock at BEGIN (where
 * waiting is safe), so a statement inside cannot meet the lock halfway, and a read-then-write
 * transaction cannot fail with SQLITE_BUSY_SNAPSHOT after another process wrote.
 */
export function waitingForLocks(inner: Dialect, sqlite: SQLite.Database, timeoutMs: number): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new LockWaitingDriver(inner.createDriver(), sqlite, timeoutMs),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
  };
}

/** Plain SQLITE_BUSY (a lock held elsewhere) and BUSY_RECOVERY (another process recovering the WAL) pass. */
const WAITABLE = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY']);
const isBusy = (error: unknown): boolean => WAITABLE.has((error as { code?: unknown })?.code as string);

/** Backoff between tries: 2, 4, 8 … ms, at most 50 ms, so the lock is taken soon after it goes. */
const pause = (attempt: number): number => Math.min(50, 2 ** (attempt + 1));

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');

class LockWaitingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: LockWaitingDriver,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.patiently(this.inner, query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection): DatabaseConnection =>
  connection instanceof LockWaitingConnection ? connection.inner : connection;

class LockWaitingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, LockWaitingConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly sqlite: SQLite.Database,
    private readonly timeoutMs: number,
  ) {}

  /** Runs `query`, waiting out SQLITE_BUSY outside a transaction with the connection given back meanwhile. */
  async patiently<R>(connection: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = performance.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        // Kysely's SQLite connection throws synchronously; awaiting turns both into a rejection.
        return await connection.executeQuery<R>(query);
      } catch (error) {
        if (!isBusy(error) || this.sqlite.inTransaction || performance.now() >= deadline) throw error;
      }
      await this.inner.releaseConnection(connection);
      try {
        await sleep(Math.min(pause(attempt), Math.max(1, deadline - performance.now())));
      } finally {
        // The same single connection comes back; the caller goes on holding it.
        await this.inner.acquireConnection();
      }
    }
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.inner.acquireConnection();
    let connection = this.wrapped.get(inner);
    if (!connection) this.wrapped.set(inner, (connection = new LockWaitingConnection(inner, this)));
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await this.patiently(innerOf(connection), BEGIN_IMMEDIATE);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(innerOf(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(innerOf(connection));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    return this.inner.savepoint!(innerOf(connection), name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint!(innerOf(connection), name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2],
  ): Promise<void> {
    return this.inner.releaseSavepoint!(innerOf(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
