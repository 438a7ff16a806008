/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { NOTE_MAX, noteFrom } from './service.js';
export type { CheckinService, CheckinView, TextInput } from './service.js';
export type { CheckinStore, NoteVisibility, StoredNote } from './store.js';
export { checkinNumbersSetting } from './views/numbers-setting.js';
export { COACH_SCRIPTS, coachFor, inputErrors, olderOf } from './page-helpers.js';
/** Kept for the agreement log until it imports them from spaces (issue #17). */
export { layoutSpaceOf, namesOf, spaceView, type SpaceView } from '../spaces/index.js';
