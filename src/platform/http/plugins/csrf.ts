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
  interface FastifyContextConfig {
    /**
     * A POST authorised by a secret in its own address and by nothing the browser sends by itself
     * (no cookie, no session): the link that stops an email, which mail programs post to in one
     * click without any form token (RFC 8058). A page on another site cannot forge it without the
     * secret, so there is nothing for a form token to protect.
     */
    capabilityLink?: boolean;
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
    const { wayOut, capabilityLink } = request.routeOptions.config;
    if (request.method !== 'POST' || request.url.startsWith('/api/') || wayOut || capabilityLink) return done();
    app.csrfProtection(request, reply, done);
  });
});
