/**
 * The header's unread count, kept current on a page with no space stream (issue #18): listens to
 * the person's own stream and draws the count again when their notifications change (one written
 * for them, some read in another tab). Without JavaScript the count is the one drawn with the page.
 */
import { refreshUnread } from './_unread.js';

if (document.getElementById('notifications-link') && 'EventSource' in window) {
  const source = new EventSource('/live');
  source.addEventListener('unread', refreshUnread);
  // A comfort: once this stream is lost (a restart, a sign-out elsewhere) it is let go rather
  // than retried, and the next page draws the count anyway.
  source.addEventListener('error', () => source.close());
  window.addEventListener('pagehide', () => source.close());
}
