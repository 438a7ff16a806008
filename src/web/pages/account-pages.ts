import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../components/forms.js';
import type { Account } from '../../store/accounts.js';
import type { SessionRecord } from '../../store/sessions.js';

function when(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

export function accountPage(csrf: string, account: Account, sessions: SessionRecord[], currentId: string, notice?: string): SafeHtml {
  return html`<h1>Your account</h1>
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
  <dl class="summary-list">
    <div><dt>Name</dt><dd>${account.displayName}</dd></div>
    <div><dt>Email</dt><dd>${account.email}</dd></div>
    <div><dt>Time zone</dt><dd>${account.timezone}</dd></div>
  </dl>
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
          <td>${s.id === currentId
            ? html`This device`
            : html`<form method="post" action="/account/sessions/${s.id}/revoke" class="inline-form">${csrfField(csrf)}<button type="submit" class="link-button">Sign out<span class="visually-hidden"> the session from ${when(s.createdAt, account.timezone)}</span></button></form>`}</td>
        </tr>`,
      )}
    </tbody>
  </table>
  <form method="post" action="/account/sign-out-everywhere" class="stack">
    ${csrfField(csrf)}
    <button type="submit" class="button button--secondary">Sign out everywhere</button>
  </form>`;
}
