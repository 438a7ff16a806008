import type { FastifyInstance, FastifyReply } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { resetPath } from './password-resets.js';
import {
  changePasswordPage,
  forgotPasswordPage,
  newPasswordPage,
  resetLinkUnusablePage,
  resetRequestedPage,
} from './views/password-pages.js';
import { reportUndelivered } from '../../platform/http/logging.js';
import { clearSessionCookie, requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { passwordRefusal } from './password-refusal.js';
import { changePassword, completePasswordReset, requestPasswordReset } from './actions.js';
import { act } from '../act.js';

/** Forgot password (a link by email), the page the link opens, and changing a known password. */
export async function passwordPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  const resets = ctx.passwordResets;

  app.get('/forgot-password', async (request, reply) =>
    renderPage(request, reply, { title: 'Forgot your password?', body: (csrf) => forgotPasswordPage(csrf, resets.sendsEmail) }),
  );

  app.post('/forgot-password', async (request, reply) => {
    const email = field(formFields(request, 300), 'email');
    try {
      reportUndelivered(request.log, (await act(ctx, requestPasswordReset(ctx, request.ip, email))).delivery);
    } catch (error) {
      const refused = tooMany(error, reply);
      return renderPage(request, reply, {
        title: 'Forgot your password?',
        status: 429,
        body: (csrf) => forgotPasswordPage(csrf, resets.sendsEmail, { email }, refused),
      });
    }
    return renderPage(request, reply, { title: 'Check your email', body: () => resetRequestedPage() });
  });

  // The token is in the path: the whole site sends no Referer (security-headers.ts), logs name
  // the route pattern only (logging.ts), and the page is not kept in any cache.
  app.get<{ Params: { token: string } }>('/reset-password/:token', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!(await resets.works(request.params.token))) {
      return renderPage(request, reply, { title: 'This link no longer works', status: 404, body: () => resetLinkUnusablePage() });
    }
    const asksForCode = await resets.asksForRecoveryCode(request.params.token);
    return renderPage(request, reply, {
      title: 'Choose a new password',
      body: (csrf) => newPasswordPage(csrf, resetPath(request.params.token), asksForCode),
    });
  });

  app.post<{ Params: { token: string } }>('/reset-password/:token', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const { token } = request.params;
    const f = formFields(request, 2000);
    const writing = { recoveryCode: field(f, 'recoveryCode'), letGo: field(f, 'letGo') === 'yes' };
    const asksForCode = await resets.asksForRecoveryCode(token);
    const again = { recoveryCode: writing.recoveryCode };
    try {
      await act(ctx, completePasswordReset(ctx, request.ip, token, field(f, 'password'), writing));
    } catch (error) {
      if (error instanceof MendError && error.code === 'reset_link_unusable') {
        return renderPage(request, reply, { title: 'This link no longer works', status: 404, body: () => resetLinkUnusablePage() });
      }
      if (error instanceof MendError && (error.code === 'weak_password' || error.code === 'invalid_input')) {
        return renderPage(request, reply, {
          title: 'Choose a new password',
          status: 400,
          body: (csrf) => newPasswordPage(csrf, resetPath(token), asksForCode, error.details, error.message, again),
        });
      }
      const refused = tooMany(error, reply);
      return renderPage(request, reply, {
        title: 'Choose a new password',
        status: 429,
        body: (csrf) => newPasswordPage(csrf, resetPath(token), asksForCode, undefined, refused, again),
      });
    }
    // The reset ended every session, this browser's too.
    request.auth = null;
    clearSessionCookie(reply, ctx);
    return reply.redirect('/sign-in?done=reset', 303);
  });

  app.get('/account/password', async (request, reply) => {
    requireAuth(request);
    return renderPage(request, reply, { title: 'Change your password', body: (csrf) => changePasswordPage(csrf) });
  });

  app.post('/account/password', async (request, reply) => {
    const auth = requireAuth(request);
    const f = formFields(request, 2000);
    try {
      await act(ctx, changePassword(ctx, auth, field(f, 'currentPassword'), field(f, 'newPassword')));
    } catch (error) {
      if (error instanceof MendError && error.code === 'weak_password') {
        return renderPage(request, reply, {
          title: 'Change your password',
          status: 400,
          body: (csrf) => changePasswordPage(csrf, error.details),
        });
      }
      const refused = passwordRefusal(error, reply);
      return renderPage(request, reply, {
        title: 'Change your password',
        status: refused.status,
        body: (csrf) => changePasswordPage(csrf, { currentPassword: refused.message }),
      });
    }
    return reply.redirect('/account?done=password', 303);
  });
}

/** The words for a rate-limited form; anything else is thrown on. */
function tooMany(error: unknown, reply: FastifyReply): string {
  if (!(error instanceof MendError) || error.code !== 'rate_limited') throw error;
  return passwordRefusal(error, reply).message;
}
