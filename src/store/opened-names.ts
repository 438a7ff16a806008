import { LRUCache } from 'lru-cache';
import type { Vault } from './vault.js';

/** Names opened recently; a few hundred bytes each. */
const OPENED_CACHE_SIZE = 4_000;

/**
 * Opens names — account emails and display names, space names — remembering the plaintext of a
 * sealed value opened before: nearly every request about a space shows its name and its members'.
 * The key is the stored value itself with its context: sealing draws a fresh nonce, so a changed
 * name or a re-encrypted one (rotate-key) is a different key and is opened afresh — on this server
 * or any other, because every request still reads the stored value. The context is in the key so
 * a value copied into another row is never answered from here: it goes to the vault, which refuses
 * it. Only names come here; what people write (entries, notes) is opened each time it is read.
 */
export class NameOpener {
  private readonly opened = new LRUCache<string, string>({ max: OPENED_CACHE_SIZE });

  constructor(private readonly vault: Vault) {}

  open(stored: string, context: `accounts.email:${string}` | `accounts.display_name:${string}` | `spaces.name:${string}`): string {
    const key = `${context}\n${stored}`;
    let plaintext = this.opened.get(key);
    if (plaintext === undefined) {
      plaintext = this.vault.open(stored, context);
      this.opened.set(key, plaintext);
    }
    return plaintext;
  }

  /** Forgets what a deleted row's names opened to, so no plaintext outlives its row here. */
  forget(contexts: string[]): void {
    const prefixes = contexts.map((c) => `${c}\n`);
    for (const key of this.opened.keys()) {
      if (prefixes.some((p) => key.startsWith(p))) this.opened.delete(key);
    }
  }
}

const openers = new WeakMap<Vault, NameOpener>();

/** One opener per vault, shared by every store made with it, so a deletion is forgotten by all of them. */
export function namesOpenedBy(vault: Vault): NameOpener {
  let opener = openers.get(vault);
  if (!opener) openers.set(vault, (opener = new NameOpener(vault)));
  return opener;
}
