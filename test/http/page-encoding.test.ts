import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describeEachDatabase } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * Issue #24: Mend compresses its pages itself, so a phone on a slow connection waits for a
 * fraction of the bytes even with no compressing proxy in front: brotli when the browser accepts
 * it, else gzip, the page as it is otherwise; the same HTML once decoded.
 */
describeEachDatabase('pages compressed', (get) => {
  test('a core page is sent in brotli or gzip as accepted, the same page decoded, and plain otherwise', async () => {
    const app = get().app;
    const s = await couple(app, ['Alex', 'Sam']);
    const client = new PageClient(app);
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email: s.a.email, password: s.a.password })).statusCode, 303);
    const url = `/spaces/${s.spaceId}/check-in`;
    const as = (acceptEncoding: string | undefined) =>
      app.inject({
        method: 'GET',
        url,
        cookies: client.cookies,
        headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      });
    // The CSRF token and the forms' idempotency keys differ on every page: compared without them.
    const withoutToken = (page: string) => page.replace(/name="(_csrf|_idempotency)" value="[^"]+"/g, 'name="$1" value=""');

    const plain = await as(undefined);
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers.vary), /Accept-Encoding/);
    assert.match(plain.body, /^<!doctype html>/);

    const brotli = await as('gzip, deflate, br, zstd');
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.match(String(brotli.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(String(brotli.headers.vary), /Accept-Encoding/);
    assert.equal(Number(brotli.headers['content-length']), brotli.rawPayload.length);
    assert.ok(brotli.rawPayload.length < plain.rawPayload.length / 3, `${brotli.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    assert.equal(withoutToken(brotliDecompressSync(brotli.rawPayload).toString('utf8')), withoutToken(plain.body));

    const gzip = await as('gzip, deflate');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(withoutToken(gunzipSync(gzip.rawPayload).toString('utf8')), withoutToken(plain.body));

    for (const refused of ['identity', 'br;q=0, gzip;q=0, *', 'deflate']) {
      const res = await as(refused);
      assert.equal(res.headers['content-encoding'], undefined, `Accept-Encoding: ${refused}`);
      assert.equal(withoutToken(res.body), withoutToken(plain.body));
    }
  });
});
