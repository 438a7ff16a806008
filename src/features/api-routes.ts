import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/api.js';
import { agreementLogRoutes } from './agreement-log/api.js';
import { checkinNumbersRoutes } from './checkin/numbers-api.js';
import { checkinRoutes } from './checkin/api.js';
import { meetingRoutes } from './meetings/api.js';
import { monthlyReviewRoutes } from './monthly-review/api.js';
import { notificationRoutes } from './notifications/api.js';
import { progressRoutes } from './progress/api.js';
import { reassuranceRoutes } from './reassurance/api.js';
import { agreementRoutes } from './agreements/api.js';
import { journeyRoutes } from './journey/api.js';
import { coachRoutes } from './coach/api.js';
import { safetyRoutes } from './safety/api.js';
import { therapistRoutes } from './therapists/api.js';
import { meRoutes } from './accounts/me-api.js';
import { quickExitRoutes } from './safety/quick-exit-api.js';
import { sessionRoutes } from './accounts/sessions-api.js';
import { passwordResetRoutes } from './accounts/password-resets-api.js';
import { spaceRoutes } from './spaces/api.js';
import { liveEventRoutes } from './spaces/events-api.js';
import { pushRoutes } from './push/api.js';
import { draftRoutes } from './drafts/api.js';
import { dailyQuestionRoutes } from './daily-question/api.js';

/** The JSON API under /api: v1 routes and the OpenAPI document that describes them. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  // An empty body with a JSON content type is treated as "no body" rather than malformed JSON.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined);
    parseJson(request, body as string, done);
  });

  // A request with no body is read as an empty object, so optional bodies need no special case
  // and a missing required field is reported by name.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined || request.body === null) request.body = {};
    done();
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (v1) => {
      await v1.register(accountRoutes);
      await v1.register(sessionRoutes);
      await v1.register(meRoutes);
      await v1.register(passwordResetRoutes);
      await v1.register(quickExitRoutes);
      await v1.register(spaceRoutes);
      await v1.register(checkinRoutes);
      await v1.register(reassuranceRoutes);
      await v1.register(monthlyReviewRoutes);
      await v1.register(meetingRoutes);
      await v1.register(checkinNumbersRoutes);
      await v1.register(progressRoutes);
      await v1.register(agreementLogRoutes);
      await v1.register(notificationRoutes);
      await v1.register(pushRoutes);
      await v1.register(journeyRoutes);
      await v1.register(agreementRoutes);
      await v1.register(coachRoutes);
      await v1.register(safetyRoutes);
      await v1.register(therapistRoutes);
      await v1.register(liveEventRoutes);
      await v1.register(draftRoutes);
      await v1.register(dailyQuestionRoutes);
    },
    { prefix: '/v1' },
  );
}
