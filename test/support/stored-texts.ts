import { sql } from 'kysely';
import { contextFor, encryptedColumns } from '../../src/store/reencrypt.js';
import type { TestApp } from './app.js';

/** Every encrypted text in the database, decrypted: everything the server could still show anyone. */
export async function allStoredTexts(testApp: TestApp): Promise<string> {
  const { db } = testApp.app.mend.store;
  const out: string[] = [];
  for (const { table, column } of await encryptedColumns(db)) {
    const { rows } = await sql<{ id: string; value: string | null }>`select id, ${sql.ref(column)} as value from ${sql.table(table)}`.execute(db);
    for (const row of rows) if (row.value !== null) out.push(testApp.app.mend.vault.open(row.value, contextFor(table, column, row.id)));
  }
  return out.join('\n');
}
