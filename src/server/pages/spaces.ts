import type { FastifyInstance } from 'fastify';
import { MendError } from '../../errors.js';
import { noSpacePage } from '../../web/pages/home-pages.js';
import { enterCodePage, invitationPage, joinPage, leavePage, spacePage } from '../../web/pages/space-pages.js';
import { requireAuth } from '../plugins/auth.js';
import { html } from '../../web/html.js';
import { screeningDueCard } from '../../web/pages/safety-pages.js';
import { noticesBlock } from '../../web/pages/space-notices.js';
import { renderPage } from '../render.js';
import { field, formFields } from './form.js';

export async function spacePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.post('/spaces', async (request, reply) => {
    const { account } = requireAuth(request);
    try {
      const space = await ctx.spaces.create(account.id, field(formFields(request), 'name'));
      return reply.redirect(`/spaces/${space.id}`, 303);
    } catch (error) {
      if (!(error instanceof MendError) || !error.details) throw error;
      return renderPage(request, reply, { title: 'Welcome', status: 400, body: (csrf) => noSpacePage(csrf, error.details) });
    }
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId', async (request, reply) => {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    const layoutSpace = { id: space.id, name: space.name, partnerNames: space.members.filter((m) => m.role === 'partner').map((m) => m.displayName) };
    // The safety check invitation is the viewer's own and private: the partner's page never changes.
    const safetyDue = await ctx.safety.isDue(account.id);
    const notices = await ctx.spaces.notices(account.id, space.id);
    return renderPage(request, reply, {
      title: space.name,
      space: layoutSpace,
      body: (csrf) => html`${spacePage(csrf, space, account.id)}${noticesBlock(notices)}${safetyDue ? screeningDueCard() : null}`,
    });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/invitations', async (request, reply) => {
    const { account } = requireAuth(request);
    const invitation = await ctx.spaces.invite(account.id, request.params.spaceId, 'partner');
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    return renderPage(request, reply, { title: 'Invite your partner', status: 201, body: () => invitationPage(space, invitation) });
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/leave', async (request, reply) => {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    return renderPage(request, reply, { title: `Leave ${space.name}`, body: (csrf) => leavePage(csrf, space) });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/leave', async (request, reply) => {
    const { account } = requireAuth(request);
    await ctx.spaces.leave(account.id, request.params.spaceId);
    return reply.redirect('/', 303);
  });

  app.get('/join', async (request, reply) => {
    const code = (request.query as Record<string, unknown>).code;
    if (typeof code === 'string' && code.trim() !== '') {
      const cleaned = code.trim().slice(0, 40);
      if (/^[A-Za-z0-9 -]+$/.test(cleaned)) return reply.redirect(`/join/${encodeURIComponent(cleaned.replace(/\s+/g, ''))}`);
      return renderPage(request, reply, { title: 'Enter your invitation code', status: 400, body: () => enterCodePage({ code: 'Codes use only letters, numbers and dashes.' }) });
    }
    return renderPage(request, reply, { title: 'Enter your invitation code', body: () => enterCodePage() });
  });

  app.get<{ Params: { code: string } }>('/join/:code', async (request, reply) => {
    const preview = await ctx.spaces.preview(request.params.code);
    return renderPage(request, reply, {
      title: preview ? 'You are invited' : 'Invitation not usable',
      status: preview ? 200 : 404,
      body: (csrf) => joinPage(csrf, request.params.code, preview, request.auth !== null),
    });
  });

  app.post<{ Params: { code: string } }>('/join/:code', async (request, reply) => {
    const { account } = requireAuth(request);
    try {
      const space = await ctx.spaces.accept(account.id, request.params.code);
      return reply.redirect(`/spaces/${space.id}`, 303);
    } catch (error) {
      if (!(error instanceof MendError) || error.status >= 500) throw error;
      const preview = await ctx.spaces.preview(request.params.code);
      return renderPage(request, reply, {
        title: 'Invitation not usable',
        status: error.status,
        body: (csrf) => joinPage(csrf, request.params.code, preview, true, error.message),
      });
    }
  });
}
