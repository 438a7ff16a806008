import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, selectField, textField } from '../../../platform/web/components/forms.js';
import type { ErrorDetails } from '../../../platform/errors.js';
import type { Account } from '../store.js';
import type { SessionRecord } from '../sessions-store.js';
import { dateTimeIn } from '../../../platform/web/dates.js';
import { SUPPORTED_COUNTRIES } from '../../../core/safety/countries.js';

function when(iso: string, timeZone: string): string {
  return dateTimeIn(iso, timeZone);
}

export function accountPage(csrf: string, account: Account, sessions: SessionRecord[], currentId: string, notice?: string): SafeHtml {
  return html`<h1>Your account</h1>
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
  <dl class="summary-list">
    <div><dt>Name</dt><dd>${account.displayName}</dd></div>
    <div><dt>Email</dt><dd>${account.email}</dd></div>
    <div><dt>Time zone</dt><dd>${account.timezone}</dd></div>
    <div><dt>Where you live</dt><dd>${account.country ? (SUPPORTED_COUNTRIES.find((c) => c.code === account.country)?.name ?? account.country) : 'Not chosen: goes by your time zone'}</dd></div>
    <div><dt>Your check-in numbers</dt><dd>${account.checkinNumbersShared ? 'Your partner sees them too' : 'Only you see them; your partner sees that you checked in'}</dd></div>
    <div><dt>Quick exit</dt><dd>${account.quickExitSignsOut ? 'Leaves and signs you out' : 'Leaves without signing you out'}</dd></div>
  </dl>
  <p><a href="/account/settings">Change these settings</a></p>
  <p><a href="/account/password">Change your password</a></p>
  <p><a href="/account/recovery-code">See your recovery code</a> <span class="hint">(it opens your private writing if you forget your password)</span></p>
  <h2>Where you are signed in</h2>
  <p>If you see a session you do not recognise, sign it out, then change your password.</p>
  <table class="table">
    <caption class="visually-hidden">Your sessions</caption>
    <thead><tr><th scope="col">Signed in</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
    <tbody>
      ${sessions.map(
        (s) => html`<tr>
          <td>${when(s.createdAt, account.timezone)}${s.kind === 'bearer' ? ' (app or script)' : ''}</td>
          <td>${when(s.lastSeenAt, account.timezone)}</td>
          <td>${
            s.id === currentId
              ? html`This device`
              : html`<form method="post" action="/account/sessions/${s.id}/revoke" class="inline-form">${csrfField(csrf)}<button type="submit" class="link-button">Sign out<span class="visually-hidden"> the session from ${when(s.createdAt, account.timezone)}</span></button></form>`
          }</td>
        </tr>`,
      )}
    </tbody>
  </table>
  <form method="post" action="/account/sign-out-everywhere" class="stack">
    ${csrfField(csrf)}
    <button type="submit" class="button button--secondary">Sign out everywhere</button>
  </form>
  <h2>Your data</h2>
  <ul>
    <li><a href="/account/export">Download everything you can see</a> (a file, or a printable report)</li>
    <li><a href="/account/delete">Delete your account</a></li>
  </ul>`;
}

export function settingsPage(
  csrf: string,
  values: { displayName: string; timezone: string; country: string },
  zones: Array<{ value: string; label: string }>,
  countries: ReadonlyArray<{ code: string; name: string }>,
  details?: ErrorDetails,
  /** Settings with a form of their own, each in its own section (e.g. who sees check-in numbers). */
  sections: SafeHtml | null = null,
): SafeHtml {
  return html`<h1>Your settings</h1>
  ${errorSummary(details)}
  <form method="post" action="/account/settings" class="stack" novalidate>
    ${csrfField(csrf)}
    ${textField({ name: 'displayName', label: 'Your name', hint: 'The name your partner knows you by.', value: values.displayName, error: details?.displayName, maxlength: 60, autocomplete: 'nickname' })}
    ${selectField({ name: 'timezone', label: 'Your time zone', hint: 'Used to know when your day begins and ends.', options: zones, value: values.timezone, error: details?.timezone })}
    ${selectField({
      name: 'country',
      label: 'Where you live',
      hint: 'Only used to show support services near you.',
      options: [{ value: '', label: 'Not chosen: go by my time zone' }, ...countries.map((c) => ({ value: c.code, label: c.name }))],
      value: values.country,
      error: details?.country,
    })}
    <button type="submit" class="button">Save</button>
  </form>
  ${sections}
  <p><a href="/account">Back to your account</a></p>`;
}

export function confirmPasswordPage(
  csrf: string,
  options: {
    title: string;
    intro: SafeHtml;
    action: string;
    button: string;
    warning?: boolean;
    error?: string;
    /** Choices that go with the confirmation (the export's format): inside the form, so they are sent with it. */
    fields?: SafeHtml;
  },
): SafeHtml {
  return html`<h1>${options.title}</h1>
  ${options.intro}
  ${errorSummary(options.error ? { password: options.error } : undefined)}
  <form method="post" action="${options.action}" class="stack" novalidate>
    ${csrfField(csrf)}
    ${options.fields ?? ''}
    ${textField({ name: 'password', label: 'Your password', type: 'password', hint: 'To make sure it is you.', error: options.error, autocomplete: 'current-password', maxlength: 256 })}
    <button type="submit" class="button${options.warning ? ' button--warning' : ''}">${options.button}</button>
  </form>
  <p><a href="/account">Cancel</a></p>`;
}
