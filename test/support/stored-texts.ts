import { sql } from 'kysely';
import { AUTHOR_ONLY_FIELDS } from '../../src/platform/vault/bound-fields.js';
import { reencryptAll } from '../../src/platform/vault/reencrypt.js';
import type { TestApp } from './app.js';

/** Every encrypted text in the database that opens: everything the server could still show anyone. */
export async function allStoredTexts(testApp: TestApp): Promise<string> {
  const { store, vault } = testApp.app.mend;
  const out: string[] = [];
  // The re-encryption walk visits every encrypted value with its binding; writing nothing back.
  await reencryptAll(store.db, (stored, binding) => {
    const text = vault.open(stored, binding);
    if (text !== null) out.push(text);
    return null;
  });
  return out.join('\n');
}

/**
 * How many texts are sealed under `accountId`'s personal key (issue #23): the server cannot open
 * them outside that person's own requests, so `allStoredTexts` does not see them; a test that
 * checks private writing went away counts them instead.
 */
export async function personalTextsOf(testApp: TestApp, accountId: string): Promise<number> {
  const db = testApp.app.mend.store.db;
  let n = 0;
  for (const { field, author } of AUTHOR_ONLY_FIELDS) {
    const column = sql.ref(`${field.column}_enc`);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(field.table)}
      where ${sql.ref(author)} = ${accountId} and substr(${column}, 1, 3) = 'p1.'`.execute(db);
    n += Number(rows[0]!.n);
  }
  return n;
}
