/**
 * Server-rendered coach findings, shown after a form post so the coach works without JavaScript.
 * The words come from the same summary the live island uses (core/coach/render-text.ts).
 */
import type { CoachKind, CoachResult } from '../../../core/coach/index.js';
import { coachSummary, type CoachSummary } from '../../../core/coach/render-text.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

export function coachFindingsHtml(result: CoachResult, kind: CoachKind): SafeHtml {
  return coachSummaryHtml(coachSummary(result, kind));
}

/** A summary drawn as the island draws it (coach-model.ts), so both say and show the same. */
export function coachSummaryHtml(s: CoachSummary): SafeHtml {
  return html`<div class="coach-findings${s.attention ? ' coach-findings--attention' : ''}">
<p class="coach-findings__heading">${s.heading}</p>
${
  s.items.length > 0 &&
  html`<ul class="coach-findings__list">
${s.items.map(
  (i) =>
    html`<li><span class="coach-findings__label">${i.label}</span>: <q>${i.excerpt}</q> — ${i.explanation}</li>
`,
)}</ul>`
}
${s.notes.map((n) => html`<p class="coach-findings__note">${n}</p>`)}
</div>`;
}
