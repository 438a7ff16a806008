/** The rules of the printable report and the therapist's session summary (docs/report.md). */
export { logByMonth, type AgreementMonths, type LoggedOccasion, type MonthTally } from './log-months.js';
export { consistencyWords, FIRM_WIDTH, ROUGH_WIDTH, type ConsistencyWords } from './consistency-words.js';
export { changedSince, datedSince, verdictChanges, visitsOf, VISIT_GAP_MINUTES, type VerdictChange, type Visits } from './last-visit.js';
