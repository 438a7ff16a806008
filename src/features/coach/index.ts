/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { coachFindingsHtml, coachSummaryHtml } from './views/coach-findings.js';
