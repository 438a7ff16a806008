import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '../../metrics/metrics.js';

/** Health checks come every few seconds from a proxy or an orchestrator: logged at debug, not info. */
const HEALTH_ROUTES = new Set(['/healthz', '/readyz']);
/** At most one proxy warning this often (a busy proxied site would otherwise log it with every request). */
const PROXY_WARNING_EVERY_MS = 60 * 60 * 1000;
const UNMATCHED = '(unmatched)';

/**
 * Request ids unique across servers and restarts: a random prefix per server, then a counter. Short
 * to read in a log, and nothing in them says who asked.
 */
export function requestIds(): () => string {
  const prefix = randomBytes(6).toString('base64url');
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** A request's route pattern (`/spaces/:spaceId`), never its URL, which may carry an id or a code. */
export const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? UNMATCHED;

const logged = Symbol('logged');

/**
 * One log line per request, when its answer is sent: method, route pattern, status and time, with
 * Fastify's request id (`reqId`) — in place of Fastify's two lines, of which only the first named
 * the route. The same moment counts the request in the metrics. And one warning, now and then, when
 * requests come through a proxy Mend was not told to trust.
 */
export const requestLog = fp(async (app: FastifyInstance, { metrics, trustProxy }: { metrics: Metrics; trustProxy: boolean }) => {
  let proxyWarnedAt = -Infinity;
  const warnOfUntrustedProxy = (request: FastifyRequest): void => {
    if (request.headers['x-forwarded-for'] === undefined) return;
    const now = performance.now();
    if (now - proxyWarnedAt < PROXY_WARNING_EVERY_MS) return;
    proxyWarnedAt = now;
    app.log.warn(
      { trustProxy: false },
      'Requests arrive through a proxy (they carry X-Forwarded-For) but MEND_TRUST_PROXY is off, so Mend sees the proxy as the only client: ' +
        'sign-in and sign-up rate limits then count every person as one, and one person’s failed sign-ins can lock everyone out. ' +
        'Set MEND_TRUST_PROXY to the proxy’s address (or the number of proxies in front of Mend); see docs/deployment.md.',
    );
  };
  // Callback hooks, not async ones: an async hook costs every request a promise and a turn of the
  // microtask queue (docs/performance.md, the kept progress API).
  if (!trustProxy) {
    app.addHook('onRequest', (request, _reply, done) => {
      warnOfUntrustedProxy(request);
      done();
    });
  }

  app.addHook('onResponse', (request, reply, done) => {
    (request as unknown as Record<symbol, boolean>)[logged] = true;
    const route = routeOf(request);
    const ms = reply.elapsedTime;
    metrics.request(request.method, route, reply.statusCode, ms / 1000);
    const level = HEALTH_ROUTES.has(route) ? 'debug' : 'info';
    request.log[level]({ method: request.method, route, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    done();
  });

  // A client that hung up before its answer: no onResponse; still one line, without a status.
  app.addHook('onRequestAbort', (request, done) => {
    if (!(request as unknown as Record<symbol, boolean>)[logged])
      request.log.info({ method: request.method, route: routeOf(request), status: null, aborted: true }, 'request');
    done();
  });
});
