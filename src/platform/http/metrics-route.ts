import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createLimiter } from './rate-limiter.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * `/metrics` for Prometheus, only when MEND_METRICS_TOKEN is set (otherwise there is no such page:
 * 404), and only with `Authorization: Bearer <token>`. The token is compared in constant time (as
 * digests, so its length does not show either), and wrong tokens are counted per address like
 * failed sign-ins: after 20 in 15 minutes that address waits. The counters live in this server's
 * memory — each server is scraped on its own — so a scrape does not need the database, and still
 * answers during an outage, when its figures matter most.
 */
export async function metricsRoute(app: FastifyInstance): Promise<void> {
  const { config, metrics, store, vault } = app.mend;
  if (config.metricsToken === null || !metrics.on) return;
  const expected = digest(config.metricsToken);
  const wrongByAddress = await createLimiter({ ...store, pgPool: null }, vault, {
    name: 'metrics-addr',
    points: 20,
    durationSeconds: 15 * 60,
  });

  app.get('/metrics', { schema: { hide: true }, config: { wayOut: true } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const wait = await wrongByAddress.blockedFor(request.ip);
    if (wait > 0) {
      return reply.status(429).header('Retry-After', String(wait)).type('text/plain; charset=utf-8').send('Too many wrong tokens; wait.\n');
    }
    const header = request.headers.authorization ?? '';
    const given = /^Bearer (\S+)$/i.exec(header)?.[1] ?? '';
    if (!timingSafeEqual(digest(given), expected)) {
      await wrongByAddress.hit(request.ip);
      return reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer realm="mend-metrics"')
        .type('text/plain; charset=utf-8')
        .send('The metrics need Authorization: Bearer <MEND_METRICS_TOKEN>.\n');
    }
    const { contentType, body } = await metrics.exposition();
    return reply.type(contentType).send(body);
  });
}
