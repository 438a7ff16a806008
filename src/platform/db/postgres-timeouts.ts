import type pg from 'pg';
import type { DatabaseTimeouts } from '../config.js';

/**
 * A PostgreSQL partition (packets dropped, nothing refused) used to hang every request for the
 * whole outage: a connection attempt, or a query already sent, waited for an answer that never
 * came, and TCP noticed nothing for minutes. Each wait is bounded here, and the error that ends
 * it is an outage (unavailable.ts), so the person gets 503 `unavailable` within seconds:
 *
 * - `connectionTimeoutMillis`: getting a connection — connecting, or waiting for a free one;
 * - `query_timeout`: node-postgres's own timer for one query's answer, so it works when the
 *   server cannot be reached at all; the connection is then dropped (below);
 * - `statement_timeout`: the server cancels a statement that runs longer (a lock wait, a query
 *   gone wrong), a little before `query_timeout`, so a reachable server answers with a clean
 *   error (57014) and the connection stays usable;
 * - `idle_in_transaction_session_timeout`: the server ends a session whose client went silent
 *   inside a transaction (the partition seen from the other side), so its locks do not hold other
 *   app servers up until TCP gives up;
 * - TCP keep-alive, so a dead idle connection is noticed.
 */
export function postgresPoolOptions(timeouts: DatabaseTimeouts | undefined): pg.PoolConfig {
  if (!timeouts) return {};
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.queryMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** Longer than any transaction of Mend's, which does database work only (group-commit.ts). */
const IDLE_IN_TRANSACTION_MS = 60_000;

/** node-postgres's wording when `query_timeout` passes (pg 8). */
export const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

type Query = (...args: unknown[]) => unknown;

/**
 * After `query_timeout` node-postgres rejects the query but keeps waiting for its answer on the
 * same connection, so the next query given that connection would queue behind it. The connection
 * is destroyed instead: the pool drops it on release (it is no longer queryable) and connects
 * afresh once the database answers again.
 */
export function dropTimedOutConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const drop = (error: unknown): void => {
      if (error instanceof Error && error.message === QUERY_TIMEOUT_MESSAGE) {
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }
    };
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) result.catch(drop);
      return result;
    };
  });
}
