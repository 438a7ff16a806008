import type { EntryContext } from './entry-access.js';
import { filterVisible } from './filter-visible.js';
import type { SealedStub, Subject } from './subjects.js';
import type { Viewer } from './viewer.js';

/**
 * A user's export contains exactly what that user may see — the same decision as every page and
 * API response, so the two can never disagree. Call once per space with the user's Viewer for
 * that space and every item of the space; account-level items (their own safety screenings) are
 * included because `canSeeSafetyScreening` lets the owner see them.
 */
export function exportView<T extends Subject>(
  viewer: Viewer,
  items: readonly T[],
  context: EntryContext = { entries: [] },
): Array<T | SealedStub> {
  if (viewer.accountId === null) return [];
  return filterVisible(viewer, items, context);
}
