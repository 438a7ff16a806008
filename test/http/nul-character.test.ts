import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

// Found by the OpenAPI fuzzer (test/reliability/openapi-fuzz.test.ts): PostgreSQL refuses a NUL
// character in text, so an id, an email or a query holding one gave a 500 there while SQLite
// answered 404 or 400. Both databases now answer alike, before any handler runs.
describeEachDatabase('a NUL character in a request', (get) => {
  test('in a path id names nothing (404), on API routes and pages', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    for (const url of [
      '/api/v1/journeys/%00',
      '/api/v1/entries/%00',
      `/api/v1/spaces/%00/meetings`,
      `/api/v1/spaces/${spaceId}/therapists/%00`,
      '/api/v1/spaces/a%00b/monthly-reviews/2026-11',
    ]) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
        const res = await a.api.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
        assert.ok(res.statusCode === 404 || res.statusCode === 405, `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (res.statusCode === 404) assert.equal(json(res).error.code, 'not_found');
      }
    }
    const pages = new PageClient(app);
    await pages.get('/sign-in');
    await pages.post('/sign-in', { email: a.email, password: a.password });
    for (const url of ['/journeys/%00', '/spaces/%00', `/spaces/${spaceId}%00/progress`]) {
      assert.equal((await pages.get(url)).statusCode, 404, url);
    }
  });

  test('in a body or a query is invalid input (400), never a 500', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const cases = [
      await a.api.post('/api/v1/me/notifications/read', { id: '\u0000' }),
      await new ApiClient(app).post('/api/v1/sessions', { email: 'someone\u0000@example.org', password: 'quiet harbour lantern meadow' }),
      await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
        kind: 'lying',
        brokeTrust: [a.id],
        description: { text: 'a\u0000b', visibility: 'private' },
      }),
      await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=%00`),
      await a.api.get('/api/v1/support?country=U%00'),
    ];
    for (const res of cases) {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(json(res).error.code, 'invalid_input');
    }
  });
});
