import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { mondayOf } from '../../core/time.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { historyLinksFor, historyRequest } from '../../platform/http/history-paging.js';
import { COACH_SCRIPTS, inputErrors, olderOf } from '../checkin/index.js';
import { departuresOfView, layoutSpaceOf, namesOf, spaceView } from '../spaces/index.js';
import { act } from '../act.js';
import { newCalendarFeed, recordMeeting, revokeCalendarFeed, setMeetingSchedule } from './actions.js';
import { MEETING_KEY } from './cursor-key.js';
import { meetingsPageModel } from './page-model.js';
import type { MeetingAgenda } from './service.js';
import { meetingsPage, newMeetingPage } from './views/meetings-page.js';
import { DRAFT_SCRIPT } from '../drafts/index.js';
import { loadWeekLog, weekLogSection } from '../agreement-log/index.js';

type SpaceRequest = FastifyRequest<{ Params: { spaceId: string } }>;

/** The weekly check-in meeting: its record, its time, the calendar feed (issue #4). */
export async function meetingPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function showMeetings(
    request: SpaceRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; feedUrl?: string; status?: number } = {},
  ) {
    const { account } = requireAuth(request);
    const at = historyRequest(olderOf(request), MEETING_KEY.length);
    const [{ view, page, schedule }, hasFeed] = await Promise.all([
      meetingsPageModel(ctx, account.id, request.params.spaceId, at),
      ctx.rhythm.meetings.hasFeed(account.id),
    ]);
    // Records come newest day first: the newest says whether this week's meeting is already held.
    const newest =
      at.after === null ? page.items[0] : (await ctx.rhythm.meetings.list(account.id, view.space.id, { after: null, size: 1 })).items[0];
    const thisWeek = newest && mondayOf(newest.heldOn) === mondayOf(ctx.rhythm.checkins.today(account)) ? newest : null;
    const saved = (request.query as Record<string, unknown> | undefined)?.saved === '1';
    const weekLog = weekLogSection(await loadWeekLog(ctx, account, view.space.id));
    const meetings = page.items;
    const paging = historyLinksFor(`/spaces/${view.space.id}/meetings`, at, page);
    return renderPage(request, reply, {
      title: 'Weekly check-in meeting',
      space: layoutSpaceOf(view),
      scripts: ['/static/live.js'],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        meetingsPage({
          csrf,
          spaceId: view.space.id,
          isPartner: view.isPartner,
          alone: view.partnerIds.length < 2,
          meetings,
          paging,
          schedule,
          hasFeed,
          feedUrl: extra.feedUrl ?? null,
          names: namesOf(view),
          former: departuresOfView(view),
          weekLog,
          thisWeek,
          saved,
          ...(extra.errors ? { errors: extra.errors } : {}),
        }),
    });
  }

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings', (request, reply) => showMeetings(request, reply));

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings/new', async (request, reply) => {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    // A therapist reads the meetings and is shown no form (after the membership check: others get 404).
    partnersOnlyForm(request);
    const drafts = await ctx.drafts.book(account, view.space.id);
    const weekLog = weekLogSection(await loadWeekLog(ctx, account, view.space.id), 3, { together: true });
    return renderPage(request, reply, {
      title: 'This week’s meeting',
      space: layoutSpaceOf(view),
      scripts: [...COACH_SCRIPTS, DRAFT_SCRIPT],
      body: (csrf) =>
        newMeetingPage({
          csrf,
          spaceId: view.space.id,
          today: ctx.rhythm.checkins.today(account),
          drafts,
          weekLog,
          alone: view.partnerIds.length < 2,
        }),
    });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const agenda: Partial<MeetingAgenda> = {
      appreciations: field(f, 'appreciations'),
      wentWell: field(f, 'wentWell'),
      agreementLog: field(f, 'agreementLog'),
      concern: field(f, 'concern'),
      requests: field(f, 'requests'),
    };
    try {
      await act(
        ctx,
        recordMeeting(ctx, account, request.params.spaceId, { ...(field(f, 'heldOn') ? { heldOn: field(f, 'heldOn') } : {}), agenda }),
      );
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      const errors = inputErrors(error);
      const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
      const drafts = await ctx.drafts.book(account, view.space.id);
      const weekLog = weekLogSection(await loadWeekLog(ctx, account, view.space.id), 3, { together: true });
      return renderPage(request, reply, {
        title: 'This week’s meeting',
        status: 400,
        space: layoutSpaceOf(view),
        scripts: [...COACH_SCRIPTS, DRAFT_SCRIPT],
        body: (csrf) =>
          newMeetingPage({
            csrf,
            spaceId: view.space.id,
            today: ctx.rhythm.checkins.today(account),
            form: { ...agenda, heldOn: field(f, 'heldOn') },
            errors,
            drafts,
            weekLog,
            alone: view.partnerIds.length < 2,
          }),
      });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/meetings?saved=1`, 303);
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings/schedule', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 100);
    try {
      await act(
        ctx,
        setMeetingSchedule(ctx, account, request.params.spaceId, { weekday: Number(field(f, 'weekday')), time: field(f, 'time') }),
      );
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showMeetings(request, reply, { errors: inputErrors(error), status: 400 });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/meetings`, 303);
  });

  app.post('/calendar-feed', async (request, reply) => {
    const { account } = requireAuth(request);
    const spaceId = field(formFields(request, 100), 'spaceId');
    // Check the space first: a new feed revokes the old one, and its address is shown only on
    // the page this request renders, so that page must exist before anything changes.
    const view = await spaceView(ctx.spaces, account.id, spaceId);
    // The meetings page comes back in answer to this POST, which the access log (it records reads)
    // skips: a therapist's view of it is written here, as its GET's would be, before anything changes.
    if (!view.isPartner) await ctx.therapists.noteView(account.id, view.space.id, '/spaces/:spaceId/meetings');
    const { url } = await act(ctx, newCalendarFeed(ctx, account.id));
    // The secret is shown once, on this response; it is never put in a URL we redirect to.
    return showMeetings(Object.assign(request, { params: { spaceId } }) as SpaceRequest, reply, { feedUrl: url });
  });

  app.post('/calendar-feed/revoke', async (request, reply) => {
    const { account } = requireAuth(request);
    const spaceId = field(formFields(request, 100), 'spaceId');
    await act(ctx, revokeCalendarFeed(ctx, account.id));
    return reply.redirect(/^[A-Za-z0-9-]{1,64}$/.test(spaceId) ? `/spaces/${spaceId}/meetings` : '/notifications', 303);
  });

  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
    const feed = await ctx.rhythm.meetings.feed(token);
    if (feed === null) throw new MendError('not_found');
    return reply.header('Cache-Control', 'private, no-store').type('text/calendar; charset=utf-8').send(feed);
  });
}
