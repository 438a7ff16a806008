import SQLite from 'better-sqlite3';
import pg from 'pg';
import { isFromDatabase } from './from-database.js';

/**
 * Whether an error means "the database cannot be reached or cannot write just now" — a moment's
 * outage a person can wait out — rather than a fault in Mend. The caller is told to wait and try
 * again (503), not that something broke (500). It is not told that nothing was stored: a request
 * can meet the outage after an earlier write of its own committed (sign-up's account before its
 * session), or while COMMIT itself is on the wire, so what it sent may or may not be saved.
 *
 * Only errors of the database layer count. pg's DatabaseError and better-sqlite3's SqliteError can
 * only come from the database. A socket's failure (ECONNREFUSED…) and pg's plain dead-connection
 * errors could come from anything — a fetch to another service, a client hanging up — so
 * they count only when marked where the database is called (from-database.ts), and for a socket
 * error only with its syscall. Only codes and pg's own fixed wording are looked at, never values:
 * error messages can carry user data and are not logged.
 */

/** Network failures on the way to PostgreSQL (Node's system error codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: the connection exceptions 08000, 08001 (cannot establish), 08003 (does not
 * exist), 08004 (server rejected the connection), 08006 (connection failure); 57014 a statement
 * cancelled (by `statement_timeout`, postgres-timeouts.ts: a lock held, the server swamped); 57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, recovering), 53100 disk
 * full, 53300 too many connections. Not 08P01 (protocol violation): the server raises it for a
 * client's bug, such as a Bind with the wrong number of parameters, which waiting will not mend.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const POSTGRES_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '57014', '57P01', '57P02', '57P03', '53100', '53300']);

/**
 * node-postgres and pg-pool raise these as plain Errors without a code when a connection dies or
 * none can be had; the wording is the library's own (pg 8, pg-pool 3).
 */
const PG_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'timeout expired',
  // query_timeout passed with no answer (postgres-timeouts.ts): a partition, or the server stalled.
  'Query read timeout',
  'Cannot use a pool after calling end on the pool',
]);

/**
 * better-sqlite3's extended result codes: SQLITE_BUSY* once busy_timeout has passed with another
 * connection holding the write lock, SQLITE_FULL when the disk (or max_page_count) is full,
 * SQLITE_IOERR* when the disk fails a read, write or fsync.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|FULL|IOERR)(_[A-Z_]+)?$/;

function isUnavailableItself(error: Error & { code?: unknown; syscall?: unknown }, fromDatabase: boolean): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (error instanceof pg.DatabaseError) return code !== undefined && POSTGRES_STATES.has(code);
  if (error instanceof SQLite.SqliteError) return code !== undefined && SQLITE_UNAVAILABLE.test(code);
  if (!fromDatabase) return false;
  // A socket's own failure (connect, read, write, DNS) names its syscall; Node's "aborted" error
  // for a request whose client hung up has the same ECONNRESET code and no syscall.
  if (code) return NETWORK_CODES.has(code) && typeof error.syscall === 'string';
  return error.constructor === Error && PG_CONNECTION_MESSAGES.has(error.message);
}

/**
 * True when `error`, or an error it wraps (`cause`, an AggregateError's `errors`), is an outage.
 * A mark holds for what the marked error wraps: Node's AggregateError of a failed connect to
 * every address of a host is marked, its inner socket errors are not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isUnavailable(error, 0, false);
}

function isUnavailable(error: unknown, depth: number, fromDatabase: boolean): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const marked = fromDatabase || isFromDatabase(error);
  if (isUnavailableItself(error, marked)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isUnavailable(inner, depth + 1, marked))) return true;
  return error.cause !== undefined && isUnavailable(error.cause, depth + 1, marked);
}

/** True when `error` came from the database at all (an outage or not): for the metrics' count of database errors. */
export function isDatabaseError(error: unknown): boolean {
  return error instanceof pg.DatabaseError || error instanceof SQLite.SqliteError || (error instanceof Error && isFromDatabase(error));
}
