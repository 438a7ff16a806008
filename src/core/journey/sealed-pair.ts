import type { Visibility } from '../visibility/text-visibility.js';

/**
 * Sealed pairs (SPEC section 3): each partner writes their own entry for the same prompt; the
 * pair opens for both at the moment the second partner submits theirs. Until then the partner
 * sees only that an entry exists.
 *
 * Decision: "open" is computed from the entries that exist now. If one partner deletes their half
 * after the reveal, the other half seals again — nobody can hold the other's entry open without
 * their own standing beside it (failing closed is the safe side of a privacy rule).
 */
export interface SealedPairEntry {
  readonly prompt: string;
  readonly authorId: string;
  readonly visibility: Visibility;
  readonly createdAt?: string;
  /** When given together with the `journeyId` argument, only entries of that journey count. */
  readonly journeyId?: string;
}

function sealedOf(entries: readonly SealedPairEntry[], prompt: string, journeyId?: string): SealedPairEntry[] {
  return entries.filter(
    (e) => e.prompt === prompt && e.visibility === 'sealed' && (journeyId === undefined || e.journeyId === journeyId),
  );
}

/** True when two different partners have each submitted a sealed entry for `prompt`. */
export function sealedPairOpen(entries: readonly SealedPairEntry[], prompt: string, journeyId?: string): boolean {
  return new Set(sealedOf(entries, prompt, journeyId).map((e) => e.authorId)).size >= 2;
}

/** True when `accountId` has submitted their own sealed entry for `prompt`. */
export function hasOwnSealedEntry(
  entries: readonly SealedPairEntry[],
  prompt: string,
  accountId: string,
  journeyId?: string,
): boolean {
  return sealedOf(entries, prompt, journeyId).some((e) => e.authorId === accountId);
}

/** When the pair opened: the first entry of the second author to submit; null while sealed. */
export function sealedPairOpenedAt(entries: readonly SealedPairEntry[], prompt: string, journeyId?: string): string | null {
  const firstByAuthor = new Map<string, string>();
  for (const e of sealedOf(entries, prompt, journeyId)) {
    if (e.createdAt === undefined) continue;
    const prev = firstByAuthor.get(e.authorId);
    if (prev === undefined || e.createdAt < prev) firstByAuthor.set(e.authorId, e.createdAt);
  }
  if (firstByAuthor.size < 2) return null;
  const times = [...firstByAuthor.values()].sort();
  return times[1] ?? null;
}
