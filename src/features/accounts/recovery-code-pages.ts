import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage, safeNext } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { passwordRefusal } from './password-refusal.js';
import { confirmPassword, keepRecoveryCode } from './actions.js';
import { recoveryCodeAskPage, recoveryCodePage, recoveryCodeUnavailablePage } from './views/recovery-code-page.js';
import { act } from '../act.js';

const TITLE = 'Your recovery code';

/**
 * The recovery code (issue #23): shown right after the key is made until its owner says they kept
 * it, and after that only after their password. The code is read from the database sealed under the
 * person's own key, so only their own signed-in request can show it.
 */
export async function recoveryCodePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  const keys = ctx.personalKeys;

  app.get('/account/recovery-code', async (request, reply) => {
    const auth = requireAuth(request);
    reply.header('Cache-Control', 'no-store');
    const next = safeNext((request.query as Record<string, unknown>).next);
    const code = await keys.recoveryCode(auth.account.id, auth.personalKey ?? null, 'unseen');
    if (code) return renderPage(request, reply, { title: TITLE, body: (csrf) => recoveryCodePage(csrf, code, next, true) });
    return renderPage(request, reply, { title: TITLE, body: (csrf) => recoveryCodeAskPage(csrf) });
  });

  app.post('/account/recovery-code', async (request, reply) => {
    const auth = requireAuth(request);
    reply.header('Cache-Control', 'no-store');
    try {
      await act(ctx, confirmPassword(ctx, auth, field(formFields(request, 2000), 'password')));
    } catch (error) {
      const refused = passwordRefusal(error, reply);
      return renderPage(request, reply, {
        title: TITLE,
        status: refused.status,
        body: (csrf) => recoveryCodeAskPage(csrf, { password: refused.message }),
      });
    }
    const code = await keys.recoveryCode(auth.account.id, auth.personalKey ?? null, 'any');
    if (!code) return renderPage(request, reply, { title: TITLE, body: (csrf) => recoveryCodeUnavailablePage(csrf) });
    return renderPage(request, reply, { title: TITLE, body: (csrf) => recoveryCodePage(csrf, code, null, false) });
  });

  app.post('/account/recovery-code/kept', async (request, reply) => {
    const auth = requireAuth(request);
    const next = safeNext(formFields(request).next);
    await act(ctx, keepRecoveryCode(ctx, auth));
    return reply.redirect(next ?? '/', 303);
  });
}

/** Where a new session goes first: the recovery code while its owner has not yet kept it, else `next`. */
export async function afterSignIn(app: FastifyInstance, accountId: string, next: string | null): Promise<string> {
  if (!(await app.mend.personalKeys.recoveryCodeUnseen(accountId))) return next ?? '/';
  return next ? `/account/recovery-code?next=${encodeURIComponent(next)}` : '/account/recovery-code';
}
