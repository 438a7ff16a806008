/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { agreementLogPages } from './pages.js';
export { loadAgreementLogPage } from './page-model.js';
export type { AgreementLogPageModel } from './page-model.js';
export { agreementLogSection } from './views/agreement-log-page.js';
export { weekLogSection } from './views/week-log.js';
export type { WeekLogModel } from './views/week-log.js';
export { loadWeekLog } from './page-model.js';
