import { sealedPairOpen, wasOpened, type OpenedPair, type SealedPairEntry } from '../journey/sealed-pair.js';
import { isActiveTherapist, isPartnerViewer, type Viewer } from './viewer.js';

/**
 * The journey entries a viewer may see at least a stub of, in terms a database can apply before
 * it counts a page (so a page is never short because hidden entries took places, and never holds
 * one the viewer may not see). It says the same as `canSeeEntry` ≠ 'none'; the page is still
 * filtered through `filterVisible` after it is read, which also turns sealed halves into stubs.
 *
 * Shared entries are always in reach; anyone else's private entry never is.
 */
export interface EntryReach {
  /** The viewer's own entries, whatever their visibility: a partner's id; null for a therapist. */
  readonly ownBy: string | null;
  /** Other people's sealed entries: all of them (a partner sees a stub or the text), or only these prompts' (pairs that opened). */
  readonly sealed: 'all' | readonly string[];
}

/** What `viewer` may reach of one journey's entries, from the entries' facts (no text) and the pairs that opened. */
export function entryReach(
  viewer: Viewer,
  journeyId: string,
  entries: readonly SealedPairEntry[],
  openedPairs: readonly OpenedPair[],
): EntryReach | null {
  if (isPartnerViewer(viewer)) return { ownBy: viewer.accountId, sealed: 'all' };
  if (!isActiveTherapist(viewer)) return null;
  const prompts = [...new Set(entries.filter((e) => e.visibility === 'sealed').map((e) => e.prompt))];
  return { ownBy: null, sealed: prompts.filter((p) => wasOpened(openedPairs, p, journeyId) || sealedPairOpen(entries, p, journeyId)) };
}
