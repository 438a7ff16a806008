import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { staticCacheControl } from './platform/web/assets.js';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './platform/config.js';
import { createContext, type AppContext, type ContextOptions } from './context.js';
import { apiRoutes } from './features/api-routes.js';
import { pageRoutes } from './features/page-routes.js';
import { healthRoutes } from './platform/http/health.js';
import { authentication } from './platform/http/plugins/auth.js';
import { csrfProtection } from './platform/http/plugins/csrf.js';
import { idempotencyKeys } from './platform/http/plugins/idempotency.js';
import { IdempotencyKeyStore } from './platform/http/idempotency-keys-store.js';
import { documentIdempotency } from './platform/http/idempotency-docs.js';
import { errorHandling, sendError, toMendError } from './platform/http/plugins/error-handler.js';
import { refuseNul } from './platform/http/plugins/refuse-nul.js';
import { securityHeaders, securityHeaderValues } from './platform/http/plugins/security-headers.js';
import { therapistAccessLog } from './features/therapists/access-log.js';
import { lazySchemas } from './platform/http/lazy-schemas.js';
import { loggerOptions } from './platform/http/logging.js';
import { staticDir } from './platform/http/paths.js';
import { installRoutes } from './platform/http/install.js';
import { requestIds, requestLog } from './platform/http/plugins/request-log.js';
import { metricsRoute } from './platform/http/metrics-route.js';

declare module 'fastify' {
  interface FastifyInstance {
    mend: AppContext;
    /** Every route's method and URL pattern, as registered (tests walk them all). */
    mendRoutes: Array<{ method: string; url: string }>;
    /** Compiles, a little at a time, every route schema no request has needed yet (main.ts, after listen). */
    compileRemainingSchemas: () => Promise<void>;
  }
}

/** Requests larger than this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface BuildOptions extends ContextOptions {
  /** Where log lines go instead of standard output (tests read them to prove what is not logged). */
  logStream?: { write(line: string): void };
}

/**
 * The whole request pipeline in one place: headers, errors, cookies, forms, CSRF, who is asking,
 * then the API, the pages and the health checks.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const ctx = await createContext(config, options);
  const schemas = lazySchemas();
  const frameworkHeaders = securityHeaderValues({ https: config.baseUrl.protocol === 'https:' });
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    // One line per request, written when it is answered (plugins/request-log.ts), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIds(),
    // A hop count is valid at run time (proxy-addr) though Fastify's types only list the other forms.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
    // A broken escape or an overlong segment is refused before routing: in Mend's error shape too.
    // Sent before any hook runs, so the security headers are set here.
    frameworkErrors: (error, request, reply) => void sendError(request, reply.headers(frameworkHeaders), toMendError(error)),
    // Validators and serializers are compiled on first use, not all at start-up (lazy-schemas.ts).
    schemaController: {
      compilersFactory: schemas.compilersFactory as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'],
    },
  });
  app.decorate('compileRemainingSchemas', schemas.warm);
  app.decorate('mend', ctx);
  for (const notice of ctx.encryption.notices) app.log[notice.level](notice.fields ?? {}, notice.message);
  // Where, and why, never what: a value that fails its check is not shown, and the operator is told.
  ctx.encryption.reportUnreadable = (b, reason) =>
    app.log.warn({ table: b.table, column: b.column, id: b.rowId, reason }, 'an encrypted value failed its check and was not shown');
  ctx.reportUntold = (what, error) => {
    const e = error as { name?: unknown; code?: unknown } | null;
    app.log.warn(
      { what, error: typeof e?.name === 'string' ? e.name : 'unknown', code: typeof e?.code === 'string' ? e.code : undefined },
      'a saved change could not be told to everyone',
    );
  };
  // A sign-in whose re-sealing of older private texts failed goes on; the next one carries on the walk.
  ctx.personalKeys.onResealFailed = (error) => {
    const e = error as { name?: unknown; code?: unknown } | null;
    app.log.warn(
      {
        what: 'reseal-private-texts',
        error: typeof e?.name === 'string' ? e.name : 'unknown',
        code: typeof e?.code === 'string' ? e.code : undefined,
      },
      'private texts could not all be sealed under their author’s key yet; the next sign-in carries on',
    );
  };
  // A push that could not be delivered: its kind and the push service's status, never where or what.
  ctx.push.reportFailure = (kind, status) => app.log.warn({ what: 'push', kind, status }, 'a push notification could not be delivered');
  ctx.drafts.onUntold = (what, error) => {
    const e = error as { name?: unknown; code?: unknown } | null;
    app.log.warn(
      { what, error: typeof e?.name === 'string' ? e.name : 'unknown', code: typeof e?.code === 'string' ? e.code : undefined },
      'a sent text was saved, but its draft could not be deleted',
    );
  };
  const routes: Array<{ method: string; url: string }> = [];
  app.decorate('mendRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) routes.push({ method, url: route.url });
  });
  app.addHook('onClose', async () => ctx.close());

  await app.register(requestLog, { metrics: ctx.metrics, trustProxy: config.trustProxy !== false && config.trustProxy !== 0 });
  await app.register(errorHandling);
  await app.register(refuseNul);
  await app.register(securityHeaders, { https: config.baseUrl.protocol === 'https:' });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  // Who is asking is known before a form's token is checked: a refused form's page still shows
  // the signed-in person their own header (the check refuses before any handler either way). The
  // order is deliberate: a refused post refreshes the session's idle time, harmless with SameSite=Lax.
  await app.register(authentication, { sessions: ctx.accounts, secureCookies: config.secureCookies });
  await app.register(csrfProtection, { secure: config.secureCookies });
  await app.register(idempotencyKeys, { keys: new IdempotencyKeyStore(ctx.store.db, ctx.vault), vault: ctx.vault, clock: ctx.clock });
  await app.register(therapistAccessLog, { ctx });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mend API', version: '1', description: 'The public API of Mend. See API.md for the contract.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // Only the JSON API belongs in the OpenAPI document; the HTML pages are not an API.
    transform: ({ schema, url, route }) => ({
      schema: url.startsWith('/api/v1') ? documentIdempotency(schema, url, route.method) : { ...schema, hide: true },
      url,
    }),
  });
  await app.register(fastifyStatic, {
    root: staticDir(),
    prefix: '/static/',
    cacheControl: false,
    // A hashed name (what pages ask for) is immutable for a year; a plain one, an hour (web/assets.ts).
    setHeaders: (res, filePath) => void res.setHeader('Cache-Control', staticCacheControl(filePath)),
  });

  await app.register(healthRoutes);
  await app.register(metricsRoute);
  await app.register(installRoutes);
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(pageRoutes);
  return app;
}
