import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import type { Space } from '../store.js';

/**
 * Leaving a space (SPEC section 5: leaving well is a supported outcome). The page says exactly
 * what happens to each kind of thing the person wrote, offers the export first, and asks for the
 * password (spaces/actions.ts `leave`). What it promises is what spaces/store.ts `depart` does.
 */
export function leavePage(csrf: string, space: Space, viewerId: string, error?: string): SafeHtml {
  const me = space.members.find((m) => m.accountId === viewerId);
  if (me?.role === 'therapist') return therapistLeavePage(csrf, space, error);
  const partner = space.members.find((m) => m.role === 'partner' && m.accountId !== viewerId);
  const them = partner?.displayName ?? 'your partner';
  return html`<h1>Leave ${space.name}?</h1>
  <p class="lead">Leaving is a choice Mend supports, and you do not need to explain it. Before you go, here is exactly what happens to what you wrote here.</p>
  ${errorSummary(error ? { password: error } : undefined)}
  <section class="card" aria-labelledby="copy-heading">
    <h2 id="copy-heading">First, if you want a copy</h2>
    <p>Once you have left, you can no longer see this space. <a href="/account/export">Download everything you can see</a> first: what you wrote, and what ${them} shared with you.</p>
  </section>
  ${
    partner
      ? html`<section class="card" aria-labelledby="what-heading">
    <h2 id="what-heading">What happens to what you wrote</h2>
    <dl class="summary-list leave-list">
      <div><dt>What you kept private</dt><dd><strong>Deleted</strong>, straight away and for good: your private entries and notes, a sealed half ${them} has not opened, an apology you had not delivered, and your choice to open step 7 early.</dd></div>
      <div><dt>What you shared</dt><dd><strong>Stays</strong> in the space under your name, as part of the history you built together: shared entries, sealed pairs you both opened, your apology and answers, agreements and their log, meeting records and calls for reassurance. ${them} can still read it, and so can a therapist you both invited while their access lasts. Nobody can change it.</dd></div>
      <div><dt>Your check-ins and monthly reviews here</dt><dd><strong>Deleted</strong>: they were about how you were doing, and nobody would see them again.</dd></div>
      <div><dt>A proposal of yours still waiting</dt><dd><strong>Withdrawn</strong>, so ${them} is not asked to accept it.</dd></div>
    </dl>
    <p>If you later delete your account, your words are removed from what stays too, and ${them} sees where they were and when they were removed.</p>
  </section>
  <section class="card" aria-labelledby="partner-heading">
    <h2 id="partner-heading">What ${them} sees</h2>
    <p>On the space’s page, ${them} sees that you left and on which day, and nothing more: no reason is given. The journeys keep everything you reached together. ${them} can carry on alone, or invite you again.</p>
    <p>If you are invited again and join, you see the space and its shared history again, including what you shared. What was deleted when you left stays deleted.</p>
  </section>`
      : html`<section class="card" aria-labelledby="what-heading">
    <h2 id="what-heading">What happens to what you wrote</h2>
    <p>You are the only partner in ${space.name}. If you leave, <strong>the space and everything in it is deleted</strong>, for good: every journey, entry, check-in and note.</p>
  </section>`
  }
  <p>If you are leaving because you do not feel safe, you do not need to tell anyone. <a href="/support">Support you can reach today</a>.</p>
  <form method="post" action="/spaces/${space.id}/leave" class="stack" novalidate>
    ${csrfField(csrf)}
    ${textField({ name: 'password', label: 'Your password', type: 'password', hint: 'To make sure it is you.', error, autocomplete: 'current-password', maxlength: 256 })}
    <button type="submit" class="button button--warning">Leave this space</button>
  </form>
  <p><a href="/spaces/${space.id}">Stay in the space</a></p>`;
}

function therapistLeavePage(csrf: string, space: Space, error?: string): SafeHtml {
  return html`<h1>Leave ${space.name}?</h1>
  <p class="lead">You will no longer see what the couple shares here. They keep their access log, which shows what you viewed until now, and they can invite you again.</p>
  ${errorSummary(error ? { password: error } : undefined)}
  <form method="post" action="/spaces/${space.id}/leave" class="stack" novalidate>
    ${csrfField(csrf)}
    ${textField({ name: 'password', label: 'Your password', type: 'password', hint: 'To make sure it is you.', error, autocomplete: 'current-password', maxlength: 256 })}
    <button type="submit" class="button button--warning">Leave this space</button>
  </form>
  <p><a href="/caseload">Back to your couples</a></p>`;
}

/** After leaving: no name of the space, which the person may no longer read. */
export function leftPage(): SafeHtml {
  return html`<h1>You have left the space</h1>
  <p class="lead">What you kept private there is deleted. What you shared stays in your partner’s history.</p>
  <p>If you change your mind, your partner can invite you again. Take care of yourself.</p>
  <p><a href="/">Mend’s home page</a></p>`;
}
