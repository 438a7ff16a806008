import type {
  ConsistencyScore,
  DivergenceFinding,
  Milestone,
  PartnerReviewSeries,
  PulseMeasure,
  RedFlag,
  Trend,
} from '../../core/progress/index.js';
import type { CheckinView } from '../checkin/index.js';

/** How things are going in a space, as one viewer may see it (computed by service.ts, kept by progress-cache.ts). */
export interface PartnerProgress {
  accountId: string;
  displayName: string;
  /** Whether the viewer sees this partner's check-in numbers; when not, `trends` carry nothing of them. */
  numbersVisible: boolean;
  trends: Record<PulseMeasure, Trend>;
  consistency: ConsistencyScore;
  review: PartnerReviewSeries | null;
}

export interface Progress {
  today: string;
  partners: PartnerProgress[];
  divergence: DivergenceFinding[];
  redFlags: RedFlag[];
  milestones: Milestone[];
  /** The raw check-ins behind the charts (the last CHART_DAYS days), as the viewer may see them. */
  checkins: CheckinView[];
}
