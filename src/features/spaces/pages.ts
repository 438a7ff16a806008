import { ACCESS_LOG_KEY } from '../therapists/index.js';
import { historyLinksFor, historyRequest } from '../../platform/http/history-paging.js';
import type { FastifyInstance } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { noSpacePage } from './views/home-pages.js';
import { enterCodePage, invitationPage, joinPage, spacePage } from './views/space-pages.js';
import { leavePage, leftPage } from './views/leave-pages.js';
import { passwordRefusal } from '../accounts/index.js';
import { journeyListSection } from '../journey/index.js';
import { progressHomeSection } from '../progress/index.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { html } from '../../platform/web/html.js';
import { screeningDueCard } from '../safety/index.js';
import { noticesBlock } from './views/space-notices.js';
import { waitingPanel } from './views/waiting-panel.js';
import { accessLogPage, caseloadPage, consentToTherapist, removeTherapist, therapistCard } from '../therapists/index.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { createSpace, invite, join, leave } from './actions.js';
import { act } from '../act.js';
import type { Space } from './index.js';
import { dailyQuestionCard } from '../daily-question/index.js';

/** The active partners of a space as a member sees it (one means a person alone). */
const partnersIn = (space: Space): number => space.members.filter((m) => m.role === 'partner').length;

export async function spacePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.post('/spaces', async (request, reply) => {
    const auth = requireAuth(request);
    try {
      const space = await act(ctx, createSpace(ctx, auth, field(formFields(request), 'name')));
      return reply.redirect(`/spaces/${space.id}`, 303);
    } catch (caught) {
      const error = formRefusal(caught, reply, { fieldsOnly: true });
      return renderPage(request, reply, { title: 'Welcome', status: 400, body: (csrf) => noSpacePage(csrf, error.details) });
    }
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId', async (request, reply) => {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    const layoutSpace = {
      id: space.id,
      name: space.name,
      partnerNames: space.members.filter((m) => m.role === 'partner').map((m) => m.displayName),
      therapist: space.members.some((m) => m.accountId === account.id && m.role === 'therapist'),
    };
    // The safety check invitation is the viewer's own and private: the partner's page never changes.
    const safetyDue = await ctx.safety.isDue(account.id);
    const notices = await ctx.spaces.notices(account.id, space.id);
    const former = await ctx.spaces.formerPartners(account.id, space.id);
    const isPartner = space.members.some((m) => m.accountId === account.id && m.role === 'partner');
    const therapists = isPartner ? await ctx.therapists.list(account.id, space.id) : [];
    const journeys = journeyListSection(space.id, await ctx.journeys.list(account, space.id), isPartner);
    const progressPointer = await progressHomeSection(ctx.rhythm.progress, account, space.id);
    // The partner's own list; a therapist's page has none (nothing waits on them).
    const waiting = isPartner ? await ctx.spaces.waiting(account, space.id, space) : null;
    // The day's question is offered after the day's check-in, to a partner, and only as an invitation.
    const dailyQuestion = dailyQuestionCard(space.id, await ctx.dailyQuestions.offer(account, space.id));
    return renderPage(request, reply, {
      title: space.name,
      space: layoutSpace,
      ...(waiting ? { scripts: ['/static/live.js'] } : {}),
      body: (csrf) =>
        spacePage(csrf, space, account.id, {
          waiting: waiting ? waitingPanel({ spaceId: space.id, partnerName: waiting.partnerName, items: waiting.items }) : null,
          journeys,
          daily: dailyQuestion,
          notices: html`${progressPointer}${noticesBlock(notices, former, isPartner ? 'partner' : 'therapist')}`,
          partnerLeft: former.length > 0,
          more: html`${isPartner ? therapistCard(csrf, space.id, account.id, therapists, partnersIn(space) < 2) : null}${isPartner && safetyDue ? screeningDueCard() : null}`,
        }),
    });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/invitations', async (request, reply) => {
    const auth = requireAuth(request);
    const role = formFields(request).role === 'therapist' ? 'therapist' : 'partner';
    const invitation = await act(ctx, invite(ctx, auth, request.params.spaceId, role));
    // Redirect, so reloading the page shows the same invitation instead of making another.
    return reply.redirect(`/spaces/${request.params.spaceId}/invitation?code=${encodeURIComponent(invitation.code)}`, 303);
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/invitation', async (request, reply) => {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    const code = String((request.query as Record<string, unknown>).code ?? '').slice(0, 40);
    const invitation = await ctx.spaces.ownInvitation(account.id, space.id, code);
    return renderPage(request, reply, {
      title: invitation?.role === 'therapist' ? 'Invite a therapist' : 'Invite your partner',
      body: () => invitationPage(space, invitation),
      scripts: ['/static/copy.js'],
    });
  });

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/leave', async (request, reply) => {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    return renderPage(request, reply, { title: `Leave ${space.name}`, body: (csrf) => leavePage(csrf, space, account.id) });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/leave', async (request, reply) => {
    const auth = requireAuth(request);
    try {
      await act(ctx, leave(ctx, auth, request.params.spaceId, field(formFields(request), 'password')));
    } catch (error) {
      const refused = passwordRefusal(error, reply);
      if (refused.status === 404) throw error;
      const space = await ctx.spaces.forMember(auth.account.id, request.params.spaceId);
      return renderPage(request, reply, {
        title: `Leave ${space.name}`,
        status: refused.status,
        body: (csrf) => leavePage(csrf, space, auth.account.id, refused.message),
      });
    }
    return reply.redirect('/left-space', 303);
  });

  app.get('/left-space', async (request, reply) =>
    renderPage(request, reply, { title: 'You have left the space', space: null, body: () => leftPage() }),
  );

  app.get('/join', async (request, reply) => {
    const code = (request.query as Record<string, unknown>).code;
    if (typeof code === 'string' && code.trim() !== '') {
      const cleaned = code.trim().slice(0, 40);
      if (/^[A-Za-z0-9 -]+$/.test(cleaned)) return reply.redirect(`/join/${encodeURIComponent(cleaned.replace(/\s+/g, ''))}`);
      return renderPage(request, reply, {
        title: 'Enter your invitation code',
        status: 400,
        body: () => enterCodePage({ code: 'Codes use only letters, numbers and dashes.' }),
      });
    }
    return renderPage(request, reply, { title: 'Enter your invitation code', body: () => enterCodePage() });
  });

  app.get<{ Params: { code: string } }>('/join/:code', async (request, reply) => {
    const preview = await ctx.spaces.preview(request.params.code);
    return renderPage(request, reply, {
      title: preview ? 'You are invited' : 'Invitation not usable',
      status: preview ? 200 : 404,
      body: (csrf) => joinPage(csrf, request.params.code, preview, request.auth !== null, undefined, ctx.config.signups !== 'closed'),
    });
  });

  app.post<{ Params: { code: string } }>('/join/:code', async (request, reply) => {
    const auth = requireAuth(request);
    const { account } = auth;
    try {
      const space = await act(ctx, join(ctx, auth, request.params.code));
      // A therapist waits for both partners' consent, so their page is the caseload, not the space.
      const mine = space.members.find((m) => m.accountId === account.id);
      return reply.redirect(mine?.role === 'therapist' ? '/caseload' : `/spaces/${space.id}`, 303);
    } catch (caught) {
      const error = formRefusal(caught, reply);
      const preview = await ctx.spaces.preview(request.params.code);
      return renderPage(request, reply, {
        title: 'Invitation not usable',
        status: error.status,
        body: (csrf) => joinPage(csrf, request.params.code, preview, true, error.message),
      });
    }
  });

  app.post<{ Params: { spaceId: string; therapistId: string } }>(
    '/spaces/:spaceId/therapists/:therapistId/consent',
    async (request, reply) => {
      const auth = requireAuth(request);
      try {
        await act(
          ctx,
          consentToTherapist(ctx, auth, request.params.spaceId, request.params.therapistId, field(formFields(request), 'password')),
        );
        return reply.redirect(`/spaces/${request.params.spaceId}`, 303);
      } catch (error) {
        if (!(error instanceof MendError) || error.code !== 'forbidden') throw error;
        refusalOnlyForTherapist(request, error);
        const space = await ctx.spaces.forMember(auth.account.id, request.params.spaceId);
        const therapists = await ctx.therapists.list(auth.account.id, space.id);
        return renderPage(request, reply, {
          title: space.name,
          status: 403,
          body: (csrf) =>
            html`<h1>${space.name}</h1>${therapistCard(csrf, space.id, auth.account.id, therapists, partnersIn(space) < 2, { therapistId: request.params.therapistId, message: 'That password is not right.' })}
            <p><a href="/spaces/${space.id}">Back to your space</a></p>`,
        });
      }
    },
  );

  app.post<{ Params: { spaceId: string; therapistId: string } }>(
    '/spaces/:spaceId/therapists/:therapistId/revoke',
    async (request, reply) => {
      await act(ctx, removeTherapist(ctx, requireAuth(request), request.params.spaceId, request.params.therapistId));
      return reply.redirect(`/spaces/${request.params.spaceId}`, 303);
    },
  );

  app.get<{ Params: { spaceId: string }; Querystring: { older?: string } }>(
    '/spaces/:spaceId/therapist/access-log',
    async (request, reply) => {
      const { account } = requireAuth(request);
      const at = historyRequest(request.query.older, ACCESS_LOG_KEY.length);
      const page = await ctx.therapists.accessLog(account.id, request.params.spaceId, at);
      const paging = historyLinksFor(`/spaces/${request.params.spaceId}/therapist/access-log`, at, page);
      return renderPage(request, reply, {
        title: 'What the therapist has viewed',
        body: () => accessLogPage(request.params.spaceId, page.items, paging),
      });
    },
  );

  app.get('/caseload', async (request, reply) => {
    const { account } = requireAuth(request);
    const caseload = await ctx.therapists.caseload(account.id, '/caseload');
    return renderPage(request, reply, { title: 'Your couples', space: null, body: () => caseloadPage(caseload) });
  });
}
