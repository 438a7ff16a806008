import { ABSENT_PARTNER, BREACH_KINDS, BREACH_KIND_LABELS, STEP_TITLES, THERAPY_RECOMMENDATION } from '../../../core/journey/index.js';
import type { JourneySummary } from '../service.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, selectField, textField } from '../../../platform/web/components/forms.js';
import { removedOn, removedWords } from '../../../platform/web/components/former-partners.js';
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
export function journeyPage(m: JourneyPageModel): SafeHtml {
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
      ${b.occurredOn ? html`<div><dt>When</dt><dd>${formatDate(`${b.occurredOn}T00:00:00Z`)}</dd></div>` : null}
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
            return html`<li><a href="/journeys/${j.id}">${BREACH_KIND_LABELS[j.kind]}</a> — begun ${formatDate(j.openedAt)}${j.closedAt ? ' (closed)' : ''}. ${done} of the first three steps done.</li>`;
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
}

/** Recording a breach: one form, plain questions, most of them optional. */
export function breachFormPage(csrf: string, f: BreachFormModel): SafeHtml {
  const v = f.values ?? {};
  const partner = f.partners.find((p) => p.accountId !== f.viewerId);
  const whoOptions = [
    { value: 'me', label: 'I did' },
    { value: 'partner', label: partner ? `${partner.displayName} did` : 'My partner did' },
    { value: 'both', label: 'We both did' },
  ];
  return html`<h1>Record what broke trust</h1>
  <p class="lead">Write down what happened, as plainly as you can. A repair journey opens with it, and it stays on record: Mend never deletes it quietly.</p>
  ${errorSummary(f.errors)}
  <form method="post" action="/spaces/${f.spaceId}/breaches" class="stack">
    ${csrfField(csrf)}
    ${selectField({
      name: 'kind',
      label: 'What kind of breach was it?',
      options: [{ value: '', label: 'Choose one' }, ...BREACH_KINDS.map((k) => ({ value: k, label: BREACH_KIND_LABELS[k] }))],
      value: v.kind ?? '',
      error: f.errors?.kind,
    })}
    ${radios({ name: 'who', id: 'brokeTrust', legend: 'Who broke trust?', options: whoOptions, value: v.who, error: f.errors?.brokeTrust })}
    ${textField({ name: 'occurredOn', type: 'date', label: 'When did it happen? (optional)', hint: 'Roughly is fine.', value: v.occurredOn ?? '', error: f.errors?.occurredOn })}
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
      value: v.description,
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
    <button type="submit" class="button">Record it and begin</button>
  </form>
  <p><a href="/spaces/${f.spaceId}">Back to your space</a></p>`;
}
