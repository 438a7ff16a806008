/**
 * The web app manifest: what a phone needs to put Mend on its home screen and open it like an app
 * (standalone, without the browser's address bar). Calm colours from the stylesheet (00-base.css):
 * the paper behind the splash screen, the card white of the header for the system bar. Icons are
 * drawn from favicon.svg by scripts/make-icons.mjs. Nothing in it is about anyone.
 */
export const THEME_COLOR = '#ffffff';
export const BACKGROUND_COLOR = '#fbf8f3';

export function webAppManifest(): Record<string, unknown> {
  return {
    id: '/',
    name: 'Mend',
    short_name: 'Mend',
    description: 'A calm place for a couple to rebuild trust, at their own pace.',
    lang: 'en',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: BACKGROUND_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: '/static/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/static/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/static/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/static/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
