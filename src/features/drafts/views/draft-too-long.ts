import { html, type SafeHtml } from '../../../platform/web/html.js';

/** After "Save draft" with a text longer than it may be: nothing was kept, and the words are one step back. */
export function draftTooLongPage(problems: Record<string, string>): SafeHtml {
  return html`<h1>Your draft was not kept</h1>
  <p>Part of it is longer than Mend can keep there:</p>
  <ul>${Object.values(problems).map((p) => html`<li>${p}</li>`)}</ul>
  <p>Your words are still in the form: use your browser’s Back button to return to them, shorten that part, and save again.</p>`;
}
