import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describeEachDatabase } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { PageClient } from '../support/browser-less.js';

/**
 * Pages ask for their stylesheet and scripts by content-hashed names, which are sent as immutable
 * for a year (issue #24): a daily visitor's browser takes them from its cache without asking the
 * server again, so a slow network does not hold up the page's first paint. A plain name still works
 * (a page a browser kept from before may ask for it), with the short cache. Needs `npm run build`.
 */

const HASHED = /^\/static\/[a-z0-9-]+\.([0-9a-f]{12})\.(css|js|svg|png)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const assetsOf = (html: string) => [
  ...[...html.matchAll(/<link rel="(?:stylesheet|icon|apple-touch-icon)" href="([^"]+)"/g)].map((m) => m[1]!),
  ...[...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!),
];

describeEachDatabase('static assets by hashed names', (get) => {
  test('a page’s stylesheet and scripts are hashed names, immutable for a year, each name its content’s hash', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const signedIn = await pagesAs(app, a);
    const pages = [
      (await new PageClient(app).get('/sign-in')).body,
      (await signedIn.get(`/spaces/${spaceId}`)).body,
      (await signedIn.get(`/spaces/${spaceId}/check-in`)).body,
      (await signedIn.get(`/spaces/${spaceId}/agreement-log`)).body,
    ];
    const urls = new Set(pages.flatMap(assetsOf));
    assert.ok(
      [...urls].some((u) => /^\/static\/mend\.[0-9a-f]{12}\.css$/.test(u)),
      'the stylesheet is among them',
    );
    assert.ok(
      [...urls].some((u) => /^\/static\/coach\.[0-9a-f]{12}\.js$/.test(u)),
      'and a page’s own island',
    );
    for (const url of urls) {
      const name = HASHED.exec(url);
      assert.ok(name, `${url} is a hashed name`);
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], IMMUTABLE, url);
      const digest = crypto.createHash('sha256').update(res.rawPayload).digest('hex').slice(0, 12);
      assert.equal(name[1], digest, `${url}: the name is the hash of what is sent, so new content is a new name`);
    }
  });

  test('the plain names of an older page still work, with the short cache; a made-up hash is not found', async () => {
    const { app } = get();
    for (const url of ['/static/mend.css', '/static/quick-exit.js', '/static/favicon.svg']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600', url);
    }
    const made = await app.inject({ method: 'GET', url: '/static/mend.0123456789ab.css' });
    assert.equal(made.statusCode, 404);
    assert.notEqual(made.headers['cache-control'], IMMUTABLE, 'a miss is never cached for a year');
  });
});
