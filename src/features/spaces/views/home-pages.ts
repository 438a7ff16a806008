import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import type { ErrorDetails } from '../../../platform/errors.js';

export function welcomePage(signUpsOpen = true): SafeHtml {
  return html`<h1>Rebuilding trust, one honest step at a time</h1>
  <p class="lead">Mend is a quiet place for two people to repair trust after it was broken — by a lie, a broken promise, hidden money or an affair.</p>
  <p>It walks you through seven steps: acknowledging what happened, taking responsibility, agreeing what trust looks like, being patient, talking openly, showing consistency, and — only if and when you are ready — forgiving without forgetting. It also shows you, honestly, whether things are getting better.</p>
  <p>What you write stays private unless you choose to share it. You can use Mend together, or on your own while your partner is not ready.</p>
  ${
    signUpsOpen
      ? html`<p class="actions"><a class="button" href="/sign-up">Create an account</a> <a class="button button--secondary" href="/sign-in">Sign in</a></p>
  <p><a href="/join">I have an invitation code</a></p>`
      : html`<p class="actions"><a class="button" href="/sign-in">Sign in</a></p>`
  }`;
}

export function noSpacePage(csrf: string, details?: ErrorDetails): SafeHtml {
  return html`<h1>Welcome to Mend</h1>
  <p class="lead">Start by creating a space for the two of you. You can invite your partner once it exists, or begin on your own.</p>
  ${errorSummary(details)}
  <form method="post" action="/spaces" class="stack">
    ${csrfField(csrf)}
    ${textField({ name: 'name', label: 'Name of your space (optional)', hint: 'Only the two of you see it. "Our space" if you leave it empty.', error: details?.name, maxlength: 80 })}
    <button type="submit" class="button">Create our space</button>
  </form>
  <h2>Were you invited?</h2>
  <p>If your partner sent you an invitation, open their link, or <a href="/join">enter the invitation code</a>.</p>
  <p>A couples therapist does not create a space: the couple you work with invite you into theirs, with the same link or code.</p>`;
}
