import { REVIEW_QUESTIONS } from '../../../core/progress/index.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { checkinsProgressNav } from '../../../platform/web/components/space-pages.js';
import { monthYear } from '../../../platform/web/dates.js';
import { formatDate as shortMonth } from '../../../platform/web/charts/chart-format.js';

const LABELS = ['1 — not at all', '2', '3', '4', '5 — very much'];

/** Short column headings for the three statements (the page says each in full above the tables). */
const SHORT: Record<(typeof REVIEW_QUESTIONS)[number]['key'], string> = {
  communicate: 'Openness',
  closer: 'Closeness',
  respect: 'Respect',
};

/** A therapist's monthly review page: the partners review, the therapist reads their answers. */
export function partnersReviewsPage(o: {
  spaceId: string;
  partners: ReadonlyArray<{ accountId: string; displayName: string }>;
  reviews: ReadonlyArray<{ accountId: string; month: string; communicate: number; closer: number; respect: number }>;
}): SafeHtml {
  return html`${checkinsProgressNav(o.spaceId, 'monthly-review')}
  <h1>The partners’ monthly reviews</h1>
  <p class="lead">Once a month each partner rates three statements from 1 (not at all) to 5 (very much): ${REVIEW_QUESTIONS.map((q) => `“${q.statement}” (${SHORT[q.key].toLowerCase()})`).join(', ')}.</p>
  ${o.partners.map((p) => {
    const mine = o.reviews.filter((r) => r.accountId === p.accountId).sort((a, b) => (a.month < b.month ? 1 : -1));
    return html`<section class="card" aria-labelledby="reviews-${p.accountId}">
      <h2 id="reviews-${p.accountId}">${p.displayName}</h2>
      ${
        mine.length
          ? html`<table class="table reviews-table"><caption class="visually-hidden">${p.displayName}’s answers, newest month first</caption>
            <thead><tr><th scope="col">Month</th>${REVIEW_QUESTIONS.map((q) => html`<th scope="col">${SHORT[q.key]}</th>`)}</tr></thead>
            <tbody>${mine.map((r) => html`<tr><th scope="row">${shortMonth(r.month)}</th><td>${r.communicate}</td><td>${r.closer}</td><td>${r.respect}</td></tr>`)}</tbody></table>`
          : html`<p>No reviews yet.</p>`
      }
    </section>`;
  })}
  <p><a href="/spaces/${o.spaceId}/progress">See how things are going</a></p>`;
}

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
