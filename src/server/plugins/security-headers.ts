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
  manifestSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  ...(https ? { upgradeInsecureRequests: [] } : {}),
});

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

/**
 * The same headers as a response through the plugin below, for the few answers Fastify sends
 * before any hook runs (a broken escape, an overlong path). Kept equal to helmet's by a test.
 */
export function securityHeaderValues(opts: { https: boolean }): Record<string, string> {
  const csp = Object.entries(cspDirectives(opts.https))
    .map(([name, values]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...values].join(' '))
    .join(';');
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    'permissions-policy': PERMISSIONS_POLICY,
    'cache-control': 'no-store',
  };
}

export const securityHeaders = fp(async (app: FastifyInstance, opts: { https: boolean }) => {
  // helmet itself, built once: @fastify/helmet rebuilt the middleware on every request (about 5%
  // of a cached progress request, docs/performance.md) for per-route options Mend never uses.
  const applyHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: cspDirectives(opts.https),
    },
    // HSTS only makes sense when Mend is actually served over HTTPS.
    strictTransportSecurity: opts.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHelmet(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
});
