/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { unpickedProblem, writtenNote } from './chosen-note.js';
export { REASSURANCE_KEY } from './store.js';
export type { ReassuranceRequest, ReassuranceStore, ReassuranceView } from './store.js';
export type { ReassuranceService } from './service.js';
export { noteVisibilityField } from './views/note-visibility.js';
export { reassurancePage } from './views/reassurance-page.js';
export { reassuranceSection } from './views/reassurance-page.js';
