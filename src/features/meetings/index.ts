/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { MEETING_KEY } from './store.js';
export { AGENDA_SECTIONS } from './service.js';
export type { Meeting, MeetingAgenda, MeetingStore } from './store.js';
export { meetingsPage, newMeetingPage } from './views/meetings-page.js';
export { meetingScheduleSection, pastMeetingsSection } from './views/meetings-page.js';
