import type { FastifyInstance } from 'fastify';
import { agreementLogRoutes } from './agreement-log/api.js';
import { checkinNumbersRoutes } from './checkin/numbers-api.js';
import { checkinRoutes } from './checkin/api.js';
import { notificationRoutes } from './notifications/api.js';
import { progressRoutes } from './progress/api.js';

/** The routes of issue #4: check-ins and meetings, progress, the agreement log, notifications. */
export async function rhythmRoutes(app: FastifyInstance): Promise<void> {
  await app.register(checkinRoutes);
  await app.register(checkinNumbersRoutes);
  await app.register(progressRoutes);
  await app.register(agreementLogRoutes);
  await app.register(notificationRoutes);
}
