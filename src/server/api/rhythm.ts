import type { FastifyInstance } from 'fastify';
import { agreementLogRoutes } from './agreement-log.js';
import { checkinNumbersRoutes } from './checkin-numbers.js';
import { checkinRoutes } from './checkins.js';
import { notificationRoutes } from './notifications.js';
import { progressRoutes } from './progress.js';

/** The routes of issue #4: check-ins and meetings, progress, the agreement log, notifications. */
export async function rhythmRoutes(app: FastifyInstance): Promise<void> {
  await app.register(checkinRoutes);
  await app.register(checkinNumbersRoutes);
  await app.register(progressRoutes);
  await app.register(agreementLogRoutes);
  await app.register(notificationRoutes);
}
