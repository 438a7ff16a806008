import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { describeEachDatabase, json, startTestApp } from '../support/app.js';
import { couple, newPerson, ApiClient } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

describeEachDatabase('platform: health, OpenAPI and headers', (get) => {
  test('/healthz and /readyz answer', async () => {
    const { app } = get();
    assert.equal(json(await app.inject({ method: 'GET', url: '/healthz' })).status, 'ok');
    assert.deepEqual(json(await app.inject({ method: 'GET', url: '/readyz' })), { status: 'ready' });
  });

  test('the OpenAPI document describes every API route of the contract', async () => {
    const res = await get().app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = json(res);
    assert.equal(doc.openapi, '3.1.0');
    const expected = [
      'post /api/v1/accounts',
      'post /api/v1/sessions',
      'get /api/v1/sessions',
      'delete /api/v1/sessions/{id}',
      'delete /api/v1/sessions/current',
      'get /api/v1/me',
      'get /api/v1/me/export',
      'delete /api/v1/me',
      'post /api/v1/spaces',
      'get /api/v1/spaces/{spaceId}',
      'post /api/v1/spaces/{spaceId}/invitations',
      'post /api/v1/invitations/{code}/accept',
    ];
    for (const entry of expected) {
      const [method, path] = entry.split(' ') as [string, string];
      assert.ok(doc.paths[path]?.[method], `${entry} is documented`);
    }
    assert.ok(!Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1/')), 'pages are not in the API document');
    const signUp = doc.paths['/api/v1/accounts'].post;
    assert.ok(signUp.requestBody.content['application/json'].schema.properties.email, 'request schema comes from the route');
    assert.ok(signUp.responses['409'], 'error responses are documented');
  });

  test('every list docs/api.md calls paged takes cursor and limit and answers next in the OpenAPI document, and no other does', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const docs = await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const table = docs.slice(docs.indexOf('Paged lists'), docs.indexOf('## The web pages'));
    const documented = [...table.matchAll(/^\| `GET (\/api\/v1\/[^`]+)`/gm)].map((m) => m[1]!);
    assert.ok(documented.includes('/api/v1/sessions') && documented.includes('/api/v1/me/caseload'), 'the table was read');
    for (const path of documented) {
      const get = doc.paths[path]?.get;
      assert.ok(get, `${path} is in the OpenAPI document`);
      const query = (get.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'query')
        .map((p: { name: string }) => p.name)
        .sort();
      // The agreement log is also read a month at a time (issue #24): `month` beside the paging.
      const extra = path === '/api/v1/spaces/{spaceId}/agreement-log' ? ['month'] : [];
      assert.deepEqual(query, ['cursor', 'limit', ...extra].sort(), `${path} takes a cursor and a limit`);
      const ok = get.responses['200'].content['application/json'].schema;
      assert.ok(ok.properties.next, `${path} answers next`);
      assert.ok(ok.required.includes('next'), `${path} always answers next`);
      assert.ok(get.responses['400'], `${path} documents the 400 of a bad cursor`);
    }
    const withCursor = Object.entries(doc.paths as Record<string, { get?: { parameters?: Array<{ in: string; name: string }> } }>)
      .filter(([, item]) => item.get?.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'))
      .map(([path]) => path);
    assert.deepEqual(withCursor.sort(), [...documented].sort(), 'every paged list is in the table of docs/api.md');
  });

  test('pages carry a strict Content-Security-Policy and no inline script or style', async () => {
    const res = await get().app.inject({ method: 'GET', url: '/sign-up' });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    // The web app manifest and the service worker come from Mend itself, never from elsewhere.
    assert.match(csp, /manifest-src 'self'(;|$)/);
    assert.match(csp, /worker-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline scripts');
    assert.doesNotMatch(res.body, /<style|\sstyle=/, 'no inline styles');
    assert.doesNotMatch(res.body, /(src|href)="https?:\/\/(?!www\.wikipedia\.org)/, 'nothing loaded from elsewhere');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
  });

  test('session cookies are HttpOnly and SameSite', async () => {
    const client = new PageClient(get().app);
    await client.get('/sign-up');
    const res = await client.post('/sign-up', { ...newPerson(), timezone: 'UTC' });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const session = cookies.find((c) => c.startsWith('mend_session='))!;
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
  });

  test('static assets are served', async () => {
    const css = await get().app.inject({ method: 'GET', url: '/static/mend.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /text\/css/);
    const js = await get().app.inject({ method: 'GET', url: '/static/quick-exit.js' });
    assert.equal(js.statusCode, 200);
  });
});

test('over HTTPS, cookies are Secure with the __Host- prefix and HSTS is sent', async () => {
  const testApp = await startTestApp('sqlite', { env: { MEND_BASE_URL: 'https://mend.example.org' } });
  try {
    const client = new PageClient(testApp.app);
    await client.get('/sign-up');
    const res = await client.post('/sign-up', { ...newPerson(), timezone: 'UTC' });
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    assert.ok(cookies.some((c) => c.startsWith('__Host-mend_session=') && /Secure/.test(c) && /Path=\//.test(c)));
    assert.ok(res.headers['strict-transport-security']);
  } finally {
    await testApp.close();
  }
});

test('logs carry no emails, names, passwords, tokens or invitation codes', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const testApp = await startTestApp('sqlite', { env: { LOG_LEVEL: 'trace' }, logStream: stream });
  try {
    const { app } = testApp;
    // The production logger configuration; only the level and destination differ.
    const { a, b } = await couple(app, ['Zebediah', 'Philippa']);
    const spaceId = (json(await a.api.get('/api/v1/me')).spaces[0] as { id: string }).id;
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    await new ApiClient(app).post('/api/v1/sessions', { email: a.email, password: 'wrong password entirely' });
    await app.inject({ method: 'GET', url: `/join/${code}` });
    await app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "broken',
    });
    const log = lines.join('');
    assert.ok(log.length > 0, 'something was logged');
    for (const secret of [a.email, b.email, a.password, 'Zebediah', 'Philippa', a.api.token!, b.api.token!, code, code.replace(/-/g, '')]) {
      assert.ok(!log.includes(secret), `the log must not contain ${secret.slice(0, 12)}…`);
    }
    assert.match(log, /"route":"\/join\/:code"/, 'requests are logged by route pattern');
  } finally {
    await testApp.close();
  }
});
