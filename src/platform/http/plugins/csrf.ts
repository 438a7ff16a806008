import csrf from '@fastify/csrf-protection';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Every form post carries a token tied to a secret cookie (@fastify/csrf-protection), checked
 * before any handler runs. Pages get a token from `reply.generateCsrf()`. The JSON API needs
 * none: it only accepts bearer tokens, which a browser never attaches on its own.
 */
declare module 'fastify' {
  interface FastifyReply {
    /**
     * Replaces the CSRF secret with a fresh one. Called whenever a session starts: a secret
     * planted in the browser before signing in (a shared computer, a cookie set by a neighbouring
     * site) must not keep working for the signed-in person's forms.
     */
    renewCsrfSecret(): void;
  }
}

export const csrfProtection = fp(async (app: FastifyInstance, opts: { secure: boolean }) => {
  const cookieKey = opts.secure ? '__Host-mend_csrf' : 'mend_csrf';
  await app.register(csrf, {
    cookieKey,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: opts.secure },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      return typeof body?._csrf === 'string' ? body._csrf : undefined;
    },
  });
  app.decorateReply('renewCsrfSecret', function (this: FastifyReply) {
    // The plugin makes a secret only when the request brought none: forget the one it brought.
    delete this.request.cookies[cookieKey];
    this.generateCsrf();
  });
  app.addHook('preHandler', (request, reply, done) => {
    // A way out only ever ends the session the browser sends, which no other site's form can send
    // (the cookie is SameSite=Lax); a stale token must never keep someone from leaving.
    if (request.method !== 'POST' || request.url.startsWith('/api/') || request.routeOptions.config.wayOut) return done();
    app.csrfProtection(request, reply, done);
  });
});
