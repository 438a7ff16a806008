import type { MendError } from '../../errors.js';
import { html, type SafeHtml } from '../html.js';
import { layout, type LayoutViewer } from '../layout.js';

const TITLES: Partial<Record<string, string>> = {
  not_found: 'Page not found',
  unauthenticated: 'Please sign in',
  forbidden: 'Not available to you',
  csrf_failed: 'Please try that again',
  rate_limited: 'Please wait a moment',
  internal: 'Something went wrong',
};

export function renderErrorPage(options: { error: MendError; quickExitUrl: string; viewer: LayoutViewer | null }): SafeHtml {
  const { error } = options;
  const title = TITLES[error.code] ?? 'There is a problem';
  return layout({
    title,
    quickExitUrl: options.quickExitUrl,
    viewer: options.viewer,
    body: html`<h1>${title}</h1>
      <p>${error.message}</p>
      ${error.code === 'unauthenticated' ? html`<p><a class="button" href="/sign-in">Sign in</a></p>` : html`<p><a href="/">Go to your home page</a></p>`}`,
  });
}
