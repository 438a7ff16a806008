import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { analyze } from '../../core/coach/index.js';
import { APOLOGY_COMPONENTS, isApologyComponent } from '../../core/apology-components.js';
import {
  ABSENT_PARTNER,
  PROMPTS,
  dayOrMonthFromParts,
  isBreachKind,
  isPromptKey,
  stepNumber,
  type ApologyParts,
  type BreachKind,
  type PromptKey,
  type StepNumber,
  templateFormValues,
  transparencyOffered,
  transparencyTemplate,
} from '../../core/journey/index.js';
import { localDate } from '../../core/time.js';
import { isVisibility } from '../../core/visibility/index.js';
import { resourcesFor, supportCountryFor, therapistDirectoriesFor } from '../../core/safety/index.js';
import { MendError, fail, refuse } from '../../platform/errors.js';
import type { Actor } from './access.js';
import { apologyPartProblems, dateProblems } from './service.js';
import { coachFindingsHtml } from '../coach/index.js';
import { html, type SafeHtml } from '../../platform/web/html.js';
import { agreementFormPage } from '../agreements/index.js';
import { apologyAnswerPage, apologyBuilderPage, draftedParts } from './views/apology-pages.js';
import { DRAFT_SCRIPT } from '../drafts/index.js';
import { agreementPlace, counterPlace } from '../../core/drafts/places.js';
import { agreementWords, isAlone } from '../../core/partner-words.js';
import { journeyTitle, presenceOf, stepUrl, type FormState, type JourneyPageModel } from './views/common.js';
import { hardDayPage, questionsPage, therapyPage, triggersPage } from './views/extras.js';
import { breachFormPage, journeyPage } from './views/overview.js';
import { step1Page, step2Page, step3Page, step4Page, step5Page, step6Page, step7Page } from './views/steps.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage, safeNext } from '../../platform/http/render.js';
import { unpickedProblem, writtenNote } from '../reassurance/index.js';
import { field, formFields } from '../../platform/http/form.js';
import { partnersOnlyForm, refusalOnlyForTherapist } from '../../platform/http/refusals.js';
import { act } from '../act.js';
import { loadJourneyPage } from './page-model.js';
import * as journeyActions from './actions.js';
import * as agreementActions from '../agreements/index.js';

type Params = { journeyId: string };
/** The journey's writing pages: the coach, and the island that keeps a draft as the person types. */
const SCRIPTS = ['/static/coach.js', DRAFT_SCRIPT];
/** The journey's own page has no form to keep; it refreshes its steps live (the `live` island, live-fragments.ts). */
const OVERVIEW_SCRIPTS = ['/static/coach.js', '/static/live.js'];

/** The prompts written on the after-cheating pages rather than on a step page. */
const QUESTION_PROMPTS: readonly PromptKey[] = ['question', 'answer'];
const TRIGGER_PROMPTS: readonly PromptKey[] = ['trigger', 'trigger_response'];

function stepNumberOf(value: string): StepNumber | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 7 ? (n as StepNumber) : null;
}

/** "When did it come out?" from the form's three boxes (views/overview.ts cameOutField). */
function cameOutFrom(f: Record<string, string>): { value: string | null } | { problem: string } {
  const parsed = dayOrMonthFromParts({ year: field(f, 'cameOutYear'), month: field(f, 'cameOutMonth'), day: field(f, 'cameOutDay') });
  if ('value' in parsed) return parsed;
  return {
    problem:
      parsed.problem === 'incomplete'
        ? 'Give the month and the year it came out (the day is optional), or leave all three empty.'
        : 'Enter a real date: a year like 2026, and a day that is in that month.',
  };
}

/** A form's problems as the page shows them; anything else (404, 5xx) goes to the error page. */
function formProblem(error: unknown, form: string, values: Record<string, string>): FormState {
  if (!(error instanceof MendError) || error.status >= 500 || error.status === 404 || error.status === 401) throw error;
  return { form, values, errors: error.details ?? {}, ...(error.details ? {} : { message: error.message }) };
}

/**
 * The page again, with the problem said at the top when the page has no form to show it beside
 * (a step not open yet shows no form for its prompts): a refusal is never silent.
 */
function withProblemShown(body: (csrf: string) => SafeHtml, state: FormState): (csrf: string) => SafeHtml {
  return (csrf) => {
    const page = body(csrf);
    if (page.value.includes(`id="form-${state.form}"`)) return page;
    const problem = state.message ?? Object.values(state.errors)[0] ?? 'That could not be saved.';
    return html`<p class="field-error" role="alert">${problem}</p>${page}`;
  };
}

/** The live fragment (live-fragments.ts) still reads the model by this name until it imports the index. */

export async function journeyPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function model(request: FastifyRequest, journeyId: string): Promise<{ account: Actor; m: JourneyPageModel }> {
    const { account } = requireAuth(request);
    const m = await loadJourneyPage(ctx, account, journeyId);
    // The therapist access log (plugins/therapist-access-log.ts) records GETs by space.
    request.viewedSpaceId = m.spaceId;
    return { account, m };
  }

  /** Pages that are only a form for the partners: a therapist reading the journey gets 403, not a form to be refused by. */
  function partnersOnly(m: JourneyPageModel): void {
    if (m.relation !== 'partner') refuse('partners_only');
  }

  function layoutSpace(m: JourneyPageModel) {
    // The partners here now: one who left is not named in the header.
    const here = Object.entries(m.names).filter(([id]) => !m.former.has(id));
    return { id: m.spaceId, name: m.spaceName, partnerNames: here.map(([, name]) => name), therapist: m.relation === 'therapist' };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    m: JourneyPageModel,
    title: string,
    body: (csrf: string) => SafeHtml,
    status = 200,
  ): Promise<FastifyReply> {
    return renderPage(request, reply, { title, body, space: layoutSpace(m), scripts: SCRIPTS, status });
  }

  function stepBody(m: JourneyPageModel, n: StepNumber, state: FormState | null): (csrf: string) => SafeHtml {
    return (csrf) => {
      switch (n) {
        case 1:
          return step1Page(m, csrf, state);
        case 2:
          return step2Page(m, csrf, state);
        case 3:
          return step3Page(m, csrf, state);
        case 4:
          return step4Page(m, csrf, state);
        case 5:
          return step5Page(m);
        case 6:
          return step6Page(m, csrf);
        case 7:
          return step7Page(m, csrf, state);
      }
    };
  }

  // ---- recording a breach ------------------------------------------------------------------

  async function breachForm(
    request: FastifyRequest,
    reply: FastifyReply,
    spaceId: string,
    values?: Record<string, string>,
    errors?: Record<string, string>,
  ) {
    const { account } = requireAuth(request);
    const space = await ctx.spaces.forMember(account.id, spaceId);
    // A therapist is shown no form (after the membership check: others get 404).
    partnersOnlyForm(request);
    const partners = space.members.filter((p) => p.role === 'partner').map((p) => ({ accountId: p.accountId, displayName: p.displayName }));
    const drafts = await ctx.drafts.book(account, space.id);
    return renderPage(request, reply, {
      title: 'Record what broke trust',
      status: errors ? 400 : 200,
      scripts: SCRIPTS,
      body: (csrf) =>
        breachFormPage(csrf, {
          spaceId,
          viewerId: account.id,
          partners,
          drafts,
          ...(values ? { values } : {}),
          ...(errors ? { errors } : {}),
        }),
    });
  }

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/breaches/new', async (request, reply) =>
    breachForm(request, reply, request.params.spaceId),
  );

  app.post<{ Params: { spaceId: string } }>('/spaces/:spaceId/breaches', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request);
    const space = await ctx.spaces.forMember(account.id, request.params.spaceId);
    // Its own checks below redraw the form (with the partners' names): not for a therapist.
    partnersOnlyForm(request);
    const partner = space.members.find((p) => p.role === 'partner' && p.accountId !== account.id)?.accountId ?? ABSENT_PARTNER;
    const who = field(f, 'who');
    const kind = field(f, 'kind');
    const errors: Record<string, string> = {};
    if (!isBreachKind(kind)) errors.kind = 'Choose the kind of breach that fits best. “Something else” is fine.';
    const brokeTrust = who === 'me' ? [account.id] : who === 'both' ? [account.id, partner] : who === 'partner' ? [partner] : [];
    if (brokeTrust.length === 0) errors.brokeTrust = 'Choose who broke trust.';
    const cameOut = cameOutFrom(f);
    if ('problem' in cameOut) errors.cameOutOn = cameOut.problem;
    // The dates' own bounds (future, too old, out before it happened), said with the rest at once.
    const today = localDate(ctx.clock.now(), account.timezone);
    for (const [name, problem] of Object.entries(
      dateProblems(field(f, 'occurredOn') || null, 'value' in cameOut ? cameOut.value : null, today),
    ))
      errors[name] ??= problem;
    const description = writtenNote(f, 'description', 'descriptionVisibility');
    Object.assign(errors, unpickedProblem(description, 'descriptionVisibility'));
    if (Object.keys(errors).length > 0 || description?.visibility === null) return breachForm(request, reply, space.id, f, errors);
    const hurt = field(f, 'hurt');
    try {
      const { journey } = await act(
        ctx,
        journeyActions.recordBreach(ctx, account, space.id, {
          kind: kind as BreachKind,
          brokeTrust,
          occurredOn: field(f, 'occurredOn') || undefined,
          cameOut: field(f, 'cameOut') === 'disclosed' ? 'disclosed' : field(f, 'cameOut') === 'discovered' ? 'discovered' : undefined,
          cameOutOn: 'value' in cameOut && cameOut.value !== null ? cameOut.value : undefined,
          hurt: hurt === '' ? undefined : Number(hurt),
          description: description ? { text: description.text, visibility: description.visibility } : undefined,
        }),
      );
      return reply.redirect(`/journeys/${journey.id}`, 303);
    } catch (error) {
      refusalOnlyForTherapist(request, error);
      const state = formProblem(error, 'breach', f);
      return breachForm(request, reply, space.id, f, Object.keys(state.errors).length > 0 ? state.errors : { kind: state.message ?? '' });
    }
  });

  // ---- the journey and its steps ------------------------------------------------------------

  app.get<{ Params: Params }>('/journeys/:journeyId', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    return renderPage(request, reply, {
      title: journeyTitle(m.view),
      body: (csrf) => journeyPage(m, { csrf }),
      space: layoutSpace(m),
      scripts: OVERVIEW_SCRIPTS,
    });
  });

  app.post<{ Params: Params }>('/journeys/:journeyId/breach-dates', async (request, reply) => {
    // Who may send it is known before its own checks redraw the page: a therapist gets 403.
    const { account, m } = await model(request, request.params.journeyId);
    partnersOnlyForm(request, m.relation);
    const f = formFields(request, 100);
    const cameOut = cameOutFrom(f);
    const occurredOn = field(f, 'occurredOn').trim();
    let errors: Record<string, string> = 'problem' in cameOut ? { cameOutOn: cameOut.problem } : {};
    if (Object.keys(errors).length === 0) {
      try {
        await act(
          ctx,
          journeyActions.correctBreachDates(ctx, account, request.params.journeyId, {
            occurredOn: occurredOn === '' ? null : occurredOn,
            cameOutOn: 'value' in cameOut ? cameOut.value : null,
          }),
        );
        return reply.redirect(`/journeys/${request.params.journeyId}#breach-heading`, 303);
      } catch (error) {
        refusalOnlyForTherapist(request, error, m.relation);
        const state = formProblem(error, 'breach-dates', f);
        errors = Object.keys(state.errors).length > 0 ? state.errors : { cameOutOn: state.message ?? 'That could not be saved.' };
      }
    }
    return renderPage(request, reply, {
      title: journeyTitle(m.view),
      status: 400,
      body: (csrf) => journeyPage(m, { csrf, values: f, errors }),
      space: layoutSpace(m),
      scripts: OVERVIEW_SCRIPTS,
    });
  });

  app.get<{ Params: Params & { n: string } }>('/journeys/:journeyId/steps/:n', async (request, reply) => {
    const n = stepNumberOf(request.params.n);
    if (n === null) fail('not_found');
    const { m } = await model(request, request.params.journeyId);
    return show(request, reply, m, `Step ${n} · ${journeyTitle(m.view)}`, stepBody(m, n, null));
  });

  app.post<{ Params: Params & { n: string } }>('/journeys/:journeyId/steps/:n/entries', async (request, reply) => {
    if (stepNumberOf(request.params.n) === null) fail('not_found');
    const { account } = requireAuth(request);
    const f = formFields(request);
    const prompt = field(f, 'prompt');
    if (!isPromptKey(prompt)) fail('invalid_input', { prompt: 'Choose one of the journey’s exercises.' });
    // The prompt decides its page, not the address it was posted to: a hand-made post to another
    // step's address still comes back to the page that has its form, where its message shows.
    const n = stepNumber(PROMPTS[prompt].step);
    const visibility = field(f, 'visibility');
    const replyTo = field(f, 'replyTo') || null;
    const journeyId = request.params.journeyId;
    const back = QUESTION_PROMPTS.includes(prompt)
      ? `/journeys/${journeyId}/questions`
      : TRIGGER_PROMPTS.includes(prompt)
        ? `/journeys/${journeyId}/triggers`
        : stepUrl(journeyId, n);
    try {
      await act(
        ctx,
        journeyActions.writeEntry(ctx, account, journeyId, {
          prompt,
          text: field(f, 'text'),
          visibility: isVisibility(visibility) ? visibility : undefined,
          replyTo,
        }),
      );
      return reply.redirect(`${back}#${prompt}-heading`, 303);
    } catch (error) {
      const state = formProblem(error, replyTo ? `${prompt}-${replyTo}` : prompt, f);
      const text = field(f, 'text');
      if (text.trim() !== '') state.coach = coachFindingsHtml(analyze('message', text), 'message');
      const { m } = await model(request, journeyId);
      refusalOnlyForTherapist(request, error, m.relation);
      const body = QUESTION_PROMPTS.includes(prompt)
        ? (csrf: string) => questionsPage(m, csrf, state)
        : TRIGGER_PROMPTS.includes(prompt)
          ? (csrf: string) => triggersPage(m, csrf, state)
          : stepBody(m, n, state);
      return show(
        request,
        reply,
        m,
        `Step ${n} · ${journeyTitle(m.view)}`,
        withProblemShown(body, state),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  app.post<{ Params: Params }>('/journeys/:journeyId/acknowledge', async (request, reply) => {
    const { account } = requireAuth(request);
    await act(ctx, journeyActions.acknowledge(ctx, account, request.params.journeyId));
    return reply.redirect(stepUrl(request.params.journeyId, 1), 303);
  });

  app.post<{ Params: Params }>('/journeys/:journeyId/forgiveness/open', async (request, reply) => {
    const { account } = requireAuth(request);
    await act(ctx, journeyActions.openForgivenessEarly(ctx, account, request.params.journeyId));
    return reply.redirect(stepUrl(request.params.journeyId, 7), 303);
  });

  // ---- entries: share, delete, defer ----------------------------------------------------------

  function backTo(f: Record<string, string>, fallback: string): string {
    const next = safeNext(field(f, 'back'));
    return next ?? fallback;
  }

  app.post<{ Params: { entryId: string } }>('/entries/:entryId/share', async (request, reply) => {
    const { account } = requireAuth(request);
    const back = backTo(formFields(request), '/');
    await act(ctx, journeyActions.changeVisibility(ctx, account, request.params.entryId, 'shared'));
    return reply.redirect(back, 303);
  });

  app.post<{ Params: { entryId: string } }>('/entries/:entryId/delete', async (request, reply) => {
    const { account } = requireAuth(request);
    const back = backTo(formFields(request), '/');
    await act(ctx, journeyActions.deleteEntry(ctx, account, request.params.entryId));
    return reply.redirect(back, 303);
  });

  app.post<{ Params: { entryId: string } }>('/entries/:entryId/defer', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request);
    const questionId = request.params.entryId;
    const journeyId = await ctx.journeys.journeyOfEntry(account, questionId);
    try {
      await act(ctx, journeyActions.deferQuestion(ctx, account, questionId, field(f, `until-${questionId}`)));
      return reply.redirect(`/journeys/${journeyId}/questions`, 303);
    } catch (error) {
      const state = formProblem(error, `defer-${questionId}`, f);
      const { m } = await model(request, journeyId);
      refusalOnlyForTherapist(request, error, m.relation);
      return show(
        request,
        reply,
        m,
        'Questions and answers',
        (csrf) => questionsPage(m, csrf, state),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  // ---- step 2: the apology builder and answering ----------------------------------------------

  app.get<{ Params: Params; Querystring: { checked?: string } }>('/journeys/:journeyId/apology', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    partnersOnly(m);
    // The parts as their author left them in the builder: drawn back from their draft.
    const parts = draftedParts(m);
    // After "Check my apology": the coach reads the draft the check just kept, box by box.
    const checked = request.query.checked === '1';
    return show(request, reply, m, 'Your apology', (csrf) => apologyBuilderPage(csrf, m, { ...(parts ? { parts } : {}), checked }));
  });

  app.post<{ Params: Params }>('/journeys/:journeyId/apology', async (request, reply) => {
    const { account, m } = await model(request, request.params.journeyId);
    // Checking keeps a draft and asks no other service: a therapist is refused before it.
    partnersOnlyForm(request, m.relation);
    const f = formFields(request);
    const parts: ApologyParts = {};
    for (const c of APOLOGY_COMPONENTS) {
      const value = field(f, `parts.${c}`);
      if (value.trim() !== '') parts[c] = value;
    }
    if (field(f, 'action') !== 'deliver') {
      // Checking shows an overlong part beside its box too, before they try to deliver it; what
      // cannot be kept whole is not kept at all, and the page holds every word.
      const tooLong = apologyPartProblems(parts);
      if (Object.keys(tooLong).length > 0)
        return show(
          request,
          reply,
          m,
          'Your apology',
          (csrf) => apologyBuilderPage(csrf, m, { parts, checked: true, errors: tooLong }),
          400,
        );
      // Kept as a draft, then drawn by the builder's own address: a reload, or coming back later,
      // finds the parts where they were (issue #18).
      await act(ctx, journeyActions.keepApologyDraft(ctx, account, m.view.id, parts));
      return reply.redirect(`/journeys/${m.view.id}/apology?checked=1#coach-heading`, 303);
    }
    try {
      await act(ctx, journeyActions.deliverApology(ctx, account, m.view.id, { parts }));
      return reply.redirect(`${stepUrl(m.view.id, 2)}#apology-heading`, 303);
    } catch (error) {
      const state = formProblem(error, 'apology', f);
      // Sent back to be finished: what was written is kept as the draft too (a comfort: the page
      // holds every word whether or not it could be kept), unless it is too long to keep whole.
      let shown = m;
      if (Object.keys(apologyPartProblems(parts)).length === 0) {
        try {
          await act(ctx, journeyActions.keepApologyDraft(ctx, account, m.view.id, parts));
          shown = (await model(request, m.view.id)).m;
        } catch {
          // The page below still holds every word.
        }
      }
      const errors = Object.keys(state.errors).length > 0 ? state.errors : { 'parts.regret': state.message ?? '' };
      return show(
        request,
        reply,
        shown,
        'Your apology',
        (csrf) => apologyBuilderPage(csrf, shown, { parts, checked: true, errors }),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  app.get<{ Params: Params & { apologyId: string } }>('/journeys/:journeyId/apologies/:apologyId/answer', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    const apology = m.apologies.find((a) => a.id === request.params.apologyId);
    if (!apology) fail('not_found');
    partnersOnly(m);
    return show(request, reply, m, 'Answer the apology', (csrf) => apologyAnswerPage(csrf, m, apology));
  });

  app.post<{ Params: Params & { apologyId: string } }>('/journeys/:journeyId/apologies/:apologyId/answer', async (request, reply) => {
    const { account, m } = await model(request, request.params.journeyId);
    const apology = m.apologies.find((a) => a.id === request.params.apologyId);
    if (!apology) fail('not_found');
    const f = formFields(request);
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const missingRaw = Array.isArray(raw.missing) ? raw.missing : raw.missing === undefined ? [] : [raw.missing];
    const missing = missingRaw
      .filter((v): v is string => typeof v === 'string' && isApologyComponent(v))
      .slice(0, APOLOGY_COMPONENTS.length);
    const sincere = field(f, 'sincere');
    const missingWords = field(f, 'missingWords');
    try {
      await act(
        ctx,
        journeyActions.respondToApology(ctx, account, apology.id, {
          received: true,
          ...(sincere === 'yes' ? { sincere: true } : sincere === 'no' ? { sincere: false } : {}),
          missing: [...new Set(missing)],
          ...(missingWords.trim() !== '' ? { missingWords } : {}),
        }),
      );
      return reply.redirect(`${stepUrl(m.view.id, 2)}#their-apology-heading`, 303);
    } catch (error) {
      refusalOnlyForTherapist(request, error, m.relation);
      const state = formProblem(error, 'answer', f);
      const errors = Object.keys(state.errors).length > 0 ? state.errors : { sincere: state.message ?? '' };
      return show(
        request,
        reply,
        m,
        'Answer the apology',
        (csrf) => apologyAnswerPage(csrf, m, apology, errors, { missingWords, sincere, missing }),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  // ---- step 3: agreements -------------------------------------------------------------------

  function partnersOf(m: JourneyPageModel) {
    return Object.entries(m.names).map(([accountId, displayName]) => ({ accountId, displayName }));
  }

  function committedFrom(m: JourneyPageModel, who: string): string[] {
    const partner = Object.keys(m.names).find((id) => id !== m.viewerId);
    if (who === 'partner') return partner ? [partner] : [];
    if (who === 'both') return partner ? [m.viewerId, partner] : [m.viewerId];
    return [m.viewerId];
  }

  function agreementCoach(text: string): SafeHtml | null {
    return text.trim() === '' ? null : coachFindingsHtml(analyze('agreement', text), 'agreement');
  }

  /** The "propose an agreement" form, empty or re-shown with what was typed and its problems. */
  function proposalForm(
    csrf: string,
    m: Awaited<ReturnType<typeof model>>['m'],
    values: Record<string, string>,
    extra: { errors?: Record<string, string>; coach?: SafeHtml | null; transparency?: boolean } = {},
  ): SafeHtml {
    return agreementFormPage(csrf, {
      action: `/journeys/${m.view.id}/agreements`,
      title: extra.transparency ? 'Propose a transparency agreement' : agreementWords(presenceOf(m)).formTitle,
      lead: agreementWords(presenceOf(m)).formLead,
      back: stepUrl(m.view.id, 3),
      partners: partnersOf(m),
      viewerId: m.viewerId,
      values,
      ...extra,
      submit: agreementWords(presenceOf(m)).submit,
      draft: { book: m.drafts, place: agreementPlace(m.view.id) },
      selfUrl: `/journeys/${m.view.id}/agreements/new`,
    });
  }

  app.get<{ Params: Params; Querystring: { template?: string } }>('/journeys/:journeyId/agreements/new', async (request, reply) => {
    const { account, m } = await model(request, request.params.journeyId);
    partnersOnly(m);
    // After cheating, a transparency template fills the form in (the step 3 page lists them).
    // Only with a partner in the space: a transparency agreement needs both partners' consent.
    const offered = transparencyOffered(m.view.breach.kind) && !isAlone(presenceOf(m));
    const template = offered ? transparencyTemplate(String(request.query.template ?? '')) : undefined;
    if (!template) return show(request, reply, m, 'Propose an agreement', (csrf) => proposalForm(csrf, m, {}));
    const today = localDate(ctx.clock.now(), account.timezone);
    const values = templateFormValues(template, today, m.view.breach.brokeTrust.includes(m.viewerId));
    return show(request, reply, m, 'Propose a transparency agreement', (csrf) =>
      proposalForm(csrf, m, { ...values }, { transparency: true }),
    );
  });

  app.post<{ Params: Params }>('/journeys/:journeyId/agreements', async (request, reply) => {
    const { account, m } = await model(request, request.params.journeyId);
    const f = formFields(request);
    try {
      await act(
        ctx,
        agreementActions.proposeAgreement(ctx, account, m.spaceId, {
          text: field(f, 'text'),
          committedBy: committedFrom(m, field(f, 'who')),
          cadence: field(f, 'cadence'),
          reviewOn: field(f, 'reviewOn') || null,
          journeyId: m.view.id,
          transparency: field(f, 'transparency') === 'yes',
        }),
      );
      return reply.redirect(`${stepUrl(m.view.id, 3)}#agreements-heading`, 303);
    } catch (error) {
      refusalOnlyForTherapist(request, error, m.relation);
      const state = formProblem(error, 'agreement', f);
      return show(
        request,
        reply,
        m,
        'Propose an agreement',
        (csrf) =>
          proposalForm(csrf, m, f, {
            errors: Object.keys(state.errors).length > 0 ? state.errors : { text: state.message ?? '' },
            coach: agreementCoach(field(f, 'text')),
            transparency: field(f, 'transparency') === 'yes',
          }),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  async function agreementContext(request: FastifyRequest, agreementId: string) {
    const { account } = requireAuth(request);
    const { agreement } = await ctx.agreements.get(account, agreementId);
    if (!agreement.journeyId) fail('not_found');
    const { m } = await model(request, agreement.journeyId);
    return { account, agreement, m };
  }

  function counterForm(
    csrf: string,
    m: JourneyPageModel,
    agreementId: string,
    values: Record<string, string>,
    errors?: Record<string, string>,
    coach?: SafeHtml | null,
    transparency = false,
  ) {
    return agreementFormPage(csrf, {
      transparency,
      action: `/agreements/${agreementId}/counter`,
      title: 'Suggest a change',
      lead: 'Your version replaces the proposal, which stays in the history. Your partner can then accept it or suggest another change.',
      back: stepUrl(m.view.id, 3),
      partners: partnersOf(m),
      viewerId: m.viewerId,
      values,
      ...(errors ? { errors } : {}),
      coach: coach ?? null,
      submit: 'Send my version',
      draft: { book: m.drafts, place: counterPlace(agreementId) },
      selfUrl: `/agreements/${agreementId}/counter`,
    });
  }

  app.get<{ Params: { agreementId: string } }>('/agreements/:agreementId/counter', async (request, reply) => {
    const { agreement, m } = await agreementContext(request, request.params.agreementId);
    partnersOnly(m);
    const partner = Object.keys(m.names).find((id) => id !== m.viewerId);
    const c = agreement.committedBy;
    const who = c.length > 1 ? 'both' : c[0] === m.viewerId ? 'me' : c[0] === partner ? 'partner' : 'me';
    const values = { text: agreement.text, cadence: agreement.cadence, reviewOn: agreement.reviewOn ?? '', who };
    return show(request, reply, m, 'Suggest a change', (csrf) =>
      counterForm(csrf, m, agreement.id, values, undefined, null, agreement.transparency),
    );
  });

  app.post<{ Params: { agreementId: string } }>('/agreements/:agreementId/counter', async (request, reply) => {
    const { account, agreement, m } = await agreementContext(request, request.params.agreementId);
    const f = formFields(request);
    try {
      await act(
        ctx,
        agreementActions.counterAgreement(ctx, account, agreement.id, {
          text: field(f, 'text'),
          committedBy: committedFrom(m, field(f, 'who')),
          cadence: field(f, 'cadence'),
          reviewOn: field(f, 'reviewOn') || null,
        }),
      );
      return reply.redirect(`${stepUrl(m.view.id, 3)}#agreements-heading`, 303);
    } catch (error) {
      refusalOnlyForTherapist(request, error, m.relation);
      const state = formProblem(error, 'agreement', f);
      const errors = Object.keys(state.errors).length > 0 ? state.errors : { text: state.message ?? '' };
      return show(
        request,
        reply,
        m,
        'Suggest a change',
        (csrf) => counterForm(csrf, m, agreement.id, f, errors, agreementCoach(field(f, 'text')), agreement.transparency),
        error instanceof MendError ? error.status : 400,
      );
    }
  });

  for (const action of ['accept', 'withdraw'] as const) {
    app.post<{ Params: { agreementId: string } }>(`/agreements/:agreementId/${action}`, async (request, reply) => {
      const { account, agreement, m } = await agreementContext(request, request.params.agreementId);
      if (action === 'accept') await act(ctx, agreementActions.acceptAgreement(ctx, account, agreement.id));
      else await act(ctx, agreementActions.withdrawAgreement(ctx, account, agreement.id));
      return reply.redirect(`${stepUrl(m.view.id, 3)}#agreements-heading`, 303);
    });
  }

  // ---- step 4's hard day, and after cheating ---------------------------------------------------

  app.get<{ Params: Params }>('/journeys/:journeyId/hard-day', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    const support = resourcesFor(supportCountryFor(requireAuth(request).account));
    return show(request, reply, m, 'A hard day', (csrf) => hardDayPage(m, csrf, support));
  });

  app.get<{ Params: Params; Querystring: { country?: unknown } }>('/journeys/:journeyId/therapy', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    // The person's own country first; another one only when they pick it (nothing is saved).
    const asked = request.query.country;
    const country = typeof asked === 'string' && asked.trim() !== '' ? asked.slice(0, 8) : supportCountryFor(requireAuth(request).account);
    return show(request, reply, m, 'Couples therapy', (csrf) => therapyPage(m, csrf, therapistDirectoriesFor(country)));
  });

  app.get<{ Params: Params }>('/journeys/:journeyId/questions', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    if (!m.view.status.questionsAndAnswers) fail('not_found');
    return show(request, reply, m, 'Questions and answers', (csrf) => questionsPage(m, csrf));
  });

  app.get<{ Params: Params }>('/journeys/:journeyId/triggers', async (request, reply) => {
    const { m } = await model(request, request.params.journeyId);
    if (!m.view.status.triggerLog) fail('not_found');
    return show(request, reply, m, 'Moments that brought it back', (csrf) => triggersPage(m, csrf));
  });
}
