/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { dailyQuestionCard } from './views/home-card.js';
