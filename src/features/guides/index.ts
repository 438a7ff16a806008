export { affairGuideLink, hardDayGuidesCard, stepGuideLinks } from './views/guide-links.js';
