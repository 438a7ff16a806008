import type { FastifyInstance } from 'fastify';
import { accountPages } from './accounts/settings-pages.js';
import { checkinNumbersSettingPages } from './checkin/numbers-setting-pages.js';
import { authPages } from './accounts/pages.js';
import { passwordPages } from './accounts/password-pages.js';
import { homePages } from './spaces/home-pages.js';
import { journeyPages } from './journey/pages.js';
import { spacePages } from './spaces/pages.js';
import { checkinPages } from './checkin/pages.js';
import { reassurancePages } from './reassurance/pages.js';
import { meetingPages } from './meetings/pages.js';
import { monthlyReviewPages } from './monthly-review/pages.js';
import { notificationPages } from './notifications/pages.js';
import { progressPages } from './progress/pages.js';
import { agreementLogPages } from './agreement-log/pages.js';
import { decisionGuidePages } from './decision-guide/pages.js';
import { safetyPages } from './safety/pages.js';
import { livePages } from './live-fragments.js';
import { hardDayPages } from './safety/hard-day-pages.js';
import { quickExitPages } from './safety/quick-exit-pages.js';
import { reportPages } from './report/index.js';

/** The server-rendered pages. Every flow works with plain HTML forms; scripts only add comfort. */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(homePages);
  await app.register(authPages);
  await app.register(passwordPages);
  await app.register(spacePages);
  await app.register(journeyPages);
  await app.register(checkinPages);
  await app.register(reassurancePages);
  await app.register(meetingPages);
  await app.register(monthlyReviewPages);
  await app.register(notificationPages);
  await app.register(progressPages);
  await app.register(agreementLogPages);
  await app.register(decisionGuidePages);
  await app.register(accountPages);
  await app.register(checkinNumbersSettingPages);
  await app.register(safetyPages);
  await app.register(livePages);
  await app.register(hardDayPages);
  await app.register(quickExitPages);
  await app.register(reportPages);
}
