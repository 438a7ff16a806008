import { AsyncLocalStorage } from 'node:async_hooks';
import type { PersonalKey } from './personal-key.js';

/**
 * The personal key of whoever a request is from, held for that request only (issue #23). The
 * vault seals and opens author-only texts with it when, and only when, the text's owner is that
 * person: a request can never open someone else's private words, even by mistake, because it
 * holds no key of theirs. Outside a request (the CLI, reminders, other background work) nothing
 * is held, so private texts stay closed there.
 */
interface Held {
  accountId: string | null;
  key: PersonalKey | null;
  /** The operator's own work (`mend export-user`): texts only their author may read stay closed even when still under the server's key. */
  closed?: boolean;
}

const requests = new AsyncLocalStorage<Held>();

/** Runs `fn` as one request: whatever it holds is forgotten when it ends. */
export function withinRequest<T>(fn: () => T): T {
  return requests.run({ accountId: null, key: null }, fn);
}

/** Holds `key` as `accountId`'s for the rest of this request (no-op outside a request). */
export function holdPersonalKey(accountId: string, key: PersonalKey): void {
  const held = requests.getStore();
  if (!held) return;
  held.accountId = accountId;
  held.key = key;
}

/** The personal key this request holds for `owner`, or null (another person's, or none held). */
export function heldPersonalKey(owner: string | null): PersonalKey | null {
  const held = requests.getStore();
  return held && owner !== null && held.accountId === owner ? held.key : null;
}

/**
 * Runs `fn` as the operator: no author-only text opens in it, not even one written before its
 * author had a personal key (docs/encryption.md), so what the operator's commands give out is the
 * same whether or not that person has signed in since the upgrade.
 */
export function asOperator<T>(fn: () => T): T {
  return requests.run({ accountId: null, key: null, closed: true }, fn);
}

/** Whether this is the operator's work, in which author-only texts stay closed. */
export const authorOnlyClosed = (): boolean => requests.getStore()?.closed === true;

/** Runs `fn` holding `key` for `accountId` (the CLI's and tests' way in; a request holds it from its session). */
export function asPerson<T>(accountId: string, key: PersonalKey, fn: () => T): T {
  return requests.run({ accountId, key }, fn);
}
