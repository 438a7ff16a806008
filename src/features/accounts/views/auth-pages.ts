import type { SignupMode } from '../../../platform/config.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, selectField, textField } from '../../../platform/web/components/forms.js';
import { SUPPORTED_COUNTRIES } from '../../../core/safety/countries.js';
import { timeZoneNames } from '../../../core/time.js';

export const NEW_PASSWORD_HINT = 'At least 12 characters. A few unrelated words in a row make a strong password that is easy to remember.';

export interface SignUpValues {
  email?: string;
  displayName?: string;
  timezone?: string;
  country?: string;
  invitationCode?: string;
  next?: string | null;
}

let zoneOptions: Array<{ value: string; label: string }> | null = null;
function timeZoneOptions(): Array<{ value: string; label: string }> {
  zoneOptions ??= timeZoneNames().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
  return zoneOptions;
}

/** Asked so that, if support is ever needed, the person's own country's services come first. */
function countryField(value: string, error: string | undefined): SafeHtml {
  return selectField({
    name: 'country',
    label: 'Where you live',
    hint: 'If you ever need support, Mend shows the services of this country first. You can change it later in your settings.',
    options: [{ value: '', label: 'Choose a country' }, ...SUPPORTED_COUNTRIES.map((c) => ({ value: c.code, label: c.name }))],
    value,
    error,
    dataAttr: 'data-country-picker',
  });
}

/** With MEND_SIGNUPS=invite, the code comes first: without one there is no point filling in the rest. */
function invitationField(value: string, error: string | undefined): SafeHtml {
  return textField({
    name: 'invitationCode',
    label: 'Invitation code',
    hint: 'On this Mend, new accounts need an invitation: the code your partner, or the couple you work with, gave you.',
    value,
    error,
    autocomplete: 'off',
    required: true,
    maxlength: 40,
  });
}

export function signUpPage(csrf: string, values: SignUpValues, mode: SignupMode, details?: ErrorDetails, message?: string): SafeHtml {
  return html`<h1>Create your account</h1>
  <p class="lead">Your account is yours alone. Your partner will have their own, and nothing you write is shown to them unless you choose to share it.</p>
  ${errorSummary(details, message)}
  <form method="post" action="/sign-up" novalidate class="stack">
    ${csrfField(csrf)}
    ${values.next ? html`<input type="hidden" name="next" value="${values.next}">` : null}
    ${mode === 'invite' ? invitationField(values.invitationCode ?? '', details?.invitationCode) : null}
    ${textField({ name: 'displayName', label: 'Your name', hint: 'The name your partner knows you by.', value: values.displayName ?? '', error: details?.displayName, autocomplete: 'nickname', required: true, maxlength: 60 })}
    ${textField({ name: 'email', label: 'Email address', type: 'email', value: values.email ?? '', error: details?.email, autocomplete: 'email', required: true, maxlength: 254 })}
    ${textField({ name: 'password', label: 'Password', type: 'password', hint: NEW_PASSWORD_HINT, error: details?.password, autocomplete: 'new-password', required: true, maxlength: 256 })}
    ${selectField({ name: 'timezone', label: 'Your time zone', hint: 'Used to know when your day begins and ends.', options: timeZoneOptions(), value: values.timezone ?? 'UTC', error: details?.timezone, dataAttr: 'data-timezone-picker' })}
    ${countryField(values.country ?? '', details?.country)}
    <button type="submit" class="button">Create account</button>
  </form>
  <p>Already have an account? <a href="/sign-in${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}">Sign in</a></p>`;
}

/** MEND_SIGNUPS=closed: no form, and no suggestion that trying again would help. */
export function signUpsClosedPage(next: string | null): SafeHtml {
  return html`<h1>Sign-ups are closed</h1>
  <p class="lead">This Mend is not taking new accounts at the moment. If you were expecting to join, please ask the person who runs it.</p>
  <p>Already have an account? <a href="/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}">Sign in</a></p>`;
}

export function signInPage(
  csrf: string,
  values: { email?: string; next?: string | null; notice?: string; signUpsClosed?: boolean },
  message?: string,
  details?: ErrorDetails,
): SafeHtml {
  return html`<h1>Sign in</h1>
  ${values.notice ? html`<p class="notice" role="status">${values.notice}</p>` : null}
  ${errorSummary(details, message)}
  <form method="post" action="/sign-in" novalidate class="stack">
    ${csrfField(csrf)}
    ${values.next ? html`<input type="hidden" name="next" value="${values.next}">` : null}
    ${textField({ name: 'email', label: 'Email address', type: 'email', value: values.email ?? '', error: details?.email, autocomplete: 'username', required: true, maxlength: 254 })}
    ${textField({ name: 'password', label: 'Password', type: 'password', error: details?.password, autocomplete: 'current-password', required: true, maxlength: 256 })}
    <button type="submit" class="button">Sign in</button>
  </form>
  <p><a href="/forgot-password">Forgot your password?</a></p>
  ${
    values.signUpsClosed
      ? null
      : html`<p>New to Mend? <a href="/sign-up${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}">Create an account</a></p>`
  }`;
}
