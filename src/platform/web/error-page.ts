import type { MendError } from '../errors.js';
import { html, type SafeHtml } from './html.js';
import { layout, type LayoutViewer } from './layout.js';

const TITLES: Partial<Record<string, string>> = {
  not_found: 'Page not found',
  unauthenticated: 'Please sign in',
  forbidden: 'Not available to you',
  csrf_failed: 'Please try that again',
  rate_limited: 'Please wait a moment',
  internal: 'Something went wrong',
  unavailable: 'Please try again in a moment',
};

/**
 * `formSent`: the page answers a form. When the database was out of reach, the words may not have
 * been saved, and they are still in the form one step back (browsers restore what was typed on
 * Back, even for Mend's no-store pages), so the page says so rather than echoing the text here.
 */
export function renderErrorPage(options: {
  error: MendError;
  quickExitUrl: string;
  viewer: LayoutViewer | null;
  formSent?: boolean;
}): SafeHtml {
  const { error } = options;
  const title = TITLES[error.code] ?? 'There is a problem';
  return layout({
    title,
    quickExitUrl: options.quickExitUrl,
    viewer: options.viewer,
    body: html`<h1>${title}</h1>
      <p>${error.message}</p>
      ${error.code === 'unavailable' && options.formSent ? html`<p>What you wrote is still in the form: use your browser's Back button to find it. Send it again once you have checked that it is not already saved.</p>` : ''}
      ${error.code === 'unauthenticated' ? html`<p><a class="button" href="/sign-in">Sign in</a></p>` : html`<p><a href="/">Go to your home page</a></p>`}`,
  });
}
