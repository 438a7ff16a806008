import { html, type SafeHtml } from '../../../platform/web/html.js';

export function privacyPage(): SafeHtml {
  return html`<h1>How privacy works in Mend</h1>
  <p class="lead">Everything you write has a visibility that you choose.</p>
  <dl class="summary-list">
    <div><dt>Private</dt><dd>Only you. Not your partner, not a therapist, not your partner's export.</dd></div>
    <div><dt>Shared</dt><dd>You and your partner, and a therapist if you both agreed to invite one.</dd></div>
    <div><dt>Sealed</dt><dd>For paired questions. Your partner sees only that you answered, until they have answered too; then both answers open at the same moment.</dd></div>
  </dl>
  <p>You can share a private entry later. A shared entry cannot become private again, but you can delete it.</p>
  <p>Mend never watches a phone, a location, calls or messages. It makes no requests to other companies: no fonts, trackers or analytics.</p>
  <p>Entries are encrypted in the database, so a copied database file or backup does not reveal them.</p>`;
}
