import type { FastifyInstance } from 'fastify';
import { welcomePage, noSpacePage } from './views/home-pages.js';
import { privacyPage } from './views/privacy-page.js';
import { renderPage } from '../../platform/http/render.js';

export async function homePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.get('/', async (request, reply) => {
    if (!request.auth) return renderPage(request, reply, { title: 'Welcome', body: () => welcomePage(ctx.config.signups !== 'closed') });
    const spaces = await ctx.spaces.listForAccount(request.auth.account.id);
    const own = spaces.find((s) => s.role === 'partner');
    if (own) return reply.redirect(`/spaces/${own.id}`);
    if (await ctx.therapists.hasCaseload(request.auth.account.id)) return reply.redirect('/caseload');
    return renderPage(request, reply, { title: 'Welcome', body: (csrf) => noSpacePage(csrf) });
  });

  app.get('/about/privacy', async (request, reply) =>
    renderPage(request, reply, { title: 'How privacy works', body: () => privacyPage({ push: ctx.push.enabled }) }),
  );
}
