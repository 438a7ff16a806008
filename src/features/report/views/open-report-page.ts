import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * The password step before a space's record. It names nothing of the space: a therapist sees it
 * before the view is written to the couple's access log, which records the record itself.
 */
export function openReportPage(csrf: string, spaceId: string, error?: string): SafeHtml {
  return html`<h1>Open the record</h1>
  <p class="lead">The record gathers everything you can see in this space on one page, to read or to print. Like a download of your data, it needs your password first.</p>
  ${errorSummary(error ? { password: error } : undefined)}
  <form method="post" action="/spaces/${spaceId}/report" class="stack" novalidate>
    ${csrfField(csrf)}
    ${textField({ name: 'password', label: 'Your password', type: 'password', hint: 'To make sure it is you. It opens the record for 10 minutes.', error, autocomplete: 'current-password', maxlength: 256 })}
    <button type="submit" class="button">Open the record</button>
  </form>
  <p><a href="/spaces/${spaceId}">Back</a></p>`;
}
