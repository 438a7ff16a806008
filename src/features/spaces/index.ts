/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export type { SpaceService } from './service.js';
export type { MemberRevision, SpaceRevisionStore, SpaceRevisionTables } from './space-revisions.js';
export { CASELOAD_KEY, SpaceStore } from './store.js';
export type { FormerPartner, Space } from './store.js';
export { departuresOfView, layoutSpaceOf, namesOf, spaceView, withFormerPartners, type SpaceView } from './space-view.js';
export { spaceDto } from './dto.js';
export { liveMembership } from './live-membership.js';
export { waitingPanel } from './views/waiting-panel.js';
