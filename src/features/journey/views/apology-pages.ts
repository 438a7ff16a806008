import { APOLOGY_COMPONENTS } from '../../../core/apology-components.js';
import { APOLOGY_BUILDER_TEXTS, APOLOGY_MISSING_WORDS_MAX, type ApologyParts } from '../../../core/journey/index.js';

const capitalisedName = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
import { APOLOGY_PART_MAX, type ApologyView } from '../service.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { nameOf, radios, stepUrl, textArea, type JourneyPageModel } from './common.js';
import { removedOn, removedWords } from '../../../platform/web/components/former-partners.js';
import { draftSave, draftTop, withDraft } from '../../drafts/index.js';
import { apologyAnswerPlace, apologyPlace } from '../../../core/drafts/places.js';
import { analyzeApology } from '../../../core/coach/index.js';
import { apologyBuilderSummary, apologyPartFor } from '../../../core/coach/render-text.js';
import type { ApologyComponent } from '../../../core/apology-components.js';
import { coachSummaryHtml } from '../../coach/index.js';

/** The partner an apology is written to, by name when they have one here. */
function partnerName(m: JourneyPageModel): string {
  const other = Object.keys(m.names).find((id) => id !== m.viewerId && !m.former.has(id));
  return other ? nameOf(m, other) : 'your partner';
}

/**
 * What the coach says after "Check my apology" (issue #20): each box read on its own words, beside
 * it, crediting its own part; above, once, which parts are written. The live island draws each
 * box's words the same way as they are typed (coach-model.ts).
 */
export function apologyCoach(parts: ApologyParts, partner: string): { top: SafeHtml; boxes: Record<ApologyComponent, SafeHtml> } {
  const summaries = Object.fromEntries(
    APOLOGY_COMPONENTS.map((c) => [c, apologyPartFor(c, parts[c] ?? '', analyzeApology, partner)]),
  ) as Record<ApologyComponent, ReturnType<typeof apologyPartFor>>;
  const filled = APOLOGY_COMPONENTS.filter((c) => (parts[c] ?? '').trim() !== '');
  const whole = filled.length > 0 ? analyzeApology(APOLOGY_COMPONENTS.map((c) => parts[c] ?? '').join('\n\n')).components : {};
  const withFindings = filled.filter((c) => summaries[c].items.length > 0).length;
  return {
    top: coachSummaryHtml(apologyBuilderSummary(filled, whole, withFindings)),
    boxes: Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, coachSummaryHtml(summaries[c])])) as Record<ApologyComponent, SafeHtml>,
  };
}

/** The builder's parts as its author left them in their draft, if they kept one. */
export function draftedParts(m: JourneyPageModel): ApologyParts | undefined {
  const draft = m.drafts.byPlace.get(apologyPlace(m.view.id));
  if (!draft) return undefined;
  return Object.fromEntries(APOLOGY_COMPONENTS.flatMap((c) => (draft.fields[`parts.${c}`] ? [[c, draft.fields[`parts.${c}`]]] : [])));
}

/**
 * The apology builder: one box per part, in order. "Check my apology" keeps the parts as the
 * author's draft and shows the coach's suggestions without sending anything (that is how the coach
 * works without JavaScript); "Save draft" only keeps them; "Deliver my apology" sends it. A draft
 * kept before is drawn back into the boxes, with a quiet line saying so.
 */
export function apologyBuilderPage(
  csrf: string,
  m: JourneyPageModel,
  o: { parts?: ApologyParts; errors?: ErrorDetails; checked?: boolean; preview?: string | null } = {},
): SafeHtml {
  const partner = partnerName(m);
  const coach = o.checked && o.parts && Object.values(o.parts).some((v) => (v ?? '').trim() !== '') ? apologyCoach(o.parts, partner) : null;
  return html`<p class="breadcrumb"><a href="${stepUrl(m.view.id, 2)}">Step 2: Take responsibility</a></p>
  <h1>Your apology</h1>
  <p class="lead">Write each part in your own words. Short is fine; honest matters more than polished. Nothing is sent until you choose to deliver it.</p>
  ${errorSummary(o.errors)}
  ${coach ? html`<section class="card" aria-labelledby="coach-heading"><h2 id="coach-heading">Suggestions from the language coach</h2>${coach.top}</section>` : null}
  <form method="post" action="/journeys/${m.view.id}/apology" class="stack" id="apology-form">
    ${csrfField(csrf)}
    ${draftTop(m.drafts, apologyPlace(m.view.id), `/journeys/${m.view.id}/apology#apology-form`)}
    ${APOLOGY_COMPONENTS.map((c) =>
      textArea({
        name: `parts.${c}`,
        id: `field-parts.${c}`,
        label: APOLOGY_BUILDER_TEXTS[c].label,
        hint: APOLOGY_BUILDER_TEXTS[c].helper,
        value: o.parts?.[c],
        error: o.errors?.[`parts.${c}`],
        coach: 'apology',
        coachPart: { part: c, partner, shown: coach?.boxes[c] ?? null },
        maxlength: APOLOGY_PART_MAX,
        required: false,
      }),
    )}
    <div class="actions">
      <button type="submit" name="action" value="check" class="button button--secondary">Check my apology</button>
      <button type="submit" name="action" value="deliver" class="button">Deliver my apology</button>
      ${draftSave()}
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
export function apologyAnswerPage(
  csrf: string,
  m: JourneyPageModel,
  apology: ApologyView,
  errors?: ErrorDetails,
  o: { missingWords?: string; sincere?: string; missing?: readonly string[] } = {},
): SafeHtml {
  const place = apologyAnswerPlace(m.view.id);
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
  <form method="post" action="/journeys/${m.view.id}/apologies/${apology.id}/answer" class="stack" id="apology-answer-form">
    ${csrfField(csrf)}
    ${draftTop(m.drafts, place, `/journeys/${m.view.id}/apologies/${apology.id}/answer#apology-answer-form`)}
    <p>Sending this tells ${nameOf(m, apology.authorId)} that you received the apology.</p>
    ${radios({
      name: 'sincere',
      legend: 'Did it feel sincere?',
      options: [
        { value: '', label: 'I would rather not say yet' },
        { value: 'yes', label: 'Yes, it felt sincere' },
        { value: 'no', label: 'Not yet' },
      ],
      value: o.sincere === 'yes' || o.sincere === 'no' ? o.sincere : '',
      error: errors?.sincere,
    })}
    <fieldset class="field checkboxes" id="field-missing">
      <legend>Is something missing? (optional)</legend>
      ${APOLOGY_COMPONENTS.map(
        (c, i) => html`<div class="checkbox">
          <input type="checkbox" id="field-missing-${i}" name="missing" value="${c}"${o.missing?.includes(c) ? html` checked` : null}>
          <label for="field-missing-${i}">${PART_WORDS[c]}</label>
        </div>`,
      )}
    </fieldset>
    ${textArea({
      name: 'missingWords',
      id: 'field-missingWords',
      label: 'What is missing, in your own words (optional)',
      hint: `${capitalisedName(nameOf(m, apology.authorId))} will read this, and a therapist if you both invited one. Nobody else.`,
      value: withDraft(m.drafts, place, 'missingWords', { sent: o.missingWords }),
      error: errors?.missingWords,
      maxlength: APOLOGY_MISSING_WORDS_MAX,
      required: false,
    })}
    <div class="actions">
      <button type="submit" class="button">Send my answer</button>
      ${draftSave()}
    </div>
  </form>`;
}
