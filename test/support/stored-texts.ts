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
