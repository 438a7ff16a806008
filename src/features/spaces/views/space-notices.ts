import { html, type SafeHtml } from '../../../platform/web/html.js';
import { dayMonthYear } from '../../../platform/web/dates.js';

function day(iso: string): string {
  return dayMonthYear(iso);
}

/** Notes for everyone in a space, such as a partner having deleted their account. */
export function noticesBlock(notices: Array<{ kind: string; createdAt: string }>): SafeHtml | null {
  if (notices.length === 0) return null;
  return html`<section aria-labelledby="notices-heading" class="card">
    <h2 id="notices-heading">Changes to this space</h2>
    <ul>${notices.map((n) =>
      n.kind === 'partner_deleted_account'
        ? html`<li>On ${day(n.createdAt)} a partner deleted their account. Everything they wrote was removed from Mend, so some entries and shared history are no longer here.</li>`
        : null,
    )}</ul>
  </section>`;
}
