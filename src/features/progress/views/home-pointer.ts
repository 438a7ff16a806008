import { html, type SafeHtml } from '../../../platform/web/html.js';

/**
 * One line on the space home when the progress page has something worth talking about for this
 * viewer (issue #20). It names no flag and quotes nothing: the flags are the viewer's own copy
 * (a flag drawn from private notes is only ever in its owner's), and the page says what they are.
 */
export function redFlagPointer(spaceId: string, flags: number): SafeHtml | null {
  if (flags <= 0) return null;
  return html`<p class="notice notice--gentle progress-pointer"><a href="/spaces/${spaceId}/progress#h-flags">${flags === 1 ? 'Something' : 'A few things'} on the progress page may be worth talking about.</a></p>`;
}
