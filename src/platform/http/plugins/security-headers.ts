import helmet from 'helmet';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * A strict Content-Security-Policy: everything from Mend's own origin, no inline scripts or
 * styles, no third parties, and no framing. Pages must work with exactly this.
 */
const cspDirectives = (https: boolean): Record<string, string[]> => ({
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  // The web app manifest and the service worker (/manifest.webmanifest, /sw.js): this origin only.
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  ...(https ? { upgradeInsecureRequests: [] } : {}),
});

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

/**
 * Helmet's headers for Mend's settings, read once: helmet's middleware is run against a response
 * that only records what is set. Every header is the same on every response (no nonces), so
 * requests get a copy of this list instead of a run through helmet's dozen middleware functions.
 */
function helmetHeaders(https: boolean): Record<string, string> {
  const applyHelmet = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(https) },
    // HSTS only makes sense when Mend is actually served over HTTPS.
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  let failed: unknown = null;
  applyHelmet({} as never, recorder as never, (error?: unknown) => {
    finished = true;
    failed = error ?? null;
  });
  // A helmet that finished later (asynchronously) would leave this list short without a word.
  if (!finished) throw new Error('helmet did not set its headers synchronously; the security headers cannot be read once');
  if (failed) throw failed instanceof Error ? failed : new Error('helmet refused its configuration');
  return headers;
}

/**
 * Every response's security headers: helmet's, the Permissions-Policy, and `no-store` unless a
 * route sets its own Cache-Control. Also what Fastify's own early answers carry (a broken escape,
 * an overlong path), which are sent before any hook runs.
 */
export function securityHeaderValues(opts: { https: boolean }): Record<string, string> {
  return { ...helmetHeaders(opts.https), 'permissions-policy': PERMISSIONS_POLICY, 'cache-control': 'no-store' };
}

export const securityHeaders = fp(async (app: FastifyInstance, opts: { https: boolean }) => {
  const { 'cache-control': noStore, ...always } = securityHeaderValues(opts);
  // Synchronous hooks: an async hook costs every request a promise and a trip through the
  // microtask queue, for work that never waits.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(always);
    done();
  });
  // Decided at the end, when a route (or @fastify/static, on the raw response, which
  // reply.hasHeader also looks at) has had its say.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', noStore);
    done(null, payload);
  });
});
