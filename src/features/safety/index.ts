/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { groundingCard, reassuranceCard, supportCard } from './views/hard-day/hard-day-cards.js';
export { quickExitSetting } from './views/quick-exit-setting.js';
export { screeningDueCard } from './views/safety-pages.js';
