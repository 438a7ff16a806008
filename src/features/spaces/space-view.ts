import { viewerOf, type SpaceMembership, type Viewer } from '../../core/visibility/index.js';
import type { LayoutSpace } from '../../platform/web/layout.js';
import type { SpaceService } from './service.js';
import type { Space } from './store.js';

/** A space as one member sees it, with the viewer the visibility policy needs. */
export interface SpaceView {
  space: Space;
  viewer: Viewer;
  membership: SpaceMembership;
  partnerIds: string[];
  isPartner: boolean;
}

/**
 * Who can see what in a space, read once from its active membership: every feature asks here, so
 * there is one answer to "who is this person in this space". Strangers get 404 (from forMember).
 */
export async function spaceView(spaces: SpaceService, accountId: string, spaceId: string): Promise<SpaceView> {
  const space = await spaces.forMember(accountId, spaceId);
  const partnerIds = space.members.filter((m) => m.role === 'partner').map((m) => m.accountId);
  const therapist = space.members.find((m) => m.role === 'therapist');
  const membership: SpaceMembership = {
    partnerIds,
    therapist: therapist ? { accountId: therapist.accountId, active: therapist.status === 'active' } : null,
  };
  return { space, viewer: viewerOf(accountId, membership), membership, partnerIds, isPartner: partnerIds.includes(accountId) };
}

/** The space as the page layout names it. */
export const layoutSpaceOf = (view: SpaceView): LayoutSpace => ({
  id: view.space.id,
  name: view.space.name,
  partnerNames: view.space.members.filter((m) => m.role === 'partner').map((m) => m.displayName),
});

/** Each member's display name by account id. */
export const namesOf = (view: SpaceView) => new Map(view.space.members.map((m) => [m.accountId, m.displayName]));
