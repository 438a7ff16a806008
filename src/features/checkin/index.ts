/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { layoutSpaceOf, namesOf } from './pages.js';
export { NOTE_MAX, noteFrom, notificationsOn, spaceView } from './service.js';
export type { CheckinService, CheckinView, ReassuranceView, SpaceView, TextInput } from './service.js';
export type { CheckinStore, NoteVisibility, StoredNote } from './store.js';
export { checkinNumbersSetting } from './views/numbers-setting.js';
