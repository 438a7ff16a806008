import { AUTOMATIC } from '../automatic.js';

/**
 * Draws the header's unread count again (issue #18): the link is fetched as the server draws it —
 * words, badge and all — and swapped in. Shared by the `live` island (a page with a space stream,
 * where the person's own `unread` events ride along) and the `unread` island (any other page), so
 * a page loads one of the two, never both (platform/web/layout.ts).
 */
export const refreshUnread = (): void =>
  void (async () => {
    const link = document.getElementById('notifications-link');
    if (!link) return;
    const response = await fetch('/live/unread', { credentials: 'same-origin', headers: { Accept: 'text/html', [AUTOMATIC]: '1' } });
    if (!response.ok) return void response.body?.cancel();
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').body.firstElementChild;
    if (!fresh) return;
    if (link.hasAttribute('aria-current')) fresh.setAttribute('aria-current', 'page');
    link.replaceWith(fresh);
  })().catch(() => undefined);
