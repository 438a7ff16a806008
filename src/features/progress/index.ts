/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { Checkin, DateString, DayMark, LogEntry, MonthString, NumbersShared, ReassuranceRequest, Score, TextIn } from './api-schemas.js';
export {
  consistencyChartOptions,
  measureChartOptions,
  measureWords,
  MEASURE_TITLES,
  reviewChartOptions,
  verdictWords,
  TREND_NEEDS,
  type ChartName,
} from './views/progress-page.js';
export type { PartnerProgress, Progress } from './progress.js';
export { progressHomeSection } from './home-pointer.js';
