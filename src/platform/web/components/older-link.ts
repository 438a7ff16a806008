import { html, type SafeHtml } from '../html.js';

/** Where a page of a growing history sits: the link to older items, and back to the newest when not on the first page. */
export interface HistoryPaging {
  /** The address of the next older page; null when nothing older is left. */
  older: string | null;
  /** The address of the newest page when this is an older one; null on the newest page. */
  newest: string | null;
}

export const NEWEST_PAGE: HistoryPaging = { older: null, newest: null };

/** Plain links, so older items can be read without JavaScript. */
export function historyLinks(paging: HistoryPaging, olderLabel: string): SafeHtml | null {
  if (!paging.older && !paging.newest) return null;
  return html`<nav class="history-links cluster" aria-label="More of this history">
    ${paging.newest ? html`<a href="${paging.newest}">Back to the newest</a>` : null}
    ${paging.older ? html`<a href="${paging.older}" rel="next">${olderLabel}</a>` : null}
  </nav>`;
}
