/**
 * Whether an error means "the database cannot be reached or cannot write just now" — a moment's
 * outage a person can wait out — rather than a fault in Mend. The request that met it stored
 * nothing (its transaction never committed), so the caller is told to try again (503), not that
 * something broke (500).
 *
 * Only codes and pg's own fixed wording are looked at, never values: error messages can carry
 * user data and are not logged.
 */

/** Network failures on the way to PostgreSQL (Node's system error codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
 * (starting up, recovering), 53100 disk full, 53300 too many connections. Class 08 (connection
 * exceptions) is matched as a whole below.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53100', '53300']);

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
  'Cannot use a pool after calling end on the pool',
]);

/**
 * better-sqlite3's extended result codes: SQLITE_BUSY* once busy_timeout has passed with another
 * connection holding the write lock, SQLITE_FULL when the disk (or max_page_count) is full,
 * SQLITE_IOERR* when the disk fails a read, write or fsync.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|FULL|IOERR)(_[A-Z_]+)?$/;

const SQLSTATE = /^[0-9A-Z]{5}$/;

function isUnavailableItself(error: Error & { code?: unknown }): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code) {
    if (NETWORK_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
    if (SQLSTATE.test(code) && (code.startsWith('08') || POSTGRES_STATES.has(code))) return true;
    return false;
  }
  return error.constructor === Error && PG_CONNECTION_MESSAGES.has(error.message);
}

/** True when `error`, or an error it wraps (`cause`, an AggregateError's `errors`), is an outage. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  if (isUnavailableItself(error)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return error.cause !== undefined && isDatabaseUnavailable(error.cause, depth + 1);
}
