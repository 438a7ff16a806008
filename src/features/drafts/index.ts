/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { NO_DRAFTS, type Draft, type DraftBook } from './draft.js';
export { draftAt, draftSave, draftTop, withDraft } from './views/draft-parts.js';
/** The island that keeps drafts while a person types; pages with a draft-keeping form load it. */
export const DRAFT_SCRIPT = '/static/drafts.js';
