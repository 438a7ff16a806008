import { viewerOf, type SpaceMembership, type Viewer } from '../../core/visibility/index.js';
import type { LayoutSpace } from '../../platform/web/layout.js';
import type { SpaceService } from './service.js';
import type { FormerPartner, Space } from './store.js';
import { departedName, departuresOf, type Departures } from '../../platform/web/components/former-partners.js';

/** A space as one member sees it, with the viewer the visibility policy needs. */
export interface SpaceView {
  space: Space;
  viewer: Viewer;
  membership: SpaceMembership;
  partnerIds: string[];
  isPartner: boolean;
  /** The partners who left the space, when a page that shows what they wrote asked for them (`withFormerPartners`). */
  former?: readonly FormerPartner[];
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
  therapist: view.viewer.relation === 'therapist',
});

/**
 * The view with the partners who left the space: pages that show what people wrote ask for them,
 * so a partner who left is named and a deleted partner's removed words are said to be removed.
 */
export async function withFormerPartners(spaces: SpaceService, view: SpaceView): Promise<SpaceView> {
  return { ...view, former: await spaces.formerPartners(view.viewer.accountId ?? '', view.space.id) };
}

/** Each member's display name by account id, and each partner who left, when the view has them. */
export const namesOf = (view: SpaceView) =>
  new Map([
    ...(view.former ?? []).map((f): [string, string] => [f.accountId, departedName(f, view.isPartner ? 'partner' : 'therapist')]),
    ...view.space.members.map((m): [string, string] => [m.accountId, m.displayName]),
  ]);

/** The partners who left, by account id (empty unless the view was read `withFormerPartners`). */
export const departuresOfView = (view: SpaceView): Departures => departuresOf(view.former ?? []);
