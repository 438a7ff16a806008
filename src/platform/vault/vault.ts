import type { FieldBinding } from './field-binding.js';

/**
 * What the store needs from encryption at rest: seal text before it is written, open it after it
 * is read, and make keyed look-up indexes. The binding (bound-fields.ts) ties a value to its row,
 * its owner, its visibility and its parents, so a value copied into another row — or a row whose
 * owner or visibility was edited in the database — does not decrypt.
 */
export interface Vault {
  seal(plaintext: string, binding: FieldBinding): string;
  /**
   * The text, or null when the value fails its check under this binding (tampered with, moved, or
   * its row's bound columns changed, or under a key this server lacks). Such a text is shown to
   * nobody: callers leave the item out, or show it without its text. The failure is reported
   * (table, column and row id — never any text).
   */
  open(stored: string, binding: FieldBinding): string | null;
  index(purpose: string, value: string): string;
}
