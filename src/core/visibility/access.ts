import type { Visibility } from './text-visibility.js';
import { isActiveTherapist, isPartnerViewer, type Viewer } from './viewer.js';

/**
 * What a viewer gets of an item: all of it, only the fact that a sealed entry exists, or nothing
 * at all (and then the item must be indistinguishable from one that does not exist).
 */
export type Access = 'full' | 'sealed_stub' | 'none';

/**
 * The one rule for a piece of text with a visibility (SPEC section 3):
 * - private: its author, and only while they are a partner of the space;
 * - shared: both partners, and a therapist while their access is active;
 * - sealed: its author; the other partner in full only once the pair is open and they have their
 *   own entry for the prompt, otherwise a stub; a therapist only once the pair is open (an opened
 *   pair is read by both partners, so it counts as shared), never a stub.
 * Anyone else — a stranger, a signed-out visitor, a revoked therapist — gets nothing.
 */
export function textAccess(
  viewer: Viewer,
  text: { readonly authorId: string; readonly visibility: Visibility },
  sealed: { readonly pairOpen: boolean; readonly viewerHasOwn: boolean } = { pairOpen: false, viewerHasOwn: false },
): Access {
  if (isPartnerViewer(viewer)) {
    if (text.authorId === viewer.accountId) return 'full';
    switch (text.visibility) {
      case 'private':
        return 'none';
      case 'shared':
        return 'full';
      case 'sealed':
        return sealed.pairOpen && sealed.viewerHasOwn ? 'full' : 'sealed_stub';
    }
  }
  if (isActiveTherapist(viewer)) {
    if (text.visibility === 'shared') return 'full';
    if (text.visibility === 'sealed' && sealed.pairOpen) return 'full';
  }
  return 'none';
}

/** Records that carry no free text of their own (check-in scores, agreements, logs, breaches). */
export function spaceRecordAccess(viewer: Viewer): Access {
  return isPartnerViewer(viewer) || isActiveTherapist(viewer) ? 'full' : 'none';
}
