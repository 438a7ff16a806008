import { directReadOn } from './direct-read.js';
import { prepareOnEveryConnection } from './prepared-statements.js';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

const MARK = '\u0000mend-parameter:';

/**
 * A query built and compiled by Kysely once, then run with new values: for the few queries every
 * request makes (its session), where building and compiling the query costs more than running it.
 * `build` receives stand-ins for its arguments and must pass each one to Kysely as a plain value
 * (a `where … = value`), so it becomes a bound parameter; anything else is refused at first use.
 */
export function reusableQuery<Row, Args extends string[]>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema's tables
  db: Kysely<any>,
  arity: Args['length'],
  build: (...args: Args) => Compilable<Row>,
): (...args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | null = null;
  /** For each parameter of the compiled query: which argument it takes, or -1 for a constant of the query. */
  let slots: number[] = [];
  const direct = directReadOn(db);
  return async (...args: Args): Promise<Row[]> => {
    if (!compiled) {
      const marks = Array.from({ length: arity }, (_, i) => `${MARK}${i}`) as Args;
      const query = build(...marks).compile();
      slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : -1));
      for (let i = 0; i < arity; i++) {
        if (!slots.includes(i)) throw new Error(`reusableQuery: argument ${i} did not become a bound parameter of ${query.sql}`);
      }
      if (query.sql.includes(MARK)) throw new Error(`reusableQuery: an argument was written into the SQL text of ${query.sql}`);
      // Run on every request: on PostgreSQL, planned once per connection (prepared-statements.ts).
      prepareOnEveryConnection(query.sql);
      compiled = query;
    }
    const constants = compiled.parameters;
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : constants[i]));
    const rows = direct?.(compiled.sql, parameters);
    if (rows) return rows as Row[];
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
