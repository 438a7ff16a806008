import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * How many prepared statements are kept. Kysely's SQL is parameterised, so the texts are bounded by
 * the code's query shapes (a few hundred); `in (?, ?, …)` lists of every length are the one way
 * to make more, and the least recently used statement is dropped for them.
 */
export const STATEMENT_CACHE_SIZE = 500;

/** Only plain data statements are kept; `begin`, savepoints and schema changes are prepared each time. */
const KEPT = /^\s*(select|insert|update|delete|with)\b/i;
/** A schema change may change what a kept `select *` returns: start afresh after one. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

export interface StatementCache extends SqliteDatabase {
  prepare(sql: string): SQLite.Statement;
  /** Statements kept now (for tests and figures). */
  readonly size: number;
}

/**
 * What Kysely's SqliteDialect is given instead of the better-sqlite3 handle: the same database,
 * but `prepare` hands back a statement prepared earlier for the same SQL text. Kysely prepares
 * every query afresh, and preparing costs more than running a small indexed query.
 *
 * Reusing a statement is safe here: better-sqlite3 resets a statement after every `all`/`run`
 * (also when it throws), parameters are bound on each call, and a statement belongs to the
 * connection, not to a transaction or savepoint, so it works inside and outside them alike. The
 * one state that is not reset is an unfinished `iterate` (a Kysely stream): a busy statement is
 * never handed out again, a fresh one is prepared instead.
 */
export function statementCache(sqlite: SQLite.Database, max = STATEMENT_CACHE_SIZE): StatementCache {
  const kept = new Map<string, SQLite.Statement>();
  return {
    get size() {
      return kept.size;
    },
    prepare(sql: string): SQLite.Statement {
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        // Map keeps insertion order: moving the hit to the end makes the first key the least recently used.
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      if (hit) return statement;
      if (KEPT.test(sql)) {
        kept.set(sql, statement);
        if (kept.size > max) kept.delete(kept.keys().next().value!);
      } else if (SCHEMA_CHANGE.test(sql)) {
        kept.clear();
      }
      return statement;
    },
    close(): void {
      kept.clear();
      sqlite.close();
    },
  };
}
