import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * The SQL texts run on every request (reusable-query.ts registers them), by their statement name.
 * Bounded by the code: a handful of query shapes, never a text built from input.
 */
const named = new Map<string, string>();

/** Marks a compiled query's SQL as one to prepare once per PostgreSQL connection. */
export function prepareOnEveryConnection(sqlText: string): void {
  if (!named.has(sqlText)) named.set(sqlText, `mend_${createHash('sha256').update(sqlText).digest('hex').slice(0, 16)}`);
}

/** The registered texts and their names (tests look them up). */
export function namedStatements(): ReadonlyMap<string, string> {
  return named;
}

type Query = (...args: unknown[]) => unknown;

/**
 * Gives each new pool connection a `query` that runs the registered texts as named prepared
 * statements: PostgreSQL parses and plans them once per connection instead of on every request.
 * An unnamed statement is planned at every execution, and the per-request session read (four
 * tables and a subquery) took 0.5–0.7 ms to plan and 0.07 ms to run (docs/performance.md). Kysely
 * sends `query(text, values)`; anything else passes through unchanged. The texts list their
 * columns (no `select *`), so a column added by a later migration does not change their result.
 */
export function prepareHotStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? named.get(text) : undefined;
      return name ? query({ name, text, values }) : query(...args);
    };
  });
}
