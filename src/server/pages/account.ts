import type { FastifyInstance } from 'fastify';
import { accountPage } from '../../web/pages/account-pages.js';
import { clearSessionCookie, requireAuth } from '../plugins/auth.js';
import { renderPage } from '../render.js';

export async function accountPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get('/account', async (request, reply) => {
    const { account, session } = requireAuth(request);
    const sessions = await ctx.accounts.listSessions(account.id);
    const notice = (request.query as Record<string, unknown>).done === 'revoked' ? 'That session is signed out.' : undefined;
    return renderPage(request, reply, { title: 'Your account', body: (csrf) => accountPage(csrf, account, sessions, session.id, notice) });
  });

  app.post<{ Params: { id: string } }>('/account/sessions/:id/revoke', async (request, reply) => {
    const { account } = requireAuth(request);
    await ctx.accounts.revokeSession(account.id, request.params.id);
    return reply.redirect('/account?done=revoked', 303);
  });

  app.post('/account/sign-out-everywhere', async (request, reply) => {
    const { account } = requireAuth(request);
    await ctx.accounts.revokeAllSessions(account.id);
    clearSessionCookie(reply, ctx);
    return reply.redirect('/sign-in', 303);
  });
}
