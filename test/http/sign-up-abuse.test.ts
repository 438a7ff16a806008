import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, newPerson } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

const signUpFrom = (app: FastifyInstance, address: string, person = newPerson()) =>
  app.inject({ method: 'POST', url: '/api/v1/accounts', remoteAddress: address, payload: { ...person, timezone: 'UTC' } });

describeEachDatabase(
  'sign-up is limited per address',
  (get) => {
    test('over the limit the API answers 429 with Retry-After, creates nothing, and other addresses go on', async () => {
      const { app } = get();
      for (let i = 0; i < 3; i += 1) assert.equal((await signUpFrom(app, '203.0.113.7')).statusCode, 201);
      const person = newPerson();
      const refused = await signUpFrom(app, '203.0.113.7', person);
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(json(refused).error.code, 'rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After in seconds');
      const signIn = await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password });
      assert.equal(signIn.statusCode, 401, 'no account was made');
      assert.equal((await signUpFrom(app, '198.51.100.4')).statusCode, 201, 'another address is not affected');
      const described = json(await app.inject({ method: 'GET', url: '/api/openapi.json' })).paths['/api/v1/accounts'].post.responses['429'];
      assert.ok(described.headers['Retry-After'], 'the OpenAPI document names the 429 and its Retry-After');
    });

    test('failed attempts count too, and the page says calmly when to try again, keeping what was typed', async () => {
      const { app } = get();
      for (let i = 0; i < 3; i += 1)
        assert.equal((await signUpFrom(app, '203.0.113.9', { ...newPerson(), password: 'short' })).statusCode, 400);
      const page = await app.inject({ method: 'GET', url: '/sign-up', remoteAddress: '203.0.113.9' });
      const csrfCookie = String(page.headers['set-cookie']).split(';')[0]!;
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const person = newPerson('Robin');
      const res = await app.inject({
        method: 'POST',
        url: '/sign-up',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
        payload: new URLSearchParams({ _csrf: token, ...person, timezone: 'UTC' }).toString(),
      });
      assert.equal(res.statusCode, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.match(res.body, /pausing new ones for a while\. Please try again in \d+ minutes/);
      assert.ok(res.body.includes(person.email), 'the email typed is kept');
      assert.equal(String(res.headers['set-cookie'] ?? '').includes('mend_session'), false, 'not signed in');
    });
  },
  { env: { MEND_SIGN_UP_PER_HOUR: '3' } },
);

describeEachDatabase('sign-in renews the CSRF secret; names cannot reorder a page', (get) => {
  test('the CSRF secret a browser had before signing in is replaced, and its tokens stop working', async () => {
    const { app } = get();
    const { a } = await couple(app);
    const client = new PageClient(app);
    await client.get('/sign-in');
    const before = client.cookies.mend_csrf;
    const oldToken = client.csrf();
    assert.ok(before);
    const signedIn = await client.post('/sign-in', { email: a.email, password: a.password });
    assert.equal(signedIn.statusCode, 303);
    assert.ok(client.cookies.mend_csrf && client.cookies.mend_csrf !== before, 'a new secret at sign-in');
    const forged = await client.post('/spaces', { name: 'Planted', _csrf: oldToken }, { withCsrf: false });
    assert.equal(forged.statusCode, 403, 'a token made for the planted secret is refused');
    await client.get('/account');
    assert.equal((await client.post('/spaces', { name: 'Ours' })).statusCode, 303, 'the new secret works');

    const signUpClient = new PageClient(app);
    await signUpClient.get('/sign-up');
    const plantedAtSignUp = signUpClient.cookies.mend_csrf;
    assert.equal((await signUpClient.post('/sign-up', { ...newPerson(), timezone: 'UTC' })).statusCode, 303);
    assert.notEqual(signUpClient.cookies.mend_csrf, plantedAtSignUp, 'and at sign-up');
  });

  test('names with direction controls are refused at sign-up, in settings and for a space, beside the field', async () => {
    const { app } = get();
    for (const ch of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C']) {
      const res = await new ApiClient(app).post('/api/v1/accounts', { ...newPerson(), displayName: `Sam${ch}evil`, timezone: 'UTC' });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(json(res).error.details.displayName, /direction marks/);
    }
    const { a } = await couple(app);
    const space = await a.api.post('/api/v1/spaces', { name: 'Us\u202Eevil' });
    assert.equal(space.statusCode, 400);
    assert.ok(json(space).error.details.name);
    const pages = await pagesAs(app, a);
    await pages.get('/account/settings');
    const settings = await pages.post('/account/settings', { displayName: 'Alex\u2067x', timezone: 'UTC', country: '' });
    assert.equal(settings.statusCode, 400);
    assert.match(settings.body, /direction marks/);
  });

  test('text someone wrote cannot leave an override open on the partner’s page', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const note = 'CANARY\u202Eredro';
    const asked = await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: note, visibility: 'shared' } });
    assert.equal(asked.statusCode, 201, asked.body);
    const page = await (await pagesAs(app, b)).get(`/spaces/${spaceId}/reassurance`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`${note}\u202C`), 'the override is closed right after the note');
    assert.equal(page.body.split('\u202E').length, page.body.split('\u202C').length, 'every override on the page is closed');
  });
});
