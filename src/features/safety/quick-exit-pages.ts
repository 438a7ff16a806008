import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clearSessionCookie, sessionCookieName } from '../../platform/http/plugins/auth.js';

/**
 * True when the browser says the request came from a page of another site (Fetch Metadata). Such
 * a request never ends a session: only Mend's own pages may sign someone out this way.
 */
function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Quick exit without or with JavaScript: the control is a form posted here (the island sends the
 * same request before it replaces the page). It ends the session first unless the person turned
 * that off, then sends the browser to the neutral site. It never answers with an error page: when
 * the session cannot be read or ended (the database out of reach) the browser forgets it anyway.
 */
export async function quickExitPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.post('/quick-exit', { config: { wayOut: true } }, async (request, reply) => {
    const token = request.cookies[sessionCookieName(ctx.config.secureCookies)];
    if (token && !fromAnotherSite(request)) {
      try {
        // Read without extending the session: leaving is not using Mend.
        const auth = await ctx.accounts.authenticate(token, undefined, 'automatic');
        if (auth?.account.quickExitSignsOut) await ctx.accounts.revokeSession(auth.account.id, auth.session.id);
        if (!auth || auth.account.quickExitSignsOut) clearSessionCookie(reply, ctx);
      } catch {
        clearSessionCookie(reply, ctx);
      }
    }
    return reply.redirect(ctx.config.quickExitUrl, 303);
  });
}
