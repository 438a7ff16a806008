import type { ErrorDetails } from '../../../platform/errors.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * The recovery code, shown to its owner: right after sign-up (or the first sign-in that made their
 * key) until they say they kept it, and later after their password (issue #23).
 */
export function recoveryCodePage(csrf: string, code: string, next: string | null, firstTime: boolean): SafeHtml {
  return html`<h1>Your recovery code</h1>
  <p class="lead">What you keep private in Mend is locked with a key that only you can open. If you ever forget your password, this code opens it again.</p>
  <p class="recovery-code"><span class="visually-hidden">Recovery code, read one character at a time: ${code.split('').join(' ')}. As written: </span><code>${code}</code></p>
  <ul>
    <li>Write it down or print this page, and keep it somewhere only you can reach.</li>
    <li>Nobody else can give it back to you, not even the person who runs this Mend.</li>
    <li>Without it, a forgotten password means your private writing is lost. What you have shared in Mend is kept either way.</li>
  </ul>
  ${
    firstTime
      ? html`<form method="post" action="/account/recovery-code/kept" class="stack">
          ${csrfField(csrf)}
          ${next ? html`<input type="hidden" name="next" value="${next}">` : null}
          <button type="submit" class="button">I have kept it safe. Continue</button>
        </form>`
      : html`<p><a href="/account">Back to your account</a></p>`
  }
  ${firstTime ? html`<p class="hint">You can see this code again later from your account page, after your password.</p>` : null}`;
}

/** Asks for the password before showing the recovery code again. */
export function recoveryCodeAskPage(csrf: string, details?: ErrorDetails, message?: string): SafeHtml {
  return html`<h1>Your recovery code</h1>
  <p class="lead">The recovery code opens your private writing if you ever forget your password. Confirm your password to see it.</p>
  ${errorSummary(details, message)}
  <form method="post" action="/account/recovery-code" novalidate class="stack">
    ${csrfField(csrf)}
    ${textField({ name: 'password', label: 'Your password', type: 'password', error: details?.password, autocomplete: 'current-password', required: true, maxlength: 256 })}
    <button type="submit" class="button">Show my recovery code</button>
  </form>
  <p><a href="/account">Back to your account</a></p>`;
}

/** For a session that cannot open the key (begun before it existed, on another device): sign in again. */
export function recoveryCodeUnavailablePage(csrf: string): SafeHtml {
  return html`<h1>Your recovery code</h1>
  <p class="lead">To show your recovery code, Mend needs you to sign in again on this device.</p>
  <form method="post" action="/sign-out">${csrfField(csrf)}<button type="submit" class="button">Sign out</button></form>`;
}
