import type { FastifyInstance } from 'fastify';
import { parseGuidePath } from '../../core/guides/index.js';
import { fail } from '../../platform/errors.js';
import { renderPage } from '../../platform/http/render.js';
import { loadGuide } from './library.js';
import { guidePage, guidesIndexPage } from './views/guide-page.js';

/**
 * The guides' pages. They are global, not under a space: a guide holds nothing of anyone's, is
 * the same for every reader, and a therapist, a partner who has not joined yet, or anyone sent the
 * link may read it. So they need no sign-in and check no membership; the page's header still shows
 * a signed-in person's space, as every page does.
 */
export async function guidePages(app: FastifyInstance): Promise<void> {
  app.get('/guides', async (request, reply) => renderPage(request, reply, { title: 'Guides', body: () => guidesIndexPage() }));

  app.get<{ Params: { section: string; name: string } }>('/guides/:section/:name', async (request, reply) => {
    const id = parseGuidePath(request.params.section, request.params.name);
    if (!id) fail('not_found');
    const guide = await loadGuide(id);
    return renderPage(request, reply, { title: guide.title, body: () => guidePage(id, guide) });
  });
}
