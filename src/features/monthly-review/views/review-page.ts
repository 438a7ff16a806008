import { REVIEW_QUESTIONS } from '../../../core/progress/index.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { checkinsProgressNav } from '../../../platform/web/components/space-pages.js';
import { monthYear } from '../../../platform/web/dates.js';

const LABELS = ['1 — not at all', '2', '3', '4', '5 — very much'];

export function monthlyReviewPage(o: {
  csrf: string;
  spaceId: string;
  month: string;
  values?: Record<string, number>;
  errors?: Record<string, string>;
  saved?: boolean;
}): SafeHtml {
  const monthName = monthYear(o.month);
  return html`${checkinsProgressNav(o.spaceId, 'monthly-review')}
  <h1>Monthly review: ${monthName}</h1>
  ${o.saved ? html`<div class="notice" role="status"><p>Saved. Your answers are added to the progress page.</p></div>` : null}
  ${errorSummary(o.errors)}
  <p class="lead">Three statements, each from 1 to 5. Answer for this month as it has felt to you.</p>
  <form method="post" action="/spaces/${o.spaceId}/monthly-review" class="stack">
    ${csrfField(o.csrf)}
    <input type="hidden" name="month" value="${o.month}">
    ${REVIEW_QUESTIONS.map(
      (
        q,
      ) => html`<fieldset class="field scale${o.errors?.[q.key] ? ' field--error' : ''}" id="field-${q.key}"><legend>${q.statement}</legend>
        ${o.errors?.[q.key] ? html`<p class="field-error">${o.errors[q.key]}</p>` : null}
        <div class="scale__options scale__options--five">${LABELS.map((l, i) => html`<label class="scale__option"><input type="radio" name="${q.key}" value="${i + 1}"${o.values?.[q.key] === i + 1 ? html` checked` : null}><span>${l}</span></label>`)}</div></fieldset>`,
    )}
    <button type="submit" class="button">Save this month’s review</button>
  </form>`;
}
