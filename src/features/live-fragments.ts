import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError, errorBody } from '../platform/errors.js';
import { sessionCookieName } from '../platform/http/plugins/auth.js';
import { liveStreams, openMemberStream } from '../platform/live/live-stream.js';
import { derivedFrom } from './progress/progress-cache.js';
import type { Account } from '../core/accounts/account.js';
import type { SafeHtml } from '../platform/web/html.js';
// The page models are the pages' own loaders, imported from their folders (never their indexes,
// which the composition root reaches: that would close an import cycle through context.ts).
import { checkinPageModel, partnerToday as partnerTodaySection } from './checkin/page-model.js';
import { journeyStepsSection } from './journey/views/overview.js';
import { agreementLogSection } from './agreement-log/views/agreement-log-page.js';
import { meetingScheduleSection, pastMeetingsSection } from './meetings/index.js';
import { meetingsPageModel } from './meetings/page-model.js';
import { progressSections } from './progress/views/progress-page.js';
import { reassuranceSection } from './reassurance/index.js';
import { reassurancePageModel } from './reassurance/page-model.js';
import type { AppContext } from '../context.js';
import { loadJourneyPage } from './journey/page-model.js';
import { askedMonth, loadAgreementLogPage } from './agreement-log/page-model.js';
import { departuresOfView, liveMembership, namesOf, waitingPanel } from './spaces/index.js';
import { pastPairSection, todaysPairSection } from './daily-question/views/question-page.js';
import { notificationsLink } from '../platform/web/layout.js';
import { fail } from '../platform/errors.js';

/**
 * One section alone, drawn by the same code and the same access checks as its full page: a
 * signed-out caller gets 401 (an island's fetch cannot follow a sign-in redirect), anyone who may
 * not see the page — a stranger, a revoked or pending therapist, the other couple — the page's own
 * answer (404), and an active therapist the read-only copy the page shows them.
 */
function fragment<P>(
  draw: (ctx: AppContext, request: FastifyRequest<{ Params: P }>, account: Account, reply: FastifyReply) => Promise<SafeHtml>,
) {
  return (ctx: AppContext) =>
    async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply): Promise<FastifyReply> => {
      if (!request.auth) return reply.status(401).send(errorBody(new MendError('unauthenticated')));
      try {
        const markup = await draw(ctx, request, request.auth.account, reply);
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'private, no-store').send(markup.toString());
      } catch (error) {
        if (error instanceof MendError) return reply.status(error.status).send(errorBody(error));
        throw error;
      }
    };
}

// The same loader as the check-in page's, so the section swapped in is the one a reload shows.
const partnerToday = fragment<{ spaceId: string }>(async (ctx, request, account) =>
  partnerTodaySection(await checkinPageModel(ctx, account, request.params.spaceId)),
);

const progress = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  // The membership read with the session (plugins/auth.ts), so no second read.
  const current = await ctx.rhythm.progress.current(account, request.params.spaceId, request.auth?.membership);
  const { view, progress: kept } = current;
  // Kept with the viewer's result like the page's body, so repeated refreshes draw it once.
  return derivedFrom(current, 'live-progress', () => progressSections({ spaceId: view.space.id, viewerId: account.id, progress: kept }));
});

const journeySteps = fragment<{ journeyId: string }>(async (ctx, request, account) => {
  const m = await loadJourneyPage(ctx, account, request.params.journeyId);
  // The therapist access log records GETs by space; a journey's address names none.
  request.viewedSpaceId = m.spaceId;
  return journeyStepsSection(m);
});

/**
 * A partner's copy holds forms (an answer, a log entry, a review): they get a token for the
 * session's CSRF secret, as the page's forms do. The island keeps the page's own token, so two
 * copies that differ only in it are the same.
 */
const reassurance = fragment<{ spaceId: string }>(async (ctx, request, account, reply) => {
  const { view, page, drafts } = await reassurancePageModel(ctx, account, request.params.spaceId);
  return reassuranceSection({
    drafts,
    csrf: reply.generateCsrf(),
    spaceId: view.space.id,
    viewerId: account.id,
    isPartner: view.isPartner,
    names: namesOf(view),
    former: departuresOfView(view),
    requests: page.items,
  });
});

const meetingSchedule = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  const { view, schedule } = await meetingsPageModel(ctx, account.id, request.params.spaceId);
  return meetingScheduleSection({ spaceId: view.space.id, schedule });
});

const meetings = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  const { view, page } = await meetingsPageModel(ctx, account.id, request.params.spaceId);
  return pastMeetingsSection({ spaceId: view.space.id, meetings: page.items, names: namesOf(view), former: departuresOfView(view) });
});

// The page's own loader (page-model.ts), so the section swapped in is the one a reload shows.
const agreementLog = fragment<{ spaceId: string }>(async (ctx, request, account, reply) => {
  const { model } = await loadAgreementLogPage(ctx, account, request.params.spaceId, askedMonth(request));
  return agreementLogSection({ ...model, csrf: reply.generateCsrf() });
});

/** "Waiting for you" (issue #18): a partner's own; anyone else gets the page's "not found". */
const waiting = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  const w = await ctx.spaces.waiting(account, request.params.spaceId);
  if (!w.isPartner) fail('not_found');
  return waitingPanel({ spaceId: w.space.id, partnerName: w.partnerName, items: w.items });
});

/**
 * The pair's part of a day's question page (issue #25), drawn again when a partner answers: today's
 * with its form, an earlier day's read back. The page's own service calls, so a therapist gets its
 * 403 and anyone else its 404, and the partner's words appear only once both answered.
 */
const dailyPair = fragment<{ spaceId: string; day: string }>(async (ctx, request, account, reply) => {
  const { spaceId, day } = request.params;
  if (day === ctx.dailyQuestions.today(account))
    return todaysPairSection(reply.generateCsrf(), await ctx.dailyQuestions.todays(account, spaceId));
  return pastPairSection(await ctx.dailyQuestions.ofDay(account, spaceId, day));
});

/** The header's link with the signed-in person's own unread count, for the `unread` island. */
const unread = fragment<Record<string, never>>(async (ctx, _request, account) =>
  notificationsLink(await ctx.rhythm.notifications.unreadCount(account.id)),
);

/** The sections the `live` island swaps in: `GET /spaces/:spaceId/live/…`, `GET /journeys/:journeyId/live/…`. */
async function liveFragments(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/partner-today', partnerToday(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/progress', progress(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/reassurance', reassurance(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/meeting-schedule', meetingSchedule(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/meetings', meetings(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/agreement-log', agreementLog(ctx));
  app.get<{ Params: { journeyId: string } }>('/journeys/:journeyId/live/steps', journeySteps(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/waiting', waiting(ctx));
  app.get<{ Params: { spaceId: string; day: string } }>('/spaces/:spaceId/live/daily-question/:day', dailyPair(ctx));
  app.get<{ Params: Record<string, never> }>('/live/unread', unread(ctx));
}

/**
 * Live updates for open pages (cookie sessions): the event stream the `live` island listens to,
 * and the fragments it swaps in. Without JavaScript none of this is used; a reload shows the same.
 * Who may listen is a space's question, so the route is here; platform/live keeps the stream itself.
 */
export async function livePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  const open = liveStreams(app);
  const cookieName = sessionCookieName(ctx.config.secureCookies);

  app.get<{ Params: { spaceId: string }; Querystring: { own?: string } }>('/spaces/:spaceId/live', async (request, reply) => {
    // An EventSource cannot follow a sign-in redirect: a plain 401 tells it to stop.
    if (!request.auth) return reply.status(401).send(errorBody(new MendError('unauthenticated')));
    const { account } = request.auth;
    const token = request.cookies[cookieName] ?? '';
    try {
      return await openMemberStream(open, request, reply, liveMembership(ctx), {
        accountId: account.id,
        spaceId: request.params.spaceId,
        token,
        // `?own=1`: the person's own `unread` events on the same stream (one connection per page).
        ownEvents: request.query.own === '1',
      });
    } catch (error) {
      // Answered as JSON, not the error page: an EventSource reads only the status.
      if (error instanceof MendError) return reply.status(error.status).send(errorBody(error));
      throw error;
    }
  });

  /**
   * The signed-in person's own events alone (`unread`), for a page with no space stream: asked
   * again before each event whether the session is still valid, like a space's stream.
   */
  app.get('/live', async (request, reply) => {
    if (!request.auth) return reply.status(401).send(errorBody(new MendError('unauthenticated')));
    const { account } = request.auth;
    const token = request.cookies[cookieName] ?? '';
    try {
      return open(request, reply, {
        accountId: account.id,
        spaceId: null,
        ownEvents: true,
        stillAllowed: async () => (await ctx.accounts.stillSignedIn(token)) === account.id,
      });
    } catch (error) {
      if (error instanceof MendError) return reply.status(error.status).send(errorBody(error));
      throw error;
    }
  });

  await app.register(liveFragments);
}
