/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export type { ReviewStore, StoredReview } from './store.js';
export type { MonthlyReviewInput, MonthlyReviewService } from './service.js';
export { monthlyReviewPage } from './views/review-page.js';
