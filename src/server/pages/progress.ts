import type { FastifyInstance } from 'fastify';
import { progressPage } from '../../web/pages/rhythm/progress-page.js';
import { requireAuth } from '../plugins/auth.js';
import { renderPage } from '../render.js';
import { layoutSpaceOf } from './rhythm.js';

export async function progressPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/progress', async (request, reply) => {
    const { account } = requireAuth(request);
    const { view, progress } = await ctx.rhythm.progress.current(account, request.params.spaceId);
    return renderPage(request, reply, { title: 'How things are going', space: layoutSpaceOf(view), body: () => progressPage({ spaceId: view.space.id, viewerId: account.id, progress }) });
  });
}
