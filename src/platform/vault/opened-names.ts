import { LRUCache } from 'lru-cache';
import type { FieldBinding } from './field-binding.js';
import { placeContext } from './bound-fields.js';
import type { Vault } from './vault.js';

/**
 * Shown instead of a name whose stored value fails its check (tampered with or moved): the page
 * still works, and nobody sees a name that may be someone else's.
 */
export const UNREADABLE_NAME = '(name cannot be read)';

/** Names opened recently; a few hundred bytes each. */
const OPENED_CACHE_SIZE = 4_000;
/**
 * How long a name is kept. Every server keeps its own, and only the one that deleted a row or
 * changed a name is told: the others drop it by this age at the latest.
 */
const OPENED_TTL_MS = 15 * 60_000;
/** Rows deleted recently whose names must not be kept again (ids are random UUIDs, never reused). */
const FORGOTTEN_ROWS = 10_000;

/**
 * Opens names — account emails and display names, space names — remembering the plaintext of a
 * sealed value opened before: nearly every request about a space shows its name and its members'.
 * The key is the stored value itself with its context: sealing draws a fresh nonce, so a changed
 * name or a re-encrypted one (rotate-key) is a different key and is opened afresh — on this server
 * or any other, because every request still reads the stored value. The place (table, column,
 * row) is in the key so a value copied into another row is never answered from here: it goes to
 * the vault, which refuses it. (A name's binding is its place: names have no owner or visibility
 * columns besides their row.) Only names come here; what people write (entries, notes) is opened each time it is read.
 */
export class NameOpener {
  private readonly opened = new LRUCache<string, string>({ max: OPENED_CACHE_SIZE, ttl: OPENED_TTL_MS });
  /** Contexts of deleted rows: a request that read the row just before its deletion opens it without keeping it. */
  private readonly deleted = new LRUCache<string, true>({ max: FORGOTTEN_ROWS });

  constructor(private readonly vault: Vault) {}

  open(stored: string, binding: FieldBinding): string {
    const context = placeContext(binding.table, binding.column, binding.rowId);
    const key = `${context}\n${stored}`;
    let plaintext = this.opened.get(key);
    if (plaintext === undefined) {
      const opened = this.vault.open(stored, binding);
      if (opened === null) return UNREADABLE_NAME;
      plaintext = opened;
      if (!this.deleted.has(context)) this.opened.set(key, plaintext);
    }
    return plaintext;
  }

  /** Drops what these contexts opened to: a changed name, whose old plaintext is no longer anyone's. */
  forget(contexts: string[]): void {
    const prefixes = contexts.map((c) => `${c}\n`);
    for (const key of this.opened.keys()) {
      if (prefixes.some((p) => key.startsWith(p))) this.opened.delete(key);
    }
  }

  /** A deleted row: its names are dropped and never kept again, even by a request still under way. */
  forgetDeleted(contexts: string[]): void {
    for (const context of contexts) this.deleted.set(context, true);
    this.forget(contexts);
  }
}

const openers = new WeakMap<Vault, NameOpener>();

/** One opener per vault, shared by every store made with it, so a deletion is forgotten by all of them. */
export function namesOpenedBy(vault: Vault): NameOpener {
  let opener = openers.get(vault);
  if (!opener) openers.set(vault, (opener = new NameOpener(vault)));
  return opener;
}
