import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * Shown under "your check-in is saved" when the author marked the day hard or safety low: a way to
 * the hard-day page. It is drawn from their own check-in on their own page; the partner's pages
 * never show it, and nobody is told.
 */
export function hardCheckinNote(spaceId: string): SafeHtml {
  return html`<aside class="card card--quiet hard-note" aria-labelledby="hard-note-heading">
    <h2 id="hard-note-heading">A hard day</h2>
    <p>Thank you for being honest about today. There is a page for days like this: a minute to steady yourself, your reasons for doing this work, a way to ask for reassurance, and people outside Mend you can talk to.</p>
    <p><a class="button button--secondary" href="/spaces/${spaceId}/hard-day">Open the hard-day page</a></p>
    <p class="small">Only you see this note. Your partner is not told.</p>
  </aside>`;
}
