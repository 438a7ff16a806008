/**
 * The header's unread count, kept current (issue #18). When the person's notifications change (one
 * written for them, some read in another tab), the link is fetched again as the server draws it —
 * words, badge and all — and swapped in. A page with a space stream gets the signal from the `live`
 * island; any other page listens to the account's own stream. Without JavaScript the count is the
 * one drawn with the page.
 */
import { AUTOMATIC } from '../automatic.js';
import { UNREAD_MOVED } from './_unread.js';

const refresh = async (): Promise<void> => {
  const link = document.getElementById('notifications-link');
  if (!link) return;
  const response = await fetch('/live/unread', { credentials: 'same-origin', headers: { Accept: 'text/html', [AUTOMATIC]: '1' } });
  if (!response.ok) return void response.body?.cancel();
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('notifications-link');
  if (!fresh) return;
  if (link.hasAttribute('aria-current')) fresh.setAttribute('aria-current', 'page');
  if (fresh.outerHTML !== link.outerHTML) link.replaceWith(fresh);
};
const later = (): void => void refresh().catch(() => undefined);

if (document.getElementById('notifications-link') && 'EventSource' in window) {
  document.addEventListener(UNREAD_MOVED, later);
  if (!document.querySelector('[data-live-space][data-live-fragment]')) {
    // A comfort: once this stream is lost (a restart, a sign-out elsewhere) it is let go rather
    // than retried, and the next page draws the count anyway.
    const source = new EventSource('/live');
    source.addEventListener('unread', later);
    source.addEventListener('error', () => source.close());
    window.addEventListener('pagehide', () => source.close());
  }
}
