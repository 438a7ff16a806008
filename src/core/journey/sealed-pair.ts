import type { Visibility } from '../visibility/text-visibility.js';

/**
 * Sealed pairs (SPEC section 3): each partner writes their own entry for the same prompt; the
 * pair opens for both at the moment the second partner submits theirs. Until then the partner
 * sees only that an entry exists.
 *
 * Once a pair has opened it stays open, for both partners, whatever happens to its halves: the
 * opening is recorded (`SealedPairOpening`, stored beside the entries). If the other half sealed
 * again when one partner deleted theirs, that partner could write a throwaway half and read the
 * other's again — or read it before writing anything real. So a deleted half shows as removed by
 * its author, the remaining half stays readable, and a half written again is read at once.
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
  return entries.filter((e) => e.prompt === prompt && e.visibility === 'sealed' && (journeyId === undefined || e.journeyId === journeyId));
}

/** A pair's opening, recorded when it happened: the time, and its two authors (null once deleted). */
export interface SealedPairOpening {
  readonly journeyId: string;
  readonly prompt: string;
  readonly openedAt: string;
  readonly authorIds: readonly (string | null)[];
}

/** Which pairs have opened, as the visibility rules need it. */
export type OpenedPair = Pick<SealedPairOpening, 'journeyId' | 'prompt'>;

/** True when the pair for `prompt` (in `journeyId`, if given) is among `opened`. */
export function wasOpened(opened: readonly OpenedPair[], prompt: string, journeyId?: string): boolean {
  return opened.some((o) => o.prompt === prompt && (journeyId === undefined || o.journeyId === journeyId));
}

/** True when two different partners have each submitted a sealed entry for `prompt` (and so it opens). */
export function sealedPairOpen(entries: readonly SealedPairEntry[], prompt: string, journeyId?: string): boolean {
  return new Set(sealedOf(entries, prompt, journeyId).map((e) => e.authorId)).size >= 2;
}

/**
 * The opening to record now, when both halves stand and none is recorded yet: its time (the
 * second author's first half) and its two authors, first to write first. Null otherwise.
 */
export function openingToRecord(
  entries: readonly SealedPairEntry[],
  prompt: string,
  journeyId: string,
  opened: readonly OpenedPair[],
): SealedPairOpening | null {
  if (wasOpened(opened, prompt, journeyId)) return null;
  const openedAt = sealedPairOpenedAt(entries, prompt, journeyId);
  if (openedAt === null) return null;
  const firsts = new Map<string, string>();
  for (const e of sealedOf(entries, prompt, journeyId)) {
    const at = e.createdAt ?? '';
    if (!firsts.has(e.authorId) || at < firsts.get(e.authorId)!) firsts.set(e.authorId, at);
  }
  const authorIds = [...firsts.entries()]
    .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0))
    .slice(0, 2)
    .map(([id]) => id);
  return { journeyId, prompt, openedAt, authorIds };
}

/**
 * The authors of an opened pair whose half is gone now (each deleted it; null: an author whose
 * account was deleted). Empty while both halves stand.
 */
export function removedHalves(entries: readonly SealedPairEntry[], opening: SealedPairOpening): Array<string | null> {
  const standing = new Set(sealedOf(entries, opening.prompt, opening.journeyId).map((e) => e.authorId));
  return opening.authorIds.filter((id) => id === null || !standing.has(id));
}

/** True when `accountId` has submitted their own sealed entry for `prompt`. */
export function hasOwnSealedEntry(entries: readonly SealedPairEntry[], prompt: string, accountId: string, journeyId?: string): boolean {
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
