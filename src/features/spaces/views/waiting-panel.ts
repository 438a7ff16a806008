import { html, type SafeHtml } from '../../../platform/web/html.js';
import { waitingWords, type WaitingItem } from '../../../core/waiting/waiting.js';

/**
 * The space events after which what waits on a partner may have changed; `unread` is the
 * person's own signal (a notification came or was read), which also covers a sealed half the
 * partner wrote — that makes no space event while the pair is closed.
 */
const LIVE_ON = 'unread checkin agreement agreement_log apology journey_entry entries_revealed reassurance_requested reassurance_answered';

/**
 * "Waiting for you" at the top of a partner's space home (issue #18): each thing with one link,
 * in fixed words that name the partner and never quote anyone. Drawn the same by the page and by
 * its live fragment. Empty, it says so in one calm line.
 */
export function waitingPanel(o: { spaceId: string; partnerName: string | null; items: readonly WaitingItem[] }): SafeHtml {
  const partner = o.partnerName ?? 'Your partner';
  // Two of a kind (two calls for reassurance, the occasions of two agreements) are numbered, so no
  // two links read the same; the occasions of one agreement are already one line, with their count.
  const words = (i: WaitingItem): string => {
    const same = o.items.filter((j) => j.kind === i.kind);
    const said = waitingWords(i.kind, partner, i.count);
    return same.length > 1 ? `${said}, ${same.indexOf(i) + 1} of ${same.length}` : said;
  };
  return html`<section class="waiting-panel" id="waiting" aria-labelledby="waiting-heading" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/waiting" data-live-on="${LIVE_ON}">
    <h2 id="waiting-heading">Waiting for you</h2>
    ${
      o.items.length === 0
        ? html`<p>Nothing is waiting for you.</p>`
        : html`<ul>
        ${o.items.map((i) => html`<li data-waiting="${i.kind}"><a href="${i.href}">${words(i)}</a></li>`)}
      </ul>`
    }
  </section>`;
}
