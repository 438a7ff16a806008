/**
 * What the store needs from encryption at rest: seal text before it is written, open it after it
 * is read, and make keyed look-up indexes. `context` binds a value to where it lives (table,
 * column, row id), so a value copied into another row does not decrypt.
 */
export interface Vault {
  seal(plaintext: string, context: string): string;
  open(stored: string, context: string): string;
  index(purpose: string, value: string): string;
}
