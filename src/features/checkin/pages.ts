import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { analyzeMessage } from '../../core/coach/index.js';
import { isHardCheckin } from '../../core/journey/index.js';
import { MendError } from '../../platform/errors.js';
import { spaceView, type SpaceView, type TextInput } from './service.js';
import { MEETING_KEY, type MeetingAgenda } from '../meetings/index.js';
import { NOTIFICATION_KEY } from '../notifications/index.js';
import { REASSURANCE_KEY } from '../reassurance/index.js';
import { coachFindingsHtml } from '../coach/index.js';
import { html, type SafeHtml } from '../../platform/web/html.js';
import type { LayoutSpace } from '../../platform/web/layout.js';
import { hardCheckinNote } from './views/hard-checkin-note.js';
import { NOTE_VISIBILITY_UNANSWERED, NUMBERS_UNANSWERED, numbersValue } from './views/checkin-choices.js';
import { checkinPage, type CheckinForm } from './views/checkin-page.js';
import { meetingsPage, newMeetingPage } from '../meetings/index.js';
import { notificationsPage } from '../notifications/index.js';
import { reassurancePage } from '../reassurance/index.js';
import { monthlyReviewPage } from '../monthly-review/index.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { agreementLogPages } from '../agreement-log/index.js';
import { decisionGuidePages } from '../decision-guide/index.js';
import { unpickedProblem, writtenNote } from '../reassurance/index.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { progressPages } from '../progress/index.js';
import { partnerTodayHtml } from '../live-fragments.js';
import { historyLinksFor, historyRequest } from '../../platform/http/history-paging.js';

type SpaceRequest = FastifyRequest<{ Params: { spaceId: string } }>;

/** `?older=` of a history page's address (history-paging.ts). */
const olderOf = (request: FastifyRequest): string | undefined => {
  const older = (request.query as { older?: unknown } | undefined)?.older;
  return typeof older === 'string' ? older : undefined;
};

export const layoutSpaceOf = (view: SpaceView): LayoutSpace => ({
  id: view.space.id,
  name: view.space.name,
  partnerNames: view.space.members.filter((m) => m.role === 'partner').map((m) => m.displayName),
});

export const namesOf = (view: SpaceView) => new Map(view.space.members.map((m) => [m.accountId, m.displayName]));

/** Input errors re-render the form (400); everything else (404, 403, …) goes to the error page. */
export function inputErrors(error: unknown): Record<string, string> {
  if (error instanceof MendError && error.status === 400 && error.details) return error.details;
  throw error;
}

const noteFromForm = (fields: Record<string, string>, textName = 'note', visName = 'visibility'): TextInput | null => {
  const text = field(fields, textName).trim();
  return text ? { text, visibility: field(fields, visName) === 'shared' ? 'shared' : 'private' } : null;
};

const coachFor = (text: string | undefined): SafeHtml | null => {
  if (!text?.trim()) return null;
  const result = analyzeMessage(text);
  return result.harsh ? coachFindingsHtml(result, 'message') : null;
};

const int = (v: string): number => (/^\d{1,2}$/.test(v) ? Number(v) : Number.NaN);

/** Check-in, reassurance, weekly meeting, monthly review and notification pages (issue #4). */
export async function rhythmPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  const { rhythm } = ctx;
  const coachScripts = ['/static/coach.js'];

  async function showCheckin(request: SpaceRequest, reply: FastifyReply, extra: { form?: CheckinForm; errors?: Record<string, string>; saved?: boolean; coach?: SafeHtml | null; status?: number; numbersShared?: boolean | null } = {}) {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    const dates = rhythm.checkins.allowedDates(account);
    const date = extra.form?.date && dates.includes(extra.form.date) ? extra.form.date : dates[0]!;
    const mine = (await rhythm.checkins.visibleCheckins(view, date, date)).find((c) => c.accountId === account.id);
    const numbersShared = extra.numbersShared === undefined ? account.checkinNumbersShared : extra.numbersShared;
    const numbers = numbersValue(numbersShared);
    // Nothing is picked for the person that they did not pick themselves (issue #14).
    const form: CheckinForm = extra.form ?? (mine
      ? { date, safety: String(mine.safety ?? ''), trust: String(mine.trust ?? ''), closeness: String(mine.closeness ?? ''), day: mine.day ?? '', note: mine.note?.text ?? '', visibility: mine.note?.visibility ?? '', numbers }
      : { date, numbers });
    const partnerToday = await partnerTodayHtml(ctx, account, view.space.id);
    // The author's own hard check-in, on their own page only (the partner is never told).
    const afterSave = extra.saved && mine && isHardCheckin(mine) ? hardCheckinNote(view.space.id) : null;
    return renderPage(request, reply, {
      title: 'Today’s check-in',
      space: layoutSpaceOf(view),
      scripts: [...coachScripts, '/static/open-filled.js', '/static/live.js'],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        html`${checkinPage({ csrf, spaceId: view.space.id, dates, form, existing: !!mine, numbersShared, ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.saved ? { saved: true, afterSave } : {}), coach: extra.coach ?? null })}${partnerToday}`,
    });
  }

  app.get<{ Params: { spaceId: string }; Querystring: { saved?: string } }>('/spaces/:spaceId/check-in', async (request, reply) =>
    showCheckin(request, reply, { saved: request.query.saved === '1' }),
  );

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/check-in', async (request, reply) => {
    const { account } = requireAuth(request);
    // Its own checks below redraw the page (with the partner's day): not for a therapist.
    partnersOnlyForm(request);
    const f = formFields(request, 2000);
    const form: CheckinForm = { date: field(f, 'date'), safety: field(f, 'safety'), trust: field(f, 'trust'), closeness: field(f, 'closeness'), day: field(f, 'day'), note: field(f, 'note'), visibility: field(f, 'visibility'), numbers: field(f, 'numbers') };
    const missing: Record<string, string> = {};
    for (const k of ['safety', 'trust', 'closeness'] as const) if (!/^\d{1,2}$/.test(form[k] ?? '')) missing[k] = `Choose a number from 0 to 10 for ${k}.`;
    // Unanswered, a question that was never answered is an error (an earlier answer stands).
    const numbersShared = form.numbers === 'shared' ? true : form.numbers === 'private' ? false : null;
    if (numbersShared === null && account.checkinNumbersShared === null) missing.numbers = NUMBERS_UNANSWERED;
    const noteText = (form.note ?? '').trim();
    const noteVisibility: TextInput['visibility'] | null = form.visibility === 'shared' ? 'shared' : form.visibility === 'private' ? 'private' : null;
    if (noteText && !noteVisibility) missing.visibility = NOTE_VISIBILITY_UNANSWERED;
    if (Object.keys(missing).length) return showCheckin(request, reply, { form, errors: missing, status: 400 });
    try {
      const day = form.day === 'good' || form.day === 'mixed' || form.day === 'hard' ? form.day : null;
      const note = noteText && noteVisibility ? { text: noteText, visibility: noteVisibility } : null;
      const { checkin, noticeable } = await rhythm.checkins.put(account, request.params.spaceId, form.date ?? '', { safety: int(form.safety!), trust: int(form.trust!), closeness: int(form.closeness!), day, note, numbersShared });
      // An edit of what is the author's alone is not announced: even its timing is theirs.
      if (noticeable) await ctx.live.publish(request.params.spaceId, { kind: 'checkin', accountId: account.id, date: checkin.date });
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showCheckin(request, reply, { form, errors: inputErrors(error), status: 400 });
    }
    const coach = coachFor(form.note);
    if (coach) return showCheckin(request, reply, { form, saved: true, coach, numbersShared: numbersShared ?? account.checkinNumbersShared });
    return reply.redirect(`/spaces/${request.params.spaceId}/check-in?saved=1`, 303);
  });

  async function showReassurance(request: SpaceRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; message?: string; form?: { note?: string; visibility?: string; answer?: string; answerFor?: string }; status?: number; coach?: SafeHtml | null } = {}) {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    const at = historyRequest(olderOf(request), REASSURANCE_KEY.length);
    const page = await rhythm.checkins.listReassurance(account.id, view.space.id, at);
    const requests = page.items;
    const paging = historyLinksFor(`/spaces/${view.space.id}/reassurance`, at, page);
    return renderPage(request, reply, {
      title: 'Reassurance',
      space: layoutSpaceOf(view),
      scripts: [...coachScripts, '/static/live.js'],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) => reassurancePage({ csrf, spaceId: view.space.id, viewerId: account.id, isPartner: view.isPartner, names: namesOf(view), requests, paging, ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.message ? { message: extra.message } : {}), ...(extra.form ? { form: extra.form } : {}), coach: extra.coach ?? null }),
    });
  }

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/reassurance', (request, reply) => showReassurance(request, reply));

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/reassurance', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const note = writtenNote(f);
    if (note?.visibility === null) {
      // The page is redrawn around the problem: only for the space's partners (spaceView finds no
      // other space; a therapist gets the error page).
      partnersOnlyForm(request);
      return showReassurance(request, reply, { errors: unpickedProblem(note), form: { note: field(f, 'note'), visibility: '' }, status: 400 });
    }
    try {
      const asked = await rhythm.checkins.requestReassurance(account, request.params.spaceId, note && { text: note.text, visibility: note.visibility });
      await ctx.live.publish(asked.spaceId, { kind: 'reassurance_requested', id: asked.id });
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showReassurance(request, reply, { errors: inputErrors(error), form: { note: field(f, 'note'), visibility: field(f, 'visibility') }, status: 400 });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/reassurance`, 303);
  });

  app.post<{ Params: { spaceId: string; requestId: string } }>('/spaces/:spaceId/reassurance/:requestId/answer', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const answer = field(f, 'answer');
    try {
      // The page's own space: a call of another space is not found at this address (404).
      const answered = await rhythm.checkins.answerReassurance(account, request.params.requestId, answer, request.params.spaceId);
      await ctx.live.publish(answered.spaceId, { kind: 'reassurance_answered', id: answered.id });
    } catch (error) {
      // Words to correct (400), a call already answered (409) or one's own call (403) come back on
      // the page, with what was written; anything else (404) goes to the error page.
      if (!(error instanceof MendError) || ![400, 403, 409].includes(error.status)) throw error;
      refusalOnlyForTherapist(request, error);
      const said = error.details ? { errors: error.details } : { message: error.message };
      return showReassurance(request, reply, { ...said, form: { answer, answerFor: request.params.requestId }, status: error.status });
    }
    const coach = coachFor(answer);
    if (coach) return showReassurance(request, reply, { coach });
    return reply.redirect(`/spaces/${request.params.spaceId}/reassurance`, 303);
  });

  async function showMeetings(request: SpaceRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; feedUrl?: string; status?: number } = {}) {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    const at = historyRequest(olderOf(request), MEETING_KEY.length);
    const [page, schedule, hasFeed] = await Promise.all([rhythm.meetings.list(account.id, view.space.id, at), rhythm.meetings.schedule(account.id, view.space.id), rhythm.meetings.hasFeed(account.id)]);
    const meetings = page.items;
    const paging = historyLinksFor(`/spaces/${view.space.id}/meetings`, at, page);
    return renderPage(request, reply, {
      title: 'Weekly check-in meeting',
      space: layoutSpaceOf(view),
      scripts: ['/static/live.js'],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) => meetingsPage({ csrf, spaceId: view.space.id, isPartner: view.isPartner, meetings, paging, schedule, hasFeed, feedUrl: extra.feedUrl ?? null, names: namesOf(view), ...(extra.errors ? { errors: extra.errors } : {}) }),
    });
  }

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings', (request, reply) => showMeetings(request, reply));

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings/new', async (request, reply) => {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    // A therapist reads the meetings and is shown no form (after the membership check: others get 404).
    partnersOnlyForm(request);
    return renderPage(request, reply, { title: 'This week’s meeting', space: layoutSpaceOf(view), scripts: coachScripts, body: (csrf) => newMeetingPage({ csrf, spaceId: view.space.id, today: rhythm.checkins.today(account) }) });
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 2000);
    const agenda: Partial<MeetingAgenda> = { appreciations: field(f, 'appreciations'), wentWell: field(f, 'wentWell'), agreementLog: field(f, 'agreementLog'), concern: field(f, 'concern'), requests: field(f, 'requests') };
    try {
      const meeting = await rhythm.meetings.record(account, request.params.spaceId, { ...(field(f, 'heldOn') ? { heldOn: field(f, 'heldOn') } : {}), agenda });
      await ctx.live.publish(meeting.spaceId, { kind: 'meeting', id: meeting.id, date: meeting.heldOn });
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      const errors = inputErrors(error);
      const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
      return renderPage(request, reply, { title: 'This week’s meeting', status: 400, space: layoutSpaceOf(view), scripts: coachScripts, body: (csrf) => newMeetingPage({ csrf, spaceId: view.space.id, today: rhythm.checkins.today(account), form: { ...agenda, heldOn: field(f, 'heldOn') }, errors }) });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/meetings`, 303);
  });

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/meetings/schedule', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 100);
    try {
      await rhythm.meetings.setSchedule(account, request.params.spaceId, { weekday: Number(field(f, 'weekday')), time: field(f, 'time') });
      await ctx.live.publish(request.params.spaceId, { kind: 'meeting_schedule' });
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
    const { url } = await rhythm.meetings.newFeed(account.id);
    // The secret is shown once, on this response; it is never put in a URL we redirect to.
    return showMeetings(Object.assign(request, { params: { spaceId } }) as SpaceRequest, reply, { feedUrl: url });
  });

  app.post('/calendar-feed/revoke', async (request, reply) => {
    const { account } = requireAuth(request);
    const spaceId = field(formFields(request, 100), 'spaceId');
    await rhythm.meetings.revokeFeed(account.id);
    return reply.redirect(/^[A-Za-z0-9-]{1,64}$/.test(spaceId) ? `/spaces/${spaceId}/meetings` : '/notifications', 303);
  });

  app.get<{ Params: { file: string } }>('/calendar/:file', async (request, reply) => {
    const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
    const feed = await rhythm.meetings.feed(token);
    if (feed === null) throw new MendError('not_found');
    return reply.header('Cache-Control', 'private, no-store').type('text/calendar; charset=utf-8').send(feed);
  });

  async function showReview(request: SpaceRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; saved?: boolean; values?: Record<string, number>; status?: number } = {}) {
    const { account } = requireAuth(request);
    const view = await spaceView(ctx.spaces, account.id, request.params.spaceId);
    const month = rhythm.checkins.today(account).slice(0, 7);
    const existing = (await rhythm.checkins.monthlyReviews(view)).find((r) => r.accountId === account.id && r.month === month);
    const values = extra.values ?? (existing ? { communicate: existing.communicate, closer: existing.closer, respect: existing.respect } : undefined);
    return renderPage(request, reply, {
      title: 'Monthly review',
      space: layoutSpaceOf(view),
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) => monthlyReviewPage({ csrf, spaceId: view.space.id, month, ...(values ? { values } : {}), ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.saved ? { saved: true } : {}) }),
    });
  }

  app.get<{ Params: { spaceId: string }; Querystring: { saved?: string } }>('/spaces/:spaceId/monthly-review', (request, reply) => showReview(request, reply, { saved: request.query.saved === '1' }));

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/monthly-review', async (request, reply) => {
    const { account } = requireAuth(request);
    // Its own checks below redraw the page: not for a therapist.
    partnersOnlyForm(request);
    const f = formFields(request, 100);
    const values = { communicate: Number(field(f, 'communicate')), closer: Number(field(f, 'closer')), respect: Number(field(f, 'respect')) };
    const errors: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (!Number.isInteger(v) || v < 1 || v > 5) errors[k] = 'Choose a number from 1 to 5.';
    if (Object.keys(errors).length) return showReview(request, reply, { errors, status: 400 });
    const month = field(f, 'month') || rhythm.checkins.today(account).slice(0, 7);
    try {
      await rhythm.checkins.saveMonthlyReview(account, request.params.spaceId, { month, ...values });
      await ctx.live.publish(request.params.spaceId, { kind: 'monthly_review', accountId: account.id, month });
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showReview(request, reply, { errors: inputErrors(error), values, status: 400 });
    }
    return reply.redirect(`/spaces/${request.params.spaceId}/monthly-review?saved=1`, 303);
  });

  async function showNotifications(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; saved?: boolean; status?: number } = {}) {
    const { account } = requireAuth(request);
    const at = historyRequest(olderOf(request), NOTIFICATION_KEY.length);
    const [page, reminders] = await Promise.all([rhythm.notifications.list(account.id, at), rhythm.reminders.preferences(account.id)]);
    const list = page.items;
    const paging = historyLinksFor('/notifications', at, page);
    return renderPage(request, reply, {
      title: 'Notifications',
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) => notificationsPage({ csrf, notifications: list, paging, reminders, email: rhythm.reminders.emailEnabled, ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.saved ? { saved: true } : {}) }),
    });
  }

  app.get<{ Querystring: { saved?: string } }>('/notifications', (request, reply) => showNotifications(request, reply, { saved: request.query.saved === '1' }));

  app.post('/notifications/read', async (request, reply) => {
    const { account } = requireAuth(request);
    await rhythm.notifications.markRead(account.id, null);
    return reply.redirect('/notifications', 303);
  });

  app.post('/notifications/reminders', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 100);
    const dailyTime = field(f, 'dailyTime').trim();
    if (dailyTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(dailyTime)) return showNotifications(request, reply, { errors: { dailyTime: 'Use a time like 20:30, or leave it empty.' }, status: 400 });
    await rhythm.reminders.setPreferences(account.id, { dailyTime: dailyTime || null, weeklyEmail: field(f, 'weeklyEmail') === 'yes' });
    return reply.redirect('/notifications?saved=1', 303);
  });

  await app.register(progressPages);
  await app.register(agreementLogPages);
  await app.register(decisionGuidePages);
}
