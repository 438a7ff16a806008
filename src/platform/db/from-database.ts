import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';

/**
 * Errors thrown by a call to the database. A refused or reset connection looks the same whoever
 * made it — the database or another service — so unavailable.ts only calls such an error an outage
 * when it was marked here, where the database is called. A WeakSet rather than a property: the
 * error is left as it was, and a frozen error can be marked too.
 */
const fromDatabase = new WeakSet<object>();

/** Marks `error` as raised by a database call; returns it, to be thrown on. */
export function markFromDatabase<E>(error: E): E {
  if (typeof error === 'object' && error !== null) fromDatabase.add(error);
  return error;
}

export function isFromDatabase(error: object): boolean {
  return fromDatabase.has(error);
}

/** One function for every rejection handler: no closure is made per query. */
function rethrowMarked(error: unknown): never {
  throw markFromDatabase(error);
}

/** The inner connection with its errors marked; one per inner connection, kept for its life. */
class MarkedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return this.inner.executeQuery<R>(query).then(undefined, rethrowMarked);
    } catch (error) {
      // Kysely's SQLite connection throws at once rather than rejecting.
      throw markFromDatabase(error);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw markFromDatabase(error);
    }
  }
}

const innerOf = (connection: DatabaseConnection): DatabaseConnection =>
  connection instanceof MarkedConnection ? connection.inner : connection;

/**
 * Delegates to Kysely's own driver and marks whatever it throws. The inner driver is always given
 * its own connection back: PostgresDriver releases and discards through private symbols on it.
 */
class MarkingDriver implements Driver {
  private readonly marked = new WeakMap<DatabaseConnection, MarkedConnection>();
  private readonly wrap = (inner: DatabaseConnection): MarkedConnection => {
    let connection = this.marked.get(inner);
    if (!connection) this.marked.set(inner, (connection = new MarkedConnection(inner)));
    return connection;
  };

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init().then(undefined, rethrowMarked);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection().then(this.wrap, rethrowMarked);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(innerOf(connection), settings).then(undefined, rethrowMarked);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(innerOf(connection)).then(undefined, rethrowMarked);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(innerOf(connection)).then(undefined, rethrowMarked);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepointCommand('savepoint', connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepointCommand('rollbackToSavepoint', connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.savepointCommand('releaseSavepoint', connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private savepointCommand(
    method: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint',
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const command = this.inner[method];
    if (!command) return Promise.reject(new Error(`The \`${method}\` method is not supported by this driver`));
    return command.call(this.inner, innerOf(connection), name, compile).then(undefined, rethrowMarked);
  }
}

/** `dialect` with every error of its driver and connections marked as coming from the database. */
export function markingDatabaseErrors(dialect: Dialect): Dialect {
  return {
    createDriver: () => new MarkingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
