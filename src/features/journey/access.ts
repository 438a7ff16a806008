/** Space access is shared with agreements, which journeys build on (see agreements/access.ts). */
export { membershipOf, requirePartner, spaceAccess } from '../agreements/index.js';
export type { Actor, SpaceAccess } from '../agreements/index.js';
