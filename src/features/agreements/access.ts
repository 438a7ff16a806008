import { viewerOf, type SpaceMembership, type Viewer } from '../../core/visibility/index.js';
import { fail, refuse } from '../../platform/errors.js';
import type { Space, SpaceStore } from '../spaces/index.js';

/*
 * Who may read and write a space's journeys and their agreements. It lives with agreements because
 * journeys build on them (step 3), never the other way round; journey/access.ts passes it on.
 */

export type { Actor } from '../../core/actor.js';

export interface SpaceAccess {
  space: Space;
  viewer: Viewer;
  /** Active partners of the space, in joining order: one (solo) or two. */
  partnerIds: string[];
}

/**
 * The viewer relative to a space, from its membership (core/visibility decides what they see).
 * Anyone the space's records are not visible to — a stranger, a pending or revoked therapist, a
 * partner who left — gets `not_found`, indistinguishable from a space that does not exist.
 */
export async function spaceAccess(spaces: SpaceStore, accountId: string, spaceId: string): Promise<SpaceAccess> {
  // Nothing of the space is opened for someone who is not one of its active members.
  const space = await spaces.forActiveMember(spaceId, accountId);
  if (!space) fail('not_found');
  const partnerIds = space.members.filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId);
  const therapist = space.members.find((m) => m.role === 'therapist' && m.accountId === accountId);
  const viewer = viewerOf(accountId, {
    partnerIds,
    therapist: therapist ? { accountId: therapist.accountId, active: therapist.status === 'active' } : null,
  });
  if (viewer.relation === 'none' || (viewer.relation === 'therapist' && !viewer.therapistActive)) fail('not_found');
  return { space, viewer, partnerIds };
}

/** Writing is for partners; a therapist who may read gets 403, not 404. */
export function requirePartner(access: SpaceAccess): void {
  if (access.viewer.relation !== 'partner') refuse('partners_only');
}

/** The space's membership as the visibility policy reads it, to decide who may be told what. */
export function membershipOf(access: SpaceAccess): SpaceMembership {
  const therapist = access.space.members.find((m) => m.role === 'therapist');
  return {
    partnerIds: access.partnerIds,
    therapist: therapist ? { accountId: therapist.accountId, active: therapist.status === 'active' } : null,
  };
}
