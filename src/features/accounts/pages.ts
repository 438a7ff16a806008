import type { FastifyInstance } from 'fastify';
import { signInPage, signUpPage, signUpsClosedPage } from './views/auth-pages.js';
import { codeFromNext } from './sign-up-mode.js';
import { clearSessionCookie, deviceTokens, setDeviceCookie, setSessionCookie } from '../../platform/http/plugins/auth.js';
import { renderPage, safeNext } from '../../platform/http/render.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { signIn, signOut, signUp } from './actions.js';
import { act } from '../act.js';
import { afterSignIn } from './recovery-code-pages.js';

export async function authPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get('/sign-up', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.auth) return reply.redirect(next ?? '/');
    if (ctx.config.signups === 'closed')
      return renderPage(request, reply, { title: 'Sign-ups are closed', body: () => signUpsClosedPage(next) });
    return renderPage(request, reply, {
      title: 'Create your account',
      body: (csrf) => signUpPage(csrf, { next, invitationCode: codeFromNext(next) }, ctx.config.signups),
      scripts: ['/static/timezone.js'],
    });
  });

  app.post('/sign-up', async (request, reply) => {
    const f = formFields(request);
    const next = safeNext(f.next);
    const values = {
      email: field(f, 'email'),
      displayName: field(f, 'displayName'),
      timezone: field(f, 'timezone') || 'UTC',
      country: field(f, 'country'),
      invitationCode: field(f, 'invitationCode'),
      next,
    };
    try {
      const { account, token, session } = await act(ctx, signUp(ctx, request.ip, { ...values, password: field(f, 'password') }, 'cookie'));
      setSessionCookie(reply, ctx, token, session);
      setDeviceCookie(reply, ctx, ctx.accounts.deviceCookieFor(account.id, deviceTokens(request, ctx)));
      // The recovery code first: it is shown until its owner says they kept it.
      return reply.redirect(await afterSignIn(app, account.id, next), 303);
    } catch (caught) {
      const error = formRefusal(caught, reply);
      if (ctx.config.signups === 'closed') {
        return renderPage(request, reply, { title: 'Sign-ups are closed', status: error.status, body: () => signUpsClosedPage(next) });
      }
      return renderPage(request, reply, {
        title: 'Create your account',
        status: error.status,
        body: (csrf) => signUpPage(csrf, values, ctx.config.signups, error.details ?? {}, error.details ? undefined : error.message),
        scripts: ['/static/timezone.js'],
      });
    }
  });

  app.get('/sign-in', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.auth) return reply.redirect(next ?? '/');
    const notice = (request.query as Record<string, unknown>).done === 'reset' ? 'Your new password is saved. Sign in with it.' : undefined;
    return renderPage(request, reply, {
      title: 'Sign in',
      body: (csrf) => signInPage(csrf, { next, signUpsClosed: ctx.config.signups === 'closed', ...(notice ? { notice } : {}) }),
    });
  });

  app.post('/sign-in', async (request, reply) => {
    const f = formFields(request);
    const next = safeNext(f.next);
    const email = field(f, 'email');
    try {
      const { account, token, session, deviceCookie } = await act(
        ctx,
        signIn(ctx, request.ip, email, field(f, 'password'), 'cookie', deviceTokens(request, ctx)),
      );
      setSessionCookie(reply, ctx, token, session);
      setDeviceCookie(reply, ctx, deviceCookie);
      return reply.redirect(await afterSignIn(app, account.id, next), 303);
    } catch (caught) {
      const error = formRefusal(caught, reply);
      return renderPage(request, reply, {
        title: 'Sign in',
        status: error.status,
        body: (csrf) => signInPage(csrf, { email, next, signUpsClosed: ctx.config.signups === 'closed' }, error.message),
      });
    }
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.auth) await act(ctx, signOut(ctx, request.auth));
    clearSessionCookie(reply, ctx);
    return reply.redirect('/', 303);
  });
}
