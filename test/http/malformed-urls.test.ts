import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';

// Found by the OpenAPI fuzzer (test/reliability/openapi-fuzz.test.ts): a broken percent-escape or
// a path segment over Fastify's length limit was answered before routing in Fastify's own shape
// (`{"error": "Bad Request", "code": "FST_ERR_…"}`, even for pages), not in Mend's.
describeEachDatabase('URLs refused before routing', (get) => {
  test('broken escapes and overlong segments get a 400 in the API error shape, and an error page on pages', async () => {
    const { app } = get();
    const { a } = await couple(app);
    for (const url of [
      '/api/v1/spaces/%',
      '/api/v1/journeys/%E0%A4%A/entries',
      '/api/v1/agreements/%ud800',
      `/api/v1/spaces/${'z'.repeat(300)}/progress`,
    ]) {
      const res = await a.api.get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 120)}`);
      const body = json(res);
      assert.equal(body.error.code, 'invalid_input', url);
      assert.equal(typeof body.error.message, 'string');
      assert.ok(!res.body.includes('FST_ERR'), url);
    }
    for (const url of ['/journeys/%E0%A4%A', `/spaces/${'z'.repeat(300)}/progress`]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 400, url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.ok(!res.body.includes('FST_ERR'), url);
    }
  });

  test('pages and answers refused before routing carry the same security headers as every other response', async () => {
    const { app } = get();
    const ordinary = await app.inject({ method: 'GET', url: '/no-such-page' });
    const names = [
      'content-security-policy',
      'x-frame-options',
      'x-content-type-options',
      'cache-control',
      'referrer-policy',
      'permissions-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'x-dns-prefetch-control',
      'x-permitted-cross-domain-policies',
    ];
    for (const name of names) assert.ok(ordinary.headers[name], `an ordinary response has ${name}`);
    // The values helmet gives for Mend's settings, read once at start (plugins/security-headers.ts).
    assert.equal(
      ordinary.headers['content-security-policy'],
      "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';manifest-src 'self';worker-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'",
    );
    assert.equal(ordinary.headers['x-content-type-options'], 'nosniff');
    assert.equal(ordinary.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(ordinary.headers['referrer-policy'], 'no-referrer');
    assert.equal(ordinary.headers['cache-control'], 'no-store');
    // A route's own Cache-Control stands: static files are cached for an hour.
    const asset = await app.inject({ method: 'GET', url: '/static/live.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=3600');
    assert.equal(asset.headers['content-security-policy'], ordinary.headers['content-security-policy']);
    for (const url of ['/journeys/%E0%A4%A', `/spaces/${'z'.repeat(300)}/progress`, '/api/v1/spaces/%']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 400, url);
      for (const name of names) assert.equal(res.headers[name], ordinary.headers[name], `${url}: ${name}`);
    }
  });
});
