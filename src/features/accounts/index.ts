/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export type { AccountService, Authenticated } from './service.js';
export { showSettings } from './settings-view.js';
export type { Account } from './store.js';
export { passwordRefusal } from './password-refusal.js';
