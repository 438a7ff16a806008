/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { accountReports, spaceReport, type SpaceReport } from './gather.js';
export { reportPage } from './views/report-page.js';
export { reportPages } from './pages.js';
