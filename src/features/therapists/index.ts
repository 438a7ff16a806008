/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { ACCESS_LOG_KEY } from './store.js';
export { accessLogPage, caseloadPage, therapistCard } from './views/therapist-pages.js';
export { consentToTherapist, removeTherapist } from './actions.js';
