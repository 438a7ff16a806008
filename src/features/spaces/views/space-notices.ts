import { html, type SafeHtml } from '../../../platform/web/html.js';
import { dayMonthYear } from '../../../platform/web/dates.js';
import { departureSentence, type Departure } from '../../../platform/web/components/former-partners.js';

function day(iso: string): string {
  return dayMonthYear(iso);
}

/**
 * Notes for everyone in a space: a partner who left, or whose account was deleted (issue #19), in
 * calm words: what happened and when, what stays, and what the person here can do now. (Notes of
 * the kind `partner_deleted_account` were written before migration 0019 and are still shown.)
 */
export function noticesBlock(
  notices: Array<{ kind: string; createdAt: string }>,
  former: readonly Departure[] = [],
  viewer: 'partner' | 'therapist' = 'partner',
): SafeHtml | null {
  if (notices.length === 0 && former.length === 0) return null;
  return html`<section aria-labelledby="notices-heading" class="card notices">
    <h2 id="notices-heading">Changes to this space</h2>
    ${former.map((f) => departureNotice(f, viewer))}
    ${
      notices.length > 0
        ? html`<ul>${notices.map((n) =>
            n.kind === 'partner_deleted_account'
              ? html`<li>On ${day(n.createdAt)} a partner deleted their account. Everything they wrote was removed from Mend, so some entries and shared history are no longer here.</li>`
              : null,
          )}</ul>`
        : null
    }
  </section>`;
}

function departureNotice(f: Departure, viewer: 'partner' | 'therapist'): SafeHtml {
  const deleted = f.accountDeletedAt !== null;
  const they = deleted ? 'they' : f.displayName;
  return html`<div class="departure">
    <p><strong>${departureSentence(f, viewer)}</strong></p>
    <p>${
      deleted
        ? 'Everything reached together stays as it was: an answered question stays answered, an agreement stays agreed, a step reached stays reached. Where their words were, Mend now says they were removed and when; the words themselves are gone from Mend.'
        : `What ${they} shared stays here, and so does everything reached together: the journeys show where each step stands. What ${they} kept private left with them.`
    }</p>
    ${
      viewer === 'partner'
        ? html`<p>You can carry on alone: every step has a part you can do by yourself. Or, whenever you are ready, invite your partner again.</p>`
        : null
    }
  </div>`;
}
