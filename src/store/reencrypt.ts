import { sql, type Kysely } from 'kysely';

/**
 * Every encrypted value in the database, found by convention: a column named `<name>_enc` in a
 * table with an `id` column, sealed with the context `<table>.<name>:<id>` (see store modules).
 */
export interface EncryptedColumn {
  table: string;
  column: string;
}

export async function encryptedColumns(db: Kysely<any>): Promise<EncryptedColumn[]> {
  const out: EncryptedColumn[] = [];
  for (const table of await db.introspection.getTables()) {
    if (!table.columns.some((c) => c.name === 'id')) continue;
    for (const column of table.columns) if (column.name.endsWith('_enc')) out.push({ table: table.name, column: column.name });
  }
  return out;
}

export const contextFor = (table: string, column: string, id: string): string => `${table}.${column.slice(0, -'_enc'.length)}:${id}`;

export interface ReencryptProgress {
  table: string;
  column: string;
  checked: number;
  rewritten: number;
}

/**
 * Re-encrypts every value not yet under the current key, one column at a time, in batches.
 * `rewrite` returns the new stored value, or null when the value is already current. Safe to
 * interrupt and run again.
 */
export async function reencryptAll(
  db: Kysely<any>,
  rewrite: (stored: string, context: string) => string | null,
  onProgress: (p: ReencryptProgress) => void = () => {},
  batchSize = 500,
): Promise<{ checked: number; rewritten: number }> {
  let checked = 0;
  let rewritten = 0;
  for (const { table, column } of await encryptedColumns(db)) {
    let lastId = '';
    const progress = { table, column, checked: 0, rewritten: 0 };
    for (;;) {
      const { rows } = await sql<{ id: string; value: string | null }>`select id, ${sql.ref(column)} as value from ${sql.table(table)} where id > ${lastId} order by id limit ${batchSize}`.execute(db);
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          progress.checked += 1;
          if (row.value === null) continue;
          const next = rewrite(row.value, contextFor(table, column, row.id));
          if (next === null) continue;
          await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where id = ${row.id}`.execute(trx);
          progress.rewritten += 1;
        }
      });
      lastId = rows[rows.length - 1]!.id;
      onProgress({ ...progress });
    }
    checked += progress.checked;
    rewritten += progress.rewritten;
  }
  return { checked, rewritten };
}
