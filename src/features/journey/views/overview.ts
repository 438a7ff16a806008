import { ABSENT_PARTNER, BREACH_KINDS, BREACH_KIND_LABELS, STEP_TITLES, THERAPY_RECOMMENDATION } from '../../../core/journey/index.js';
import type { JourneySummary } from '../service.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, selectField, textField } from '../../../platform/web/components/forms.js';
import { removedOn, removedWords } from '../../../platform/web/components/former-partners.js';
import { draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';
import { breachPlace } from '../../../core/drafts/places.js';
import { dayMonthYear, monthYear } from '../../../platform/web/dates.js';
import {
  departureNote,
  formatDate,
  partnerTasks,
  isPartnerView,
  journeyTitle,
  nameOf,
  radios,
  readingNote,
  stepUrl,
  textArea,
  waitingList,
  type JourneyPageModel,
} from './common.js';

const STATE_WORDS = { locked: 'Not open yet', open: 'Open', done: 'Done' } as const;

/** The journey: what broke trust, the seven steps and where each stands. */
export function journeyPage(
  m: JourneyPageModel,
  dates?: { csrf: string; values?: Record<string, string>; errors?: ErrorDetails },
): SafeHtml {
  const { view } = m;
  const b = view.breach;
  const broke = b.brokeTrust.map((id) => (id === ABSENT_PARTNER ? 'your partner' : nameOf(m, id)));
  return html`<p class="breadcrumb"><a href="/spaces/${m.spaceId}">${m.spaceName}</a></p>
  <h1>${journeyTitle(view)}</h1>
  <p class="lead">A repair journey begun on ${formatDate(view.openedAt)}.</p>
  ${readingNote(m)}
  ${departureNote(m)}
  ${
    view.status.therapyRecommended && isPartnerView(m)
      ? html`<aside class="notice therapy-notice" aria-labelledby="therapy-heading">
        <h2 id="therapy-heading">${THERAPY_RECOMMENDATION.title}</h2>
        <p>${THERAPY_RECOMMENDATION.intro}</p>
        <p><a href="/journeys/${view.id}/therapy">How to find a couples therapist, and how to invite one into Mend</a></p>
      </aside>`
      : null
  }
  <section class="card" aria-labelledby="breach-heading">
    <h2 id="breach-heading">What happened</h2>
    <dl class="summary-list">
      <div><dt>Kind</dt><dd>${BREACH_KIND_LABELS[b.kind]}</dd></div>
      <div><dt>Who broke trust</dt><dd>${broke.join(' and ')}</dd></div>
      ${b.occurredOn ? html`<div><dt>When it happened</dt><dd>${dayMonthYear(b.occurredOn)}</dd></div>` : null}
      ${b.cameOutOn ? html`<div><dt>When it came out</dt><dd>${b.cameOutOn.length === 7 ? monthYear(b.cameOutOn) : dayMonthYear(b.cameOutOn)}</dd></div>` : null}
      ${b.cameOut ? html`<div><dt>How it came out</dt><dd>${b.cameOut === 'disclosed' ? 'It was told' : 'It was discovered'}</dd></div>` : null}
      ${b.hurt !== null ? html`<div><dt>How much it hurt</dt><dd>${b.hurt} out of 5</dd></div>` : null}
      ${
        b.description
          ? html`<div><dt>In ${b.recordedBy === m.viewerId ? 'your' : 'their'} words</dt><dd class="entry__text">${
              removedOn(m.former, b.recordedBy, b.description.text)
                ? removedWords('What they wrote', removedOn(m.former, b.recordedBy, b.description.text)!)
                : b.description.text
            }${b.description.visibility === 'private' ? html` <span class="tag">Only you</span>` : null}</dd></div>`
          : null
      }
    </dl>
    ${isPartnerView(m) && dates ? breachDatesForm(m, dates) : null}
  </section>
  ${journeyStepsSection(m)}
  ${
    view.status.solo && isPartnerView(m)
      ? html`<section class="card" aria-labelledby="solo-heading">
        <h2 id="solo-heading">${m.former.size > 0 ? 'Carrying on alone' : 'Doing this on your own for now'}</h2>
        <p>${
          m.former.size === 0
            ? 'Every step has a part you can do alone. When your partner joins, they will be asked to:'
            : partnerTasks(view.status.waitingForPartner)
              ? 'What you reached together stays. Every step has a part you can do alone. If your partner joins the space again, they will be asked to:'
              : 'What you reached together stays, and every step has a part you can do alone.'
        }</p>
        ${partnerTasks(view.status.waitingForPartner)}
      </section>`
      : null
  }
  ${
    view.status.questionsAndAnswers
      ? html`<section class="card" aria-labelledby="extras-heading">
        <h2 id="extras-heading">After an affair</h2>
        <ul>
          <li><a href="/journeys/${view.id}/questions">Questions and answers</a></li>
          <li><a href="/journeys/${view.id}/triggers">Moments that brought it back</a></li>
        </ul>
      </section>`
      : null
  }`;
}

/**
 * The seven steps and who each is waiting for. The `live` island fetches this same markup again
 * (live-fragments.ts) when something that moves a step happens in this journey, so a page and its
 * live update never differ. Links only: a therapist's copy has nothing to submit.
 */
export function journeyStepsSection(m: JourneyPageModel): SafeHtml {
  const { view } = m;
  return html`<section aria-labelledby="steps-heading" id="journey-steps" data-live-space="${m.spaceId}" data-live-fragment="/journeys/${view.id}/live/steps" data-live-journey="${view.id}" data-live-on="journey_entry entries_revealed journey_acknowledged apology agreement agreement_log meeting">
    <h2 id="steps-heading">The seven steps</h2>
    <ol class="steps">
      ${view.steps.map(
        (s) => html`<li class="steps__item steps__item--${s.status}">
          <a href="${stepUrl(view.id, s.number)}">${STEP_TITLES[s.key]}</a>
          <span class="step-state step-state--${s.status}">${STATE_WORDS[s.status]}</span>
          ${s.status !== 'locked' ? waitingList(m, s.waitingFor) : null}
        </li>`,
      )}
    </ol>
  </section>`;
}

/** The space page's list of journeys, newest first, with a way to record a breach. */
export function journeyListSection(spaceId: string, journeys: JourneySummary[], canRecord = true): SafeHtml {
  return html`<section aria-labelledby="journeys-heading" class="card">
    <h2 id="journeys-heading">Repair journeys</h2>
    ${
      journeys.length === 0
        ? html`<p>When you are ready, start by writing down what broke trust. A journey of seven steps opens with it.</p>`
        : html`<ul class="journey-list">
          ${journeys.map((j) => {
            const done = j.steps.filter((s) => s.status === 'done' && s.number <= 3).length;
            const where = done === 3 ? 'The first three steps are done.' : `${done} of the first three steps done.`;
            return html`<li><a href="/journeys/${j.id}">${BREACH_KIND_LABELS[j.kind]}</a> — begun ${formatDate(j.openedAt)}${j.closedAt ? ' (closed)' : ''}. ${where}</li>`;
          })}
        </ul>`
    }
    ${canRecord ? html`<p><a class="button button--secondary" href="/spaces/${spaceId}/breaches/new">Record what broke trust</a></p>` : null}
  </section>`;
}

export interface BreachFormModel {
  spaceId: string;
  viewerId: string;
  partners: Array<{ accountId: string; displayName: string }>;
  values?: Record<string, string>;
  errors?: ErrorDetails;
  /** The person's own drafts: words begun here and not yet recorded come back (issue #18). */
  drafts: DraftBook;
}

/** Recording a breach: one form, plain questions, most of them optional. */
export function breachFormPage(csrf: string, f: BreachFormModel): SafeHtml {
  const v = f.values ?? {};
  const place = breachPlace(f.spaceId);
  const partner = f.partners.find((p) => p.accountId !== f.viewerId);
  const whoOptions = [
    { value: 'me', label: 'I did' },
    { value: 'partner', label: partner ? `${partner.displayName} did` : 'My partner did' },
    { value: 'both', label: 'We both did' },
  ];
  return html`<h1>Record what broke trust</h1>
  <p class="lead">Write down what happened, as plainly as you can. A repair journey opens with it, and it stays on record: Mend never deletes it quietly.</p>
  ${errorSummary(f.errors)}
  <form method="post" action="/spaces/${f.spaceId}/breaches" class="stack" id="breach-form">
    ${csrfField(csrf)}
    ${draftTop(f.drafts, place, `/spaces/${f.spaceId}/breaches/new#breach-form`)}
    ${selectField({
      name: 'kind',
      label: 'What kind of breach was it?',
      options: [{ value: '', label: 'Choose one' }, ...BREACH_KINDS.map((k) => ({ value: k, label: BREACH_KIND_LABELS[k] }))],
      value: v.kind ?? '',
      error: f.errors?.kind,
    })}
    ${radios({ name: 'who', id: 'brokeTrust', legend: 'Who broke trust?', options: whoOptions, value: v.who, error: f.errors?.brokeTrust })}
    ${textField({ name: 'occurredOn', type: 'date', label: 'When did it happen? (optional)', hint: 'Roughly is fine. If it went on for a while, when it began.', value: v.occurredOn ?? '', error: f.errors?.occurredOn })}
    ${cameOutField(v, f.errors?.cameOutOn)}
    ${radios({
      name: 'cameOut',
      legend: 'How did it come out? (optional)',
      options: [
        { value: '', label: 'I would rather not say' },
        { value: 'disclosed', label: 'It was told' },
        { value: 'discovered', label: 'It was discovered' },
      ],
      value: v.cameOut ?? '',
    })}
    ${radios({
      name: 'hurt',
      legend: 'How much did it hurt? (optional, for the partner who was hurt)',
      options: [
        { value: '', label: 'Leave this out' },
        { value: '1', label: '1 — a little' },
        { value: '2', label: '2' },
        { value: '3', label: '3' },
        { value: '4', label: '4' },
        { value: '5', label: '5 — more than I can put into words' },
      ],
      value: v.hurt ?? '',
      error: f.errors?.hurt,
    })}
    ${textArea({
      name: 'description',
      label: 'In your own words (optional)',
      hint: 'A few sentences are enough.',
      value: withDraft(f.drafts, place, 'description', { sent: v.description }),
      error: f.errors?.description,
      coach: 'message',
      required: false,
    })}
    ${radios({
      name: 'descriptionVisibility',
      legend: 'Who can read your words (if you write them)',
      options: [
        { value: 'private', label: 'Only me', hint: 'You can record the breach together and keep your words to yourself.' },
        { value: 'shared', label: 'Shared with my partner' },
      ],
      value: v.descriptionVisibility,
      error: f.errors?.descriptionVisibility,
    })}
    <div class="actions"><button type="submit" class="button">Record it and begin</button>${draftSave()}</div>
  </form>
  <p><a href="/spaces/${f.spaceId}">Back to your space</a></p>`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The form's values for a stored "came out on" (`YYYY-MM-DD` or `YYYY-MM`). */
export function cameOutValues(cameOutOn: string | null): Record<string, string> {
  if (cameOutOn === null) return { cameOutYear: '', cameOutMonth: '', cameOutDay: '' };
  return {
    cameOutYear: cameOutOn.slice(0, 4),
    cameOutMonth: String(Number(cameOutOn.slice(5, 7))),
    cameOutDay: cameOutOn.length === 10 ? String(Number(cameOutOn.slice(8, 10))) : '',
  };
}

/**
 * "When did it come out?": a month and a year, and the day if it is remembered (issue #20). Three
 * plain boxes rather than a date picker, so a month alone can be given and every browser shows the
 * same. The error summary links to `#field-cameOutOn`, the month.
 */
export function cameOutField(v: Record<string, string>, error: string | undefined): SafeHtml {
  const described = ['field-cameOutOn-hint', error ? 'field-cameOutOn-error' : ''].filter(Boolean).join(' ');
  const invalid = error ? html` aria-invalid="true"` : null;
  return html`<fieldset class="field date-parts${error ? ' field--error' : ''}" aria-describedby="${described}">
    <legend>When did it come out? (optional)</legend>
    <p class="hint" id="field-cameOutOn-hint">The day it was told or found out. The time in your journey counts from then. The month and year are enough if you do not remember the day.</p>
    ${error ? html`<p class="field-error" id="field-cameOutOn-error"><span class="visually-hidden">Error:</span> ${error}</p>` : null}
    <div class="date-parts__row">
      <div class="date-parts__part"><label for="field-cameOutOn">Month</label>
        <select id="field-cameOutOn" name="cameOutMonth"${invalid}><option value="">—</option>${MONTHS.map(
          (name, i) => html`<option value="${String(i + 1)}"${v.cameOutMonth === String(i + 1) ? html` selected` : null}>${name}</option>`,
        )}</select></div>
      <div class="date-parts__part"><label for="field-cameOutYear">Year</label>
        <input id="field-cameOutYear" name="cameOutYear" type="text" inputmode="numeric" maxlength="4" size="4" autocomplete="off" value="${v.cameOutYear ?? ''}"${invalid}></div>
      <div class="date-parts__part"><label for="field-cameOutDay">Day (optional)</label>
        <input id="field-cameOutDay" name="cameOutDay" type="text" inputmode="numeric" maxlength="2" size="2" autocomplete="off" value="${v.cameOutDay ?? ''}"${invalid}></div>
    </div>
  </fieldset>`;
}

/**
 * Correcting when it happened or came out (issue #20): either partner, any time. Inside a
 * `details` so the page stays calm; open when it comes back with a problem, or when it is not known
 * when it came out (the time in the journey then counts from the day it was recorded).
 */
function breachDatesForm(m: JourneyPageModel, o: { csrf: string; values?: Record<string, string>; errors?: ErrorDetails }): SafeHtml {
  const b = m.view.breach;
  const v = o.values ?? { occurredOn: b.occurredOn ?? '', ...cameOutValues(b.cameOutOn) };
  const open = o.errors !== undefined || b.cameOutOn === null;
  return html`<details class="breach-dates" id="breach-dates"${open ? html` open` : null}>
    <summary>${b.cameOutOn === null ? 'Add when it came out' : 'Correct when it happened or came out'}</summary>
    ${errorSummary(o.errors)}
    <form method="post" action="/journeys/${m.view.id}/breach-dates" class="stack">
      ${csrfField(o.csrf)}
      ${textField({ name: 'occurredOn', type: 'date', label: 'When did it happen? (optional)', hint: 'If it went on for a while, when it began.', value: v.occurredOn ?? '', error: o.errors?.occurredOn })}
      ${cameOutField(v, o.errors?.cameOutOn)}
      <p class="small">Either of you can change these. Nobody is notified.</p>
      <button type="submit" class="button button--secondary">Save the dates</button>
    </form>
  </details>`;
}
