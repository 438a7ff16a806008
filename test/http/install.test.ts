import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * Installable (issue #18, part 4): every page links the web app manifest; the manifest and its
 * icons, and the service worker at the root, are served by Mend itself; the worker caches nothing
 * and shows only fixed words. The database plays no part, so SQLite only.
 */
describe('installing Mend [sqlite]', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp('sqlite');
  });
  after(() => testApp.close());

  const get = (url: string) => testApp.app.inject({ method: 'GET', url });

  /** Width and height from a PNG's IHDR chunk. */
  const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

  test('the manifest names Mend, opens standalone at the start, and its icons are real PNGs of their sizes', async () => {
    const res = await get('/manifest.webmanifest');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/manifest\+json/);
    const manifest = json(res);
    assert.equal(manifest.name, 'Mend');
    assert.equal(manifest.short_name, 'Mend');
    assert.equal(manifest.start_url, '/');
    assert.equal(manifest.scope, '/');
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
    const icons = manifest.icons as Array<{ src: string; sizes: string; type: string; purpose: string }>;
    for (const [sizes, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ])
      assert.ok(
        icons.some((i) => i.sizes === sizes && i.purpose === purpose && i.type === 'image/png'),
        `a ${purpose} icon of ${sizes}`,
      );
    for (const icon of [...icons, { src: '/static/apple-touch-icon.png', sizes: '180x180', type: 'image/png' }]) {
      const image = await get(icon.src);
      assert.equal(image.statusCode, 200, icon.src);
      assert.equal(image.headers['content-type'], icon.type === 'image/png' ? 'image/png' : 'image/svg+xml');
      if (icon.type !== 'image/png') continue;
      const [width, height] = icon.sizes.split('x').map(Number);
      assert.deepEqual(pngSize(image.rawPayload), { width, height }, icon.src);
    }
    assert.doesNotMatch(res.body, /https?:/, 'nothing from elsewhere');
  });

  test('the service worker is served from the root, checked again on every visit, and caches nothing', async () => {
    const res = await get('/sw.js');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    const code = res.body;
    assert.ok(code.includes('Something is waiting for you in Mend.'));
    assert.ok(code.includes('"/notifications"'));
    assert.doesNotMatch(
      code,
      /caches|"fetch"|'fetch'|\bfetch\(|importScripts|indexedDB|\.data\b/,
      'no cache, no fetch handler, no reading of what a push carries',
    );
  });

  test('every page links the manifest and a home-screen icon, signed in or not', async () => {
    const person = await signUp(testApp.app);
    const pages = new PageClient(testApp.app);
    for (const url of ['/', '/sign-in', '/about/privacy']) {
      const page = await pages.get(url);
      assert.ok(page.body.includes('<link rel="manifest" href="/manifest.webmanifest">'), url);
      assert.match(page.body, /<link rel="apple-touch-icon" href="\/static\/apple-touch-icon\.[0-9a-f]{12}\.png">/, url);
    }
    await pages.get('/sign-in');
    await pages.post('/sign-in', { email: person.email, password: person.password });
    for (const url of ['/', '/notifications', '/account']) {
      const page = await pages.get(url);
      assert.equal(page.statusCode, 200, url);
      assert.ok(page.body.includes('<link rel="manifest" href="/manifest.webmanifest">'), url);
    }
  });
});
