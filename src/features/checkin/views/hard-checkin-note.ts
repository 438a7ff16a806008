import { html, type SafeHtml } from '../../../platform/web/html.js';
import { hardCheckinWords } from '../../../core/partner-words.js';

/**
 * Shown under "your check-in is saved" when the author marked the day hard or safety low: a way to
 * the hard-day page. It is drawn from their own check-in on their own page; the partner's pages
 * never show it, and nobody is told.
 */
export function hardCheckinNote(spaceId: string, alone: boolean): SafeHtml {
  const words = hardCheckinWords(alone);
  return html`<aside class="card card--quiet hard-note" aria-labelledby="hard-note-heading">
    <h2 id="hard-note-heading">A hard day</h2>
    <p>Thank you for being honest about today. There is a page for days like this: ${words.offers}</p>
    <p><a class="button button--secondary" href="/spaces/${spaceId}/hard-day">Open the hard-day page</a></p>
    <p class="small">${words.privacy}</p>
  </aside>`;
}
