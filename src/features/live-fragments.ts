import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError, errorBody } from '../platform/errors.js';
import { spaceView, type CheckinView } from './checkin/service.js';
import { derivedFrom } from './progress/progress-cache.js';
import type { Account } from './accounts/store.js';
import type { SafeHtml } from '../platform/web/html.js';
import { partnerTodaySection, type CheckinNumbers, type PartnerCheckin } from './checkin/views/partner-today.js';
import { journeyStepsSection } from './journey/views/overview.js';
import { agreementLogSection } from './agreement-log/views/agreement-log-page.js';
import { meetingScheduleSection, pastMeetingsSection } from './meetings/views/meetings-page.js';
import { progressSections } from './progress/views/progress-page.js';
import { reassuranceSection } from './reassurance/views/reassurance-page.js';
import type { AppContext } from '../context.js';
import { journeyPageModel } from './journey/pages.js';
import { namesOf } from './checkin/pages.js';

/** A check-in's numbers as the viewer may see them: all of them, or none (their owner keeps them). */
const numbersOf = (c: CheckinView): CheckinNumbers | null =>
  c.safety === null || c.trust === null || c.closeness === null ? null : { safety: c.safety, trust: c.trust, closeness: c.closeness, day: c.day };

/** The other partners' latest check-ins in the viewer's check-in days, as the page shows them. */
export async function partnerTodayHtml(ctx: AppContext, account: Pick<Account, 'id' | 'timezone'>, spaceId: string): Promise<SafeHtml> {
  const view = await spaceView(ctx.spaces, account.id, spaceId);
  const dates = ctx.rhythm.checkins.allowedDates(account);
  const checkins = await ctx.rhythm.checkins.visibleCheckins(view, dates[dates.length - 1]!, dates[0]!);
  const partners: PartnerCheckin[] = view.space.members
    .filter((m) => m.role === 'partner' && m.accountId !== account.id)
    .map((m) => {
      const latest = checkins.filter((c) => c.accountId === m.accountId).sort((x, y) => (x.date < y.date ? 1 : -1))[0];
      return {
        displayName: m.displayName,
        checkin: latest ? { date: latest.date, numbers: numbersOf(latest) } : null,
      };
    });
  return partnerTodaySection({ spaceId: view.space.id, partners, dates, viewer: view.isPartner ? 'partner' : 'therapist' });
}

/**
 * One section alone, drawn by the same code and the same access checks as its full page: a
 * signed-out caller gets 401 (an island's fetch cannot follow a sign-in redirect), anyone who may
 * not see the page — a stranger, a revoked or pending therapist, the other couple — the page's own
 * answer (404), and an active therapist the read-only copy the page shows them.
 */
function fragment<P>(draw: (ctx: AppContext, request: FastifyRequest<{ Params: P }>, account: Account, reply: FastifyReply) => Promise<SafeHtml>) {
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

const partnerToday = fragment<{ spaceId: string }>((ctx, request, account) => partnerTodayHtml(ctx, account, request.params.spaceId));

const progress = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  // The membership read with the session (plugins/auth.ts), so no second read.
  const current = await ctx.rhythm.progress.current(account, request.params.spaceId, request.auth?.membership);
  const { view, progress: kept } = current;
  // Kept with the viewer's result like the page's body, so repeated refreshes draw it once.
  return derivedFrom(current, 'live-progress', () => progressSections({ spaceId: view.space.id, viewerId: account.id, progress: kept }));
});

const journeySteps = fragment<{ journeyId: string }>(async (ctx, request, account) => {
  const m = await journeyPageModel(ctx, account, request.params.journeyId);
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
  const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
  const requests = (await ctx.rhythm.checkins.listReassurance(account.id, view.space.id)).items;
  return reassuranceSection({ csrf: reply.generateCsrf(), spaceId: view.space.id, viewerId: account.id, isPartner: view.isPartner, names: namesOf(view), requests });
});

const meetingSchedule = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
  return meetingScheduleSection({ spaceId: view.space.id, schedule: await ctx.rhythm.meetings.schedule(account.id, view.space.id) });
});

const meetings = fragment<{ spaceId: string }>(async (ctx, request, account) => {
  const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
  return pastMeetingsSection({ spaceId: view.space.id, meetings: (await ctx.rhythm.meetings.list(account.id, view.space.id)).items, names: namesOf(view) });
});

const agreementLog = fragment<{ spaceId: string }>(async (ctx, request, account, reply) => {
  const { view, agreements, entries } = await ctx.rhythm.agreementLog.history(account.id, request.params.spaceId);
  return agreementLogSection({
    csrf: reply.generateCsrf(),
    spaceId: view.space.id,
    viewerId: account.id,
    isPartner: view.isPartner,
    today: ctx.rhythm.checkins.today(account),
    names: namesOf(view),
    agreements,
    entries,
  });
});

/** The sections the `live` island swaps in: `GET /spaces/:spaceId/live/…`, `GET /journeys/:journeyId/live/…`. */
export async function liveFragments(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/partner-today', partnerToday(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/progress', progress(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/reassurance', reassurance(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/meeting-schedule', meetingSchedule(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/meetings', meetings(ctx));
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/agreement-log', agreementLog(ctx));
  app.get<{ Params: { journeyId: string } }>('/journeys/:journeyId/live/steps', journeySteps(ctx));
}
