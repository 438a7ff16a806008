/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { Checkin, DateString, DayMark, LogEntry, MonthString, NumbersShared, ReassuranceRequest, Score, TextIn } from './api-schemas.js';
export { verdictWords } from './views/progress-page.js';
export { reportPage } from './views/report-page.js';
