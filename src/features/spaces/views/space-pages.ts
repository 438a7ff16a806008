import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrfField, errorSummary, textField } from '../../../platform/web/components/forms.js';
import type { Space } from '../store.js';
import type { InvitationView } from '../service.js';
import { dayMonthYear } from '../../../platform/web/dates.js';
import { WHEN_A_PARTNER_JOINS } from '../../../core/partner-words.js';

function formatDate(iso: string): string {
  return dayMonthYear(iso);
}

export interface SpacePageParts {
  /** "Waiting for you" (issue #18), a partner's own; first on the page. */
  waiting?: SafeHtml | null;
  journeys?: SafeHtml | null;
  /** Notes for everyone in the space (e.g. a partner deleted their account), shown first. */
  notices?: SafeHtml | null;
  /** The day's question (issue #25), offered after the day's check-in; just after the daily actions. */
  daily?: SafeHtml | null;
  /** Sections after the daily actions (the therapist card, the viewer's own safety check). */
  more?: SafeHtml | null;
  /** A partner left the space (issue #19): the one here is alone now, not waiting for someone to join. */
  partnerLeft?: boolean;
}

/** Names joined as people say them: "Alex", "Alex and Sam". */
const andList = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** A therapist reads the space as the couple's guest: the partners by name, and their own way in. */
function therapistWords(spaceId: string, partnerNames: string[]): SafeHtml {
  return html`<p>${partnerNames.length > 1 ? `${andList(partnerNames)} share this space.` : `${andList(partnerNames)} is here on their own for now.`} You are their couples therapist: you see what they choose to share, and what you open is written in a log they can both read.</p>
    <p class="actions"><a class="button" href="/spaces/${spaceId}/session-summary">Since your last visit</a> <a class="button button--secondary" href="/spaces/${spaceId}/report">The full record</a></p>
    <p><a href="/spaces/${spaceId}/decision-guide">The decision guide</a>: what each partner is offered when they wonder whether trust can be rebuilt (none of their answers or numbers).</p>`;
}

export function spacePage(csrf: string, space: Space, viewerId: string, parts: SpacePageParts = {}): SafeHtml {
  const partners = space.members.filter((m) => m.role === 'partner');
  const isPartner = partners.some((m) => m.accountId === viewerId);
  const partner = isPartner ? partners.find((m) => m.accountId !== viewerId) : undefined;
  return html`<h1>${space.name}</h1>
  ${parts.waiting ?? null}
  ${parts.notices ?? null}
  <section aria-labelledby="people-heading" class="card">
    <h2 id="people-heading">Who is here</h2>
    <ul class="people">
      ${space.members.map((m) => html`<li>${m.displayName}${m.accountId === viewerId ? ' (you)' : ''}${m.role === 'therapist' ? ' — therapist' : ''}</li>`)}
    </ul>
    ${
      !isPartner
        ? therapistWords(
            space.id,
            [...partners]
              .sort((x, y) => x.joinedAt.localeCompare(y.joinedAt) || x.displayName.localeCompare(y.displayName))
              .map((m) => m.displayName),
          )
        : partner
          ? html`<p>You and ${partner.displayName} share this space.</p>`
          : parts.partnerLeft
            ? html`<p>You are here on your own now. Every step in Mend has a form you can do alone.</p>
        <form method="post" action="/spaces/${space.id}/invitations">
          ${csrfField(csrf)}
          <button type="submit" class="button button--secondary">Invite your partner again</button>
        </form>`
            : html`<p>You are here on your own for now. Every step in Mend has a form you can do alone, and your partner can join whenever they are ready.</p>
        <h3 id="joins-heading">What changes when your partner joins</h3><ul aria-labelledby="joins-heading">${WHEN_A_PARTNER_JOINS.map((w) => html`<li>${w}</li>`)}</ul>
        <form method="post" action="/spaces/${space.id}/invitations">
          ${csrfField(csrf)}
          <button type="submit" class="button">Invite your partner</button>
        </form>`
    }
  </section>
  ${parts.journeys ?? null}
  <p class="actions">${isPartner ? html`<a class="button" href="/spaces/${space.id}/check-in">Today’s check-in</a> <a class="button button--secondary" href="/spaces/${space.id}/hard-day">A hard day</a> ` : null}<a class="button button--secondary" href="/spaces/${space.id}/progress">How things are going</a></p>
  ${parts.daily ?? null}
  ${parts.more ?? null}
  ${isPartner ? html`<p class="small"><a href="/spaces/${space.id}/report">A record of this space, to read or print</a></p>` : null}
  <p class="small"><a href="/spaces/${space.id}/leave">Leave this space</a></p>`;
}

export function invitationPage(space: Space, invitation: (InvitationView & { role: string }) | null): SafeHtml {
  if (!invitation) {
    return html`<h1>This invitation is no longer open</h1>
    <p>It was used, has expired, or is not yours to show. You can make a new one from your space.</p>
    <p><a href="/spaces/${space.id}">Back to your space</a></p>`;
  }
  const therapist = invitation.role === 'therapist';
  return html`<h1>${therapist ? 'Invite a therapist' : 'Invite your partner'}</h1>
  <p class="lead">Send this link ${therapist ? 'to your therapist' : 'to your partner'} in a way only they will see. It works once and expires on ${formatDate(invitation.expiresAt)}.</p>
  <div class="field">
    <label for="invite-link">Invitation link</label>
    <input id="invite-link" type="text" readonly value="${invitation.url}" data-copy-source>
  </div>
  <p>Or they can go to Mend, choose “I have an invitation code” and enter this code: <code class="invite-code">${invitation.code}</code></p>
  ${
    therapist
      ? space.members.filter((m) => m.role === 'partner' && m.status === 'active').length < 2
        ? html`<p>When they join, they see nothing until you agree on your space page. You can end their access at any time; if your partner joins, they are asked to agree too.</p>`
        : html`<p>When they join, they see nothing until both of you agree on your space page. Either of you can end their access at any time.</p>`
      : html`<p>When they join, you will both see each other's name in ${space.name}.</p>`
  }
  <p><a href="/spaces/${space.id}">Back to your space</a></p>`;
}

export function joinPage(
  csrf: string,
  code: string,
  preview: { inviterName: string; spaceName: string; role: string; expiresAt: string } | null,
  signedIn: boolean,
  message?: string,
  /** False when the operator closed sign-ups (MEND_SIGNUPS=closed): no way offered that ends at a refusal. */
  signUpsOpen = true,
): SafeHtml {
  if (!preview) {
    return html`<h1>This invitation cannot be used</h1>
    ${errorSummary(undefined, message ?? 'It may have been used already or have expired. Ask the person who invited you for a new one.')}
    <p><a href="/join">Enter a different code</a></p>`;
  }
  const next = `/join/${code}`;
  return html`<h1>${preview.inviterName} invited you to Mend</h1>
  ${errorSummary(undefined, message)}
  <p class="lead">${
    preview.role === 'therapist'
      ? `You are invited as a therapist. You will see what the couple chooses to share only once both partners have agreed.`
      : `Joining lets the two of you work through rebuilding trust together. What you write stays private unless you choose to share it.`
  }</p>
  <p>The invitation is valid until ${formatDate(preview.expiresAt)}.</p>
  ${
    signedIn
      ? html`<form method="post" action="/join/${code}">${csrfField(csrf)}<button type="submit" class="button">Join ${preview.inviterName}</button></form>`
      : signUpsOpen
        ? html`<p class="actions"><a class="button" href="/sign-up?next=${encodeURIComponent(next)}">Create an account to join</a>
        <a class="button button--secondary" href="/sign-in?next=${encodeURIComponent(next)}">Sign in to join</a></p>`
        : html`<p>This Mend is not taking new accounts at the moment. If you have none here yet, please ask the person who runs it.</p>
        <p class="actions"><a class="button" href="/sign-in?next=${encodeURIComponent(next)}">Sign in to join</a></p>`
  }`;
}

export function enterCodePage(details?: Record<string, string>): SafeHtml {
  return html`<h1>Enter your invitation code</h1>
  ${errorSummary(details)}
  <form method="get" action="/join" class="stack">
    ${textField({ name: 'code', label: 'Invitation code', hint: 'It looks like ABCD-EFGH-JKMN-PQRS. Dashes and capitals do not matter.', error: details?.code, autocomplete: 'off', required: true, maxlength: 40 })}
    <button type="submit" class="button">Continue</button>
  </form>`;
}
