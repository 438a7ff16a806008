/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { membershipOf, requirePartner, spaceAccess } from './access.js';
export type { Actor, SpaceAccess } from './access.js';
export { Date_ } from './api-schemas.js';
export { loadJourney } from './facts.js';
export type { JourneyStores } from './facts.js';
export { formatDate, nameOf, radios, textArea } from './views/common.js';
export type { JourneyPageModel } from './views/common.js';
export { journeyListSection } from './views/overview.js';
export { loadJourneyPage } from './page-model.js';
export { loadJourneyStory, type JourneyStory } from './story.js';
export { journeyStepsSection } from './views/overview.js';
