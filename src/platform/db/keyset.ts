import { sql, type Expression, type SqlBool } from 'kysely';
import type { PageKey } from '../../core/paging/cursor.js';

/**
 * The rows after `key` in a list sorted by `columns`, all descending (newest first): the keyset
 * condition (a < k1) OR (a = k1 AND b < k2) … that an index on the columns answers directly.
 * The leading a <= k1 says nothing new, but neither database reads a range of the index from an OR
 * of three branches (SQLite) or of any (PostgreSQL): with it, a page starts at the cursor instead
 * of skipping every newer row. Column names come from the stores, never from a request; the key's
 * values are parameters.
 */
export function olderThan(columns: readonly string[], key: PageKey): Expression<SqlBool> {
  const branches = columns.map(
    (column, i) =>
      sql`(${sql.join([...columns.slice(0, i).map((c, j) => sql`${sql.ref(c)} = ${key[j]}`), sql`${sql.ref(column)} < ${key[i]}`], sql` AND `)})`,
  );
  return sql<SqlBool>`(${sql.ref(columns[0]!)} <= ${key[0]} AND (${sql.join(branches, sql` OR `)}))`;
}
