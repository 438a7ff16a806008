import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clearSessionCookie, requireAuth, sessionCookieName } from '../../platform/http/plugins/auth.js';
import { field, formFields } from '../../platform/http/form.js';
import { quickExit, setQuickExitSignsOut } from './actions.js';
import { act } from '../act.js';

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
        const { forgetSession } = await act(ctx, quickExit(ctx, token));
        if (forgetSession) clearSessionCookie(reply, ctx);
      } catch {
        clearSessionCookie(reply, ctx);
      }
    }
    return reply.redirect(ctx.config.quickExitUrl, 303);
  });

  // The setting's own form, in its section of the settings page (views/quick-exit-setting.ts).
  app.post('/account/quick-exit', async (request, reply) => {
    await act(ctx, setQuickExitSignsOut(ctx, requireAuth(request), field(formFields(request, 10), 'signsOut') === 'yes'));
    return reply.redirect('/account/settings?done=quick-exit#quick-exit', 303);
  });
}
