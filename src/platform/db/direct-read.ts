import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';

/** A read's rows, run at once; null when it must go through Kysely's driver instead. */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | null;

/** Whatever prepares statements for the handle (statement-cache.ts keeps them). */
interface Preparer {
  prepare(sql: string): SQLite.Statement;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keyed by any schema's handle
const directReads = new WeakMap<Kysely<any>, DirectRead>();

/**
 * Lets the reads every request makes (reusable-query.ts: the session, the membership) run straight
 * on SQLite's one connection, without Kysely's connection mutex and driver layers: about twenty
 * promises a request fewer, each of which also runs the request context's promise hooks
 * (vault/held-keys.ts). better-sqlite3 runs a statement synchronously, so nothing interleaves with
 * it. What matters is what another caller left open on the connection across an await:
 * - a transaction (`inTransaction`): the read would see its uncommitted rows, so it waits its turn
 *   through Kysely as before;
 * - a stream (an unfinished `iterate`): better-sqlite3 lets a read run beside it, and the read sees
 *   what is committed, as it would after the stream.
 * A read that fails (SQLITE_BUSY while another process recovers the WAL, or anything else) goes
 * through Kysely's path instead, which waits out a lock and marks the error as the database's.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema's handle
export function readDirectly(db: Kysely<any>, sqlite: SQLite.Database, statements: Preparer): void {
  directReads.set(db, (sql, parameters) => {
    if (sqlite.inTransaction) return null;
    try {
      const statement = statements.prepare(sql);
      return statement.reader ? (statement.all(parameters) as unknown[]) : null;
    } catch {
      return null;
    }
  });
}

/** The direct way to read on `db`, if it has one (SQLite); PostgreSQL's reads all go through its pool. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema's handle
export function directReadOn(db: Kysely<any>): DirectRead | undefined {
  return directReads.get(db);
}
