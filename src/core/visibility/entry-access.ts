import { hasOwnSealedEntry, sealedPairOpen, wasOpened, type OpenedPair } from '../journey/sealed-pair.js';
import { textAccess, type Access } from './access.js';
import type { EntrySubject } from './subjects.js';
import type { Viewer } from './viewer.js';

/**
 * The journey's other entries, needed to know whether a sealed pair is open. Pass every entry of
 * the journey; entries left out can only keep a pair sealed, never open one.
 */
export interface EntryContext {
  readonly entries: readonly Pick<EntrySubject, 'journeyId' | 'prompt' | 'authorId' | 'visibility'>[];
  /**
   * The pairs that have opened (core/journey/sealed-pair.ts). An opened pair stays open for both
   * partners even after a half is deleted; left out, a pair is judged by its halves alone.
   */
  readonly openedPairs?: readonly OpenedPair[];
}

/** How much of a journey entry the viewer may see. */
export function canSeeEntry(viewer: Viewer, entry: EntrySubject, context: EntryContext): Access {
  if (entry.visibility !== 'sealed') return textAccess(viewer, entry);
  // Both partners had their halves when it opened: it is read as shared from then on.
  if (wasOpened(context.openedPairs ?? [], entry.prompt, entry.journeyId))
    return textAccess(viewer, entry, { pairOpen: true, viewerHasOwn: true });
  const all = [...context.entries, entry];
  const pairOpen = sealedPairOpen(all, entry.prompt, entry.journeyId);
  const viewerHasOwn = viewer.accountId !== null && hasOwnSealedEntry(all, entry.prompt, viewer.accountId, entry.journeyId);
  return textAccess(viewer, entry, { pairOpen, viewerHasOwn });
}
