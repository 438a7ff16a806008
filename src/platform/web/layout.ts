import { html, type SafeHtml } from './html.js';
import { assetUrl } from './assets.js';

export interface LayoutViewer {
  displayName: string;
  /** Their unread notifications, shown beside the link (issue #18); nothing when 0. */
  unread?: number;
}

/**
 * The header's link to the notifications, with the unread count: a screen reader hears
 * "Notifications, 3 unread", the eye sees a small badge; nothing is added at 0. The `unread`
 * island swaps in a fresh copy (`GET /live/unread`) when the count moves.
 */
export function notificationsLink(unread: number, current = false): SafeHtml {
  const n = Math.max(0, Math.floor(unread));
  const shown = n > 99 ? '99+' : String(n);
  // The name starts with the visible word, so voice control finds the link by what it shows.
  return html`<a href="/notifications" id="notifications-link" data-unread="${n}"${n > 0 ? html` aria-label="Notifications, ${n} unread"` : null}${
    current ? html` aria-current="page"` : null
  }>Notifications${n > 0 ? html`<span class="unread-badge" aria-hidden="true">${shown}</span>` : null}</a>`;
}

export interface LayoutSpace {
  id: string;
  name: string;
  partnerNames: string[];
  /** The viewer is this space's therapist: the header leads back to their caseload, "Your couples". */
  therapist?: boolean;
}

/** The island of space streams; it keeps the header's count too, so such a page needs no `unread` island. */
const LIVE_SCRIPT = '/static/live.js';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  quickExitUrl: string;
  viewer?: LayoutViewer | null;
  space?: LayoutSpace | null;
  csrfToken?: string | null;
  /** Extra page scripts (module files under /static), loaded after the shared ones. */
  scripts?: string[];
  /** The current path, so the header can mark the link to this very page (`aria-current`). */
  path?: string;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the space's name already says who is in it ("Alex & Sam", "Sam and Alex's space"):
 * every partner's name appears in it as a whole word, ignoring case. Then the header does not
 * repeat the names beside it.
 */
export function spaceNamedAfterPartners(spaceName: string, partnerNames: readonly string[]): boolean {
  const name = spaceName.normalize('NFC').toLocaleLowerCase();
  const words = partnerNames.map((p) => p.normalize('NFC').toLocaleLowerCase().trim()).filter((p) => p !== '');
  if (words.length === 0) return false;
  return words.every((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeForRegExp(w)}($|[^\\p{L}\\p{N}])`, 'u').test(name));
}

/**
 * The shell around every page: quick exit first in keyboard order, a skip link, the space in the
 * header, one main column. No inline script or style anywhere (the CSP forbids both). Quick exit
 * is a form, so that it signs out and leaves without JavaScript too (features/safety/quick-exit-pages.ts).
 */
export function layout(options: PageOptions): SafeHtml {
  const { viewer, space, csrfToken } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Mend</title>
<link rel="stylesheet" href="${assetUrl('/static/mend.css')}">
<link rel="icon" href="${assetUrl('/static/favicon.svg')}" type="image/svg+xml">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="apple-touch-icon" href="${assetUrl('/static/apple-touch-icon.png')}">
<meta name="theme-color" content="#ffffff">
<script type="module" src="${assetUrl('/static/shell.js')}"></script>
${viewer && !options.scripts?.includes(LIVE_SCRIPT) ? html`<script type="module" src="${assetUrl('/static/unread.js')}"></script>` : null}
${(options.scripts ?? []).map((src) => html`<script type="module" src="${assetUrl(src)}"></script>`)}
</head>
<body>
<form class="quick-exit-form" method="post" action="/quick-exit" data-leave-to="${options.quickExitUrl}"><button type="submit" class="quick-exit" data-quick-exit>Quick exit</button></form>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="site-header__inner">
    <a class="brand" href="/">Mend</a>
    ${
      space
        ? html`<p class="site-header__space">${space.therapist ? html`<a href="/caseload">Your couples</a> › ` : null}<a href="/spaces/${space.id}"${options.path === `/spaces/${space.id}` ? html` aria-current="page"` : null}>${space.name}</a>${
            space.partnerNames.length > 0 && !spaceNamedAfterPartners(space.name, space.partnerNames)
              ? html`<span class="site-header__people"> · ${space.partnerNames.join(' & ')}</span>`
              : null
          }</p>`
        : null
    }
    ${
      viewer
        ? html`<nav class="site-nav" aria-label="Account">
          ${notificationsLink(viewer.unread ?? 0, options.path === '/notifications')}
          <a href="/account">${viewer.displayName}</a>
          ${
            csrfToken
              ? html`<form method="post" action="/sign-out" class="inline-form">
                <input type="hidden" name="_csrf" value="${csrfToken}">
                <button type="submit" class="link-button">Sign out</button>
              </form>`
              : null
          }
        </nav>`
        : html`<nav class="site-nav" aria-label="Account"><a href="/sign-in">Sign in</a></nav>`
    }
  </div>
</header>
<main id="main" class="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
  <p>Mend keeps what you write private unless you choose to share it. <a href="/about/privacy">How privacy works</a> · <a href="/support">Support if you feel unsafe</a></p>
</footer>
</body>
</html>`;
}
