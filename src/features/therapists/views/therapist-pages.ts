import { historyLinks, NEWEST_PAGE, type HistoryPaging } from '../../../platform/web/components/older-link.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import type { AccessLogEntry, TherapistRecord } from '../store.js';
import type { CaseloadEntry } from '../service.js';
import { dateTimeInUtc } from '../../../platform/web/dates.js';
import { therapistConsentWords } from '../../../core/partner-words.js';

function when(iso: string): string {
  return dateTimeInUtc(iso);
}

/** On a partner's space page: invite a therapist, consent, or end their access. */
export function therapistCard(
  csrf: string,
  spaceId: string,
  viewerId: string,
  therapists: TherapistRecord[],
  /** One partner in the space: their consent alone lets the therapist in (a partner who joins is asked too). */
  alone: boolean,
  passwordError?: { therapistId: string; message: string },
): SafeHtml {
  return html`<section aria-labelledby="therapist-heading" class="card">
    <h2 id="therapist-heading">A couples therapist</h2>
    ${passwordError ? errorSummary({ password: passwordError.message }) : null}
    ${
      therapists.length === 0
        ? html`<p>${therapistConsentWords(alone)}</p>
        <form method="post" action="/spaces/${spaceId}/invitations">${csrfField(csrf)}<input type="hidden" name="role" value="therapist">
          <button type="submit" class="button button--secondary">Invite a therapist</button></form>`
        : therapists.map((t) => {
            const agreed = t.consentedBy.includes(viewerId);
            return html`<div class="therapist" id="therapist-${t.accountId}">
            <p><strong>${t.displayName}</strong> —
              ${
                t.status === 'active'
                  ? html`can see what you share: shared entries, agreements and their logs, progress, check-in numbers of whoever shares them, and red flags that are not private. Never private entries, sealed entries before they open, numbers kept to oneself, or anything about safety.`
                  : agreed
                    ? html`you agreed. Their access starts when your partner agrees too.`
                    : html`joined as your therapist and is waiting for your agreement. They see nothing yet.`
              }</p>
            ${
              t.status !== 'active' && !agreed
                ? html`<form method="post" action="/spaces/${spaceId}/therapists/${t.accountId}/consent" class="stack" novalidate>
                  ${csrfField(csrf)}
                  ${textField({ name: 'password', label: `Your password, to agree that ${t.displayName} may see what you share`, type: 'password', error: passwordError?.therapistId === t.accountId ? passwordError.message : undefined, autocomplete: 'current-password', maxlength: 256 })}
                  <button type="submit" class="button">I agree</button>
                </form>`
                : null
            }
            <form method="post" action="/spaces/${spaceId}/therapists/${t.accountId}/revoke" class="therapist__end">${csrfField(csrf)}
              <button type="submit" class="button button--secondary">${t.status === 'active' ? 'End their access' : 'Remove this therapist'}</button></form>
            <p class="small therapist__log"><a href="/spaces/${spaceId}/therapist/access-log">What the therapist has viewed</a></p>
          </div>`;
          })
    }
  </section>`;
}

export function accessLogPage(spaceId: string, entries: AccessLogEntry[], paging: HistoryPaging = NEWEST_PAGE): SafeHtml {
  return html`<h1>What the therapist has viewed</h1>
  <p class="lead">Every time a therapist opens something in your space, it is written here. Both of you can read this page.</p>
  ${
    entries.length === 0
      ? html`<p>Nothing has been viewed yet.</p>`
      : html`<table class="table">
        <caption class="visually-hidden">Therapist views, newest first</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
        <tbody>${entries.map((e) => html`<tr><td>${when(e.viewedAt)}</td><td>${e.displayName}</td><td><code>${e.what}</code></td></tr>`)}</tbody>
      </table>`
  }
  ${historyLinks(paging, 'Older views')}
  <p><a href="/spaces/${spaceId}">Back to your space</a></p>`;
}

/** Names joined as people say them: "Alex and Sam". */
const andList = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

export function caseloadPage(entries: CaseloadEntry[]): SafeHtml {
  return html`<h1>Your couples</h1>
  <p class="lead">Each couple decides what to share with you. What you open is written in an access log they can both read.</p>
  ${
    entries.length === 0
      ? html`<p>No couple has invited you yet. A couple invites you with a link from their space.</p>`
      : html`<ul class="caseload">${entries.map((e) => {
          // Before both partners agree, the therapist knows only the name of the space they were invited to.
          if (e.status !== 'active')
            return html`<li class="card"><h2>${e.spaceName}</h2><p>Waiting until both partners agree. You see nothing before then.</p></li>`;
          const couple = andList(e.partnerNames) || e.spaceName;
          return html`<li class="card">
            <h2><a href="/spaces/${e.spaceId}">${couple}</a></h2>
            ${couple !== e.spaceName ? html`<p class="muted">Their space: ${e.spaceName}</p>` : null}
            <ul class="caseload__links">
              <li><a href="/spaces/${e.spaceId}/session-summary">Since your last visit</a></li>
              <li><a href="/spaces/${e.spaceId}/report">The full record, to read or print</a></li>
            </ul>
          </li>`;
        })}</ul>`
  }`;
}
