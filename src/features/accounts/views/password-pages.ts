import type { ErrorDetails } from '../../../platform/errors.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { NEW_PASSWORD_HINT } from './auth-pages.js';

/** Asks for the email a reset link goes to; or, when this Mend sends no email, says who can help. */
export function forgotPasswordPage(csrf: string, sendsEmail: boolean, values: { email?: string } = {}, message?: string): SafeHtml {
  if (!sendsEmail) {
    return html`<h1>Forgot your password?</h1>
    <p class="lead">That happens, and it can be put right. This Mend does not send email, so the person who runs it can make you a link to choose a new password.</p>
    <p>Ask them to run <code>mend reset-password</code> with your email address, and to give you the link it prints. The link works once, for an hour.</p>
    <p>Everything you wrote stays as it was.</p>
    <p><a href="/sign-in">Back to sign in</a></p>`;
  }
  return html`<h1>Forgot your password?</h1>
  <p class="lead">That happens, and it can be put right. Enter the email address you use for Mend, and we will send a link to choose a new password.</p>
  ${errorSummary(undefined, message)}
  <form method="post" action="/forgot-password" novalidate class="stack">
    ${csrfField(csrf)}
    ${textField({ name: 'email', label: 'Email address', type: 'email', value: values.email ?? '', autocomplete: 'email', required: true, maxlength: 254 })}
    <button type="submit" class="button">Send the link</button>
  </form>
  <p>Everything you wrote stays as it was when you choose a new password.</p>
  <p><a href="/sign-in">Back to sign in</a></p>`;
}

/** The same page whether or not the email has an account. */
export function resetRequestedPage(): SafeHtml {
  return html`<h1>Check your email</h1>
  <p class="lead">If there is a Mend account with that address, an email with a link to choose a new password is on its way.</p>
  <p>The link works once, for an hour. If nothing arrives in a few minutes, look in your spam folder, or <a href="/forgot-password">ask for another link</a>.</p>
  <p><a href="/sign-in">Back to sign in</a></p>`;
}

/**
 * The new password and, for an account whose private writing is under its own key, the recovery
 * code — or, plainly and before anything changes, the choice to go on without it.
 */
export function newPasswordPage(
  csrf: string,
  action: string,
  asksForCode: boolean,
  details?: ErrorDetails,
  message?: string,
  values: { recoveryCode?: string } = {},
): SafeHtml {
  return html`<h1>Choose a new password</h1>
  <p class="lead">Once it is saved, you will be signed out everywhere, and can sign in with the new one. ${asksForCode ? 'What you shared stays as it was.' : 'Everything you wrote stays as it was.'}</p>
  ${errorSummary(details, message)}
  <form method="post" action="${action}" novalidate class="stack">
    ${csrfField(csrf)}
    ${textField({ name: 'password', label: 'New password', type: 'password', hint: NEW_PASSWORD_HINT, error: details?.password, autocomplete: 'new-password', required: true, maxlength: 256 })}
    ${asksForCode ? recoveryCodeFields(details, values.recoveryCode ?? '') : null}
    <button type="submit" class="button">Save the new password</button>
  </form>`;
}

function recoveryCodeFields(details: ErrorDetails | undefined, code: string): SafeHtml {
  return html`<fieldset class="stack">
    <legend>Your private writing</legend>
    <p>What you kept private in Mend is locked with a key only you can open: your password, or the recovery code Mend gave you to keep (24 letters and numbers, like 7KQ2-M0XD-…).</p>
    ${textField({ name: 'recoveryCode', label: 'Recovery code', hint: 'Spaces and dashes do not matter.', value: code, error: details?.recoveryCode, autocomplete: 'off', maxlength: 64 })}
    <div class="checkbox">
      <input type="checkbox" id="field-letGo" name="letGo" value="yes" aria-describedby="field-letGo-hint">
      <label for="field-letGo">I do not have my recovery code. Go on without it.</label>
      <p class="hint" id="field-letGo-hint">Without the code, what you kept private cannot be opened again by anyone, not even by the person who runs this Mend. What you shared with your partner is kept. You will be given a new recovery code.</p>
    </div>
  </fieldset>`;
}

export function resetLinkUnusablePage(): SafeHtml {
  return html`<h1>This link no longer works</h1>
  <p class="lead">Links to choose a new password work once, for an hour. This one has been used or has expired.</p>
  <p><a href="/forgot-password">Ask for a new link</a>, or <a href="/sign-in">sign in</a> if you remember your password.</p>`;
}

export function changePasswordPage(csrf: string, details?: ErrorDetails, message?: string): SafeHtml {
  return html`<h1>Change your password</h1>
  <p class="lead">Your other sessions will be signed out; you stay signed in here.</p>
  ${errorSummary(details, message)}
  <form method="post" action="/account/password" novalidate class="stack">
    ${csrfField(csrf)}
    ${textField({ name: 'currentPassword', label: 'Your current password', type: 'password', error: details?.currentPassword, autocomplete: 'current-password', required: true, maxlength: 256 })}
    ${textField({ name: 'newPassword', label: 'New password', type: 'password', hint: NEW_PASSWORD_HINT, error: details?.newPassword, autocomplete: 'new-password', required: true, maxlength: 256 })}
    <button type="submit" class="button">Change password</button>
  </form>
  <p><a href="/account">Cancel</a></p>`;
}
