import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isHardCheckin } from '../../core/journey/index.js';
import { isDayMark } from '../../core/checkin/day-mark.js';
import { isIsoDate } from '../../core/time.js';
import type { TextInput } from './service.js';
import { html, type SafeHtml } from '../../platform/web/html.js';
import { hardCheckinNote } from './views/hard-checkin-note.js';
import { NOTE_VISIBILITY_UNANSWERED, NUMBERS_UNANSWERED, numbersValue } from './views/checkin-choices.js';
import { checkinHeading, checkinPage, therapistCheckinIntro, type CheckinForm } from './views/checkin-page.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { layoutSpaceOf } from '../spaces/index.js';
import { act } from '../act.js';
import { saveCheckin } from './actions.js';
import { checkinPageModel, ownCheckin, partnerToday } from './page-model.js';
import { COACH_SCRIPTS, coachFor, inputErrors } from './page-helpers.js';
import { DRAFT_SCRIPT, NO_DRAFTS, withDraft } from '../drafts/index.js';
import { checkinNotePlace } from '../../core/drafts/places.js';

type SpaceRequest = FastifyRequest<{ Params: { spaceId: string } }>;

const int = (v: string): number => (/^\d{1,2}$/.test(v) ? Number(v) : Number.NaN);

/** The daily check-in page (issue #4). */
export async function checkinPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function showCheckin(
    request: SpaceRequest,
    reply: FastifyReply,
    extra: {
      form?: CheckinForm;
      errors?: Record<string, string>;
      saved?: boolean;
      coach?: SafeHtml | null;
      status?: number;
      numbersShared?: boolean | null;
      /** The day asked for by the address (`?date=`), when no form was sent. */
      date?: string | undefined;
      /** The address asked for a day that cannot be checked in for (or no day at all). */
      askedBadDay?: boolean;
    } = {},
  ) {
    const { account } = requireAuth(request);
    const model = await checkinPageModel(ctx, account, request.params.spaceId);
    const { view, dates } = model;
    // A therapist checks in with no one: their page is the partners' day, without a form.
    if (!view.isPartner)
      return renderPage(request, reply, {
        title: 'The partners’ check-ins',
        space: layoutSpaceOf(view),
        scripts: ['/static/live.js'],
        body: () => html`${therapistCheckinIntro(view.space.id)}${partnerToday(model)}`,
      });
    // The day shown is the one sent with the form, else the one asked for, else today; its own
    // check-in fills the form, so one day's numbers are never shown (or saved) as another's.
    // A form sent for a day that has since gone out of reach (a tab left open for days): nothing
    // was saved, and its numbers are not carried onto today's form, where one more Save would
    // record them as today's. What was written in the note stays; its visibility is asked afresh.
    const stale = extra.form?.date && !dates.includes(extra.form.date) ? extra.form.date : null;
    const sent = stale === null ? extra.form : undefined;
    const errors = stale === null ? extra.errors : undefined;
    const carriedNote = stale === null ? undefined : extra.form?.note?.trim() || undefined;
    const asked = sent?.date ?? extra.date;
    const date = asked && dates.includes(asked) ? asked : dates[0]!;
    // A day that is not one of these (in the future, too long ago, or no date) shows today, and says so.
    const dayNotice = extra.askedBadDay || (extra.date !== undefined && !dates.includes(extra.date));
    const mine = ownCheckin(model, date);
    const numbersShared = extra.numbersShared === undefined ? account.checkinNumbersShared : extra.numbersShared;
    const numbers = numbersValue(numbersShared);
    // The note the person is writing comes back from their draft (issue #18); a therapist keeps none.
    const drafts = view.isPartner ? await ctx.drafts.book(account, view.space.id) : NO_DRAFTS;
    const place = checkinNotePlace(view.space.id, date);
    // Nothing is picked for the person that they did not pick themselves (issue #14).
    const form: CheckinForm =
      sent ??
      (mine
        ? {
            date,
            safety: String(mine.safety ?? ''),
            trust: String(mine.trust ?? ''),
            closeness: String(mine.closeness ?? ''),
            day: mine.day ?? '',
            note: carriedNote ?? withDraft(drafts, place, 'note', { saved: mine.note?.text ?? '' }) ?? '',
            visibility: carriedNote === undefined ? (mine.note?.visibility ?? '') : '',
            numbers,
          }
        : { date, numbers, note: carriedNote ?? withDraft(drafts, place, 'note') ?? '' });
    // The author's own hard check-in, on their own page only (the partner is never told).
    const afterSave = extra.saved && mine && isHardCheckin(mine) ? hardCheckinNote(view.space.id, view.partnerIds.length < 2) : null;
    return renderPage(request, reply, {
      title: checkinHeading(dates, date),
      space: layoutSpaceOf(view),
      scripts: [...COACH_SCRIPTS, '/static/open-filled.js', '/static/live.js', DRAFT_SCRIPT],
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        html`${checkinPage({ csrf, spaceId: view.space.id, dates, form, existing: !!mine, numbersShared, drafts, alone: view.partnerIds.length < 2, dayNotice, staleDay: stale, ...(errors ? { errors } : {}), ...(extra.saved ? { saved: true, afterSave } : {}), coach: extra.coach ?? null })}${partnerToday(model)}`,
    });
  }

  app.get<{ Params: { spaceId: string }; Querystring: { saved?: unknown; date?: unknown } }>(
    '/spaces/:spaceId/check-in',
    async (request, reply) => {
      const raw = request.query.date;
      const date = typeof raw === 'string' && isIsoDate(raw) ? raw : undefined;
      return showCheckin(request, reply, {
        saved: request.query.saved === '1',
        date,
        askedBadDay: raw !== undefined && date === undefined,
      });
    },
  );

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/check-in', async (request, reply) => {
    const { account } = requireAuth(request);
    // Its own checks below redraw the page (with the partner's day): not for a therapist.
    partnersOnlyForm(request);
    const f = formFields(request, 2000);
    const form: CheckinForm = {
      date: field(f, 'date'),
      safety: field(f, 'safety'),
      trust: field(f, 'trust'),
      closeness: field(f, 'closeness'),
      day: field(f, 'day'),
      note: field(f, 'note'),
      visibility: field(f, 'visibility'),
      numbers: field(f, 'numbers'),
    };
    const missing: Record<string, string> = {};
    for (const k of ['safety', 'trust', 'closeness'] as const)
      if (!/^\d{1,2}$/.test(form[k] ?? '')) missing[k] = `Choose a number from 0 to 10 for ${k}.`;
    // Unanswered, a question that was never answered is an error (an earlier answer stands).
    const numbersShared = form.numbers === 'shared' ? true : form.numbers === 'private' ? false : null;
    if (numbersShared === null && account.checkinNumbersShared === null) missing.numbers = NUMBERS_UNANSWERED;
    const noteText = (form.note ?? '').trim();
    const noteVisibility: TextInput['visibility'] | null =
      form.visibility === 'shared' ? 'shared' : form.visibility === 'private' ? 'private' : null;
    if (noteText && !noteVisibility) missing.visibility = NOTE_VISIBILITY_UNANSWERED;
    if (Object.keys(missing).length) return showCheckin(request, reply, { form, errors: missing, status: 400 });
    try {
      const day = isDayMark(form.day) ? form.day : null;
      const note = noteText && noteVisibility ? { text: noteText, visibility: noteVisibility } : null;
      await act(
        ctx,
        saveCheckin(ctx, account, request.params.spaceId, form.date ?? '', {
          safety: int(form.safety!),
          trust: int(form.trust!),
          closeness: int(form.closeness!),
          day,
          note,
          numbersShared,
        }),
      );
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      return showCheckin(request, reply, { form, errors: inputErrors(error), status: 400 });
    }
    const coach = coachFor(form.note);
    if (coach)
      return showCheckin(request, reply, { form, saved: true, coach, numbersShared: numbersShared ?? account.checkinNumbersShared });
    // Back to the day just saved (today's address has no `date`).
    const today = ctx.rhythm.checkins.allowedDates(account)[0];
    const day = form.date && form.date !== today ? `date=${encodeURIComponent(form.date)}&` : '';
    return reply.redirect(`/spaces/${request.params.spaceId}/check-in?${day}saved=1`, 303);
  });
}
