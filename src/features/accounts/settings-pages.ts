import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SUPPORTED_COUNTRIES } from '../../core/safety/index.js';
import { Readable } from 'node:stream';
import { exportPieces } from '../export/index.js';
import { html } from '../../platform/web/html.js';
import { accountPage, confirmPasswordPage, settingsPage } from './views/account-pages.js';
import { ownSections, showSettings, zoneOptions } from './settings-view.js';
import { accountReports, reportPage } from '../report/index.js';
import { clearSessionCookie, requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { passwordRefusal } from './password-refusal.js';
import { confirmPassword, deleteAccount, reauthenticate, revokeSession, signOutEverywhere, updateSettings } from './actions.js';
import { act } from '../act.js';

export async function accountPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get('/account', async (request, reply) => {
    const { account, session } = requireAuth(request);
    const sessions = await ctx.accounts.listSessions(account.id);
    const done = (request.query as Record<string, unknown>).done;
    const notices: Record<string, string> = {
      revoked: 'That session is signed out.',
      saved: 'Your settings are saved.',
      password: 'Your new password is saved. Your other sessions are signed out.',
    };
    const notice = typeof done === 'string' ? notices[done] : undefined;
    return renderPage(request, reply, { title: 'Your account', body: (csrf) => accountPage(csrf, account, sessions, session.id, notice) });
  });

  app.get('/account/settings', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return showSettings(request, reply, { numbersSaved: query.saved === 'numbers', quickExitSaved: query.done === 'quick-exit' });
  });

  app.post('/account/settings', async (request, reply) => {
    const auth = requireAuth(request);
    const f = formFields(request, 200);
    const values = { displayName: field(f, 'displayName'), timezone: field(f, 'timezone'), country: field(f, 'country') };
    try {
      await act(ctx, updateSettings(ctx, auth, values));
      return reply.redirect('/account?done=saved', 303);
    } catch (caught) {
      const error = formRefusal(caught, reply, { fieldsOnly: true });
      const alone = !(await ctx.spaces.hasPartner(auth.account.id));
      return renderPage(request, reply, {
        title: 'Your settings',
        status: 400,
        body: (csrf) =>
          settingsPage(csrf, values, zoneOptions(), SUPPORTED_COUNTRIES, error.details, ownSections(csrf, auth.account, alone)),
      });
    }
  });

  app.post<{ Params: { id: string } }>('/account/sessions/:id/revoke', async (request, reply) => {
    await act(ctx, revokeSession(ctx, requireAuth(request), request.params.id));
    return reply.redirect('/account?done=revoked', 303);
  });

  app.post('/account/sign-out-everywhere', async (request, reply) => {
    await act(ctx, signOutEverywhere(ctx, requireAuth(request)));
    clearSessionCookie(reply, ctx);
    return reply.redirect('/sign-in', 303);
  });

  const exportIntro = html`<p class="lead">Download everything your account can see in Mend: what you wrote, and what anyone in your spaces chose to share with you. Nothing someone else kept private is included.</p>
    <p>Keep the file somewhere only you can open.</p>`;

  type ExportFormat = 'report' | 'json';
  const exportFormat = (value: string): ExportFormat => (value === 'json' ? 'json' : 'report');

  /** The format is part of the form (issue #19): a choice drawn outside it was never sent. */
  const exportChoice = (chosen: ExportFormat) => {
    const option = (value: ExportFormat, label: string) =>
      html`<label class="choice"><input type="radio" name="format" value="${value}"${chosen === value ? html` checked` : ''}> ${label}</label>`;
    return html`<fieldset class="choice-group"><legend>How you would like it</legend>
      ${option('report', 'A printable report, to read here or print to PDF from your browser')}
      ${option('json', 'A data file (JSON), to keep or to move to another program')}
    </fieldset>`;
  };

  const exportConfirm = (chosen: ExportFormat = 'report') => ({
    title: 'Download your data',
    intro: exportIntro,
    fields: exportChoice(chosen),
    action: '/account/export',
    button: 'Download',
  });

  /** A page that asks for the password before something weighty; drawn again with the refusal when it was wrong. */
  const confirmPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    options: Parameters<typeof confirmPasswordPage>[1],
    refused?: { status: number; message: string },
  ) =>
    renderPage(request, reply, {
      title: options.title,
      ...(refused ? { status: refused.status } : {}),
      body: (csrf) => confirmPasswordPage(csrf, refused ? { ...options, error: refused.message } : options),
    });

  app.get('/account/export', async (request, reply) => {
    requireAuth(request);
    return confirmPage(request, reply, exportConfirm());
  });

  app.post('/account/export', async (request, reply) => {
    const auth = requireAuth(request);
    const f = formFields(request);
    const format = exportFormat(field(f, 'format'));
    try {
      await act(ctx, reauthenticate(ctx, auth, field(f, 'password')));
    } catch (error) {
      return confirmPage(request, reply, exportConfirm(format), passwordRefusal(error, reply));
    }
    const what = format === 'json' ? '/account/export (data file)' : '/account/export (report)';
    if (format === 'json') {
      reply.header('Content-Disposition', 'attachment; filename="mend-export.json"');
      return reply.type('application/json; charset=utf-8').send(Readable.from(await exportPieces(ctx, auth.account, what)));
    }
    const reports = await accountReports(ctx, auth.account, what);
    return renderPage(request, reply, {
      title: 'Your Mend record',
      body: () => reportPage(reports, { back: { href: '/account', text: 'Back to your account' } }),
    });
  });

  const deleteIntro = html`<p class="lead">This removes your account and everything you wrote in Mend, for good. It cannot be undone.</p>
    <p>If you share a space, your partner keeps the space and sees a note that a partner deleted their account and that what they wrote was removed. You may want to <a href="/account/export">download your data</a> first.</p>`;

  const deleteConfirm = {
    title: 'Delete your account',
    intro: deleteIntro,
    action: '/account/delete',
    button: 'Delete my account',
    warning: true,
  };

  app.get('/account/delete', async (request, reply) => {
    requireAuth(request);
    return confirmPage(request, reply, deleteConfirm);
  });

  app.post('/account/delete', async (request, reply) => {
    const auth = requireAuth(request);
    const password = field(formFields(request), 'password');
    try {
      await act(ctx, confirmPassword(ctx, auth, password));
    } catch (error) {
      return confirmPage(request, reply, deleteConfirm, passwordRefusal(error, reply));
    }
    await act(ctx, deleteAccount(ctx, auth, password));
    clearSessionCookie(reply, ctx);
    request.auth = null;
    return renderPage(request, reply, {
      title: 'Your account is deleted',
      space: null,
      body: () =>
        html`<h1>Your account is deleted</h1><p>Everything you wrote in Mend has been removed. Take care of yourself.</p><p><a href="/">Mend's home page</a></p>`,
    });
  });
}
