import { APOLOGY_COMPONENTS } from '../../../core/apology-components.js';
import { APOLOGY_BUILDER_TEXTS, type ApologyParts } from '../../../core/journey/index.js';
import { APOLOGY_PART_MAX, type ApologyView } from '../service.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { nameOf, radios, stepUrl, textArea, type JourneyPageModel } from './common.js';
import { removedOn, removedWords } from '../../../platform/web/components/former-partners.js';

/**
 * The apology builder: one box per part, in order. "Check my apology" shows the coach's
 * suggestions without sending anything (that is how the coach works without JavaScript);
 * "Deliver my apology" sends it.
 */
export function apologyBuilderPage(
  csrf: string,
  m: JourneyPageModel,
  o: { parts?: ApologyParts; errors?: ErrorDetails; coach?: SafeHtml | null; preview?: string | null } = {},
): SafeHtml {
  return html`<p class="breadcrumb"><a href="${stepUrl(m.view.id, 2)}">Step 2: Take responsibility</a></p>
  <h1>Your apology</h1>
  <p class="lead">Write each part in your own words. Short is fine; honest matters more than polished. Nothing is sent until you choose to deliver it.</p>
  ${errorSummary(o.errors)}
  ${o.coach ? html`<section class="card" aria-labelledby="coach-heading"><h2 id="coach-heading">Suggestions from the language coach</h2>${o.coach}</section>` : null}
  <form method="post" action="/journeys/${m.view.id}/apology" class="stack">
    ${csrfField(csrf)}
    ${APOLOGY_COMPONENTS.map((c) =>
      textArea({
        name: `parts.${c}`,
        id: `field-parts.${c}`,
        label: APOLOGY_BUILDER_TEXTS[c].label,
        hint: APOLOGY_BUILDER_TEXTS[c].helper,
        value: o.parts?.[c],
        error: o.errors?.[`parts.${c}`],
        coach: 'apology',
        maxlength: APOLOGY_PART_MAX,
        required: false,
      }),
    )}
    <div class="actions">
      <button type="submit" name="action" value="check" class="button button--secondary">Check my apology</button>
      <button type="submit" name="action" value="deliver" class="button">Deliver my apology</button>
    </div>
  </form>`;
}

const PART_WORDS: Record<string, string> = {
  regret: 'Saying sorry for what happened',
  responsibility: 'Owning it, without excuses',
  impact: 'Understanding what it did to me',
  change: 'What will change',
  repair: 'An offer to make it right',
  forgiveness: 'Asking, not demanding, forgiveness',
};

/** Answering an apology: received; whether it felt sincere; what, if anything, is missing. */
export function apologyAnswerPage(csrf: string, m: JourneyPageModel, apology: ApologyView, errors?: ErrorDetails): SafeHtml {
  return html`<p class="breadcrumb"><a href="${stepUrl(m.view.id, 2)}">Step 2: Take responsibility</a></p>
  <h1>Answer the apology</h1>
  <p class="lead">Say how it landed. Answering is not forgiving, and you do not have to accept it.</p>
  <article class="entry apology">
    <p class="entry__meta">From ${nameOf(m, apology.authorId)}</p>
    ${
      removedOn(m.former, apology.authorId, apology.text)
        ? removedWords('The apology', removedOn(m.former, apology.authorId, apology.text)!)
        : html`<div class="entry__text">${apology.text}</div>`
    }
  </article>
  ${errorSummary(errors)}
  <form method="post" action="/journeys/${m.view.id}/apologies/${apology.id}/answer" class="stack">
    ${csrfField(csrf)}
    <p>Sending this tells ${nameOf(m, apology.authorId)} that you received the apology.</p>
    ${radios({
      name: 'sincere',
      legend: 'Did it feel sincere?',
      options: [
        { value: '', label: 'I would rather not say yet' },
        { value: 'yes', label: 'Yes, it felt sincere' },
        { value: 'no', label: 'Not yet' },
      ],
      value: '',
      error: errors?.sincere,
    })}
    <fieldset class="field checkboxes" id="field-missing">
      <legend>Is something missing? (optional)</legend>
      ${APOLOGY_COMPONENTS.map(
        (c, i) => html`<div class="checkbox">
          <input type="checkbox" id="field-missing-${i}" name="missing" value="${c}">
          <label for="field-missing-${i}">${PART_WORDS[c]}</label>
        </div>`,
      )}
    </fieldset>
    <button type="submit" class="button">Send my answer</button>
  </form>`;
}
