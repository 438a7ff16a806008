import type { FastifyInstance } from 'fastify';
import { accountPages } from './account.js';
import { checkinNumbersSettingPages } from './checkin-numbers-setting.js';
import { authPages } from './auth.js';
import { passwordPages } from './passwords.js';
import { homePages } from './home.js';
import { journeyPages } from './journeys.js';
import { spacePages } from './spaces.js';
import { rhythmPages } from './rhythm.js';
import { safetyPages } from './safety.js';
import { livePages } from './live.js';
import { hardDayPages } from './hard-day.js';
import { quickExitPages } from './quick-exit.js';

/** The server-rendered pages. Every flow works with plain HTML forms; scripts only add comfort. */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(homePages);
  await app.register(authPages);
  await app.register(passwordPages);
  await app.register(spacePages);
  await app.register(journeyPages);
  await app.register(rhythmPages);
  await app.register(accountPages);
  await app.register(checkinNumbersSettingPages);
  await app.register(safetyPages);
  await app.register(livePages);
  await app.register(hardDayPages);
  await app.register(quickExitPages);
}
