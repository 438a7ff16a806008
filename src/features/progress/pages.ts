import type { FastifyInstance } from 'fastify';
import { derivedFrom } from './progress-cache.js';
import { progressPage } from './views/progress-page.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { layoutSpaceOf } from '../spaces/index.js';

export async function progressPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/progress', async (request, reply) => {
    const { account, membership } = requireAuth(request);
    // The membership read with the session (plugins/auth.ts), so no second read.
    const current = await ctx.rhythm.progress.current(account, request.params.spaceId, membership);
    const { view, progress } = current;
    // The page's body depends only on the viewer's kept result: drawn once, with it.
    const body = derivedFrom(current, 'page-body', () => progressPage({ spaceId: view.space.id, viewerId: account.id, progress }));
    return renderPage(request, reply, {
      title: 'How things are going',
      space: layoutSpaceOf(view),
      scripts: ['/static/live.js'],
      body: () => body,
    });
  });
}
