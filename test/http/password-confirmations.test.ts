import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded, type Response } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Every password typed inside a signed-in session goes through one check, limited per account
 * like sign-in: someone holding an unlocked phone cannot keep guessing, on any of the forms that
 * ask for it, and once the limit is reached even the right password waits.
 */
describeEachDatabase('password confirmations are rate limited', (get) => {
  const limited = (res: Response, what: string) => {
    assert.equal(res.statusCode, 429, `${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.ok(Number(res.headers['retry-after']) > 0, `${what}: Retry-After`);
  };

  test('wrong guesses on every form count together; then nothing gets through, the partner is untouched', async () => {
    const { a, b, spaceId } = await couple(get().app);
    const therapist = await signUp(get().app, 'Dr Okafor');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    await succeeded(therapist.api.post(`/api/v1/invitations/${code}/accept`), 'therapist joins');
    const consent = `/api/v1/spaces/${spaceId}/therapists/${therapist.id}/consent`;
    const pages = await pagesAs(get().app, a);

    const guesses: Array<() => Promise<Response>> = [
      () => a.api.post('/api/v1/sessions/current/reauthenticate', { password: 'guess one two three' }),
      () => a.api.delete('/api/v1/me', { password: 'guess four five six' }),
      () => a.api.put('/api/v1/me/password', { currentPassword: 'guess seven eight', newPassword: 'a brand new lantern orchard' }),
      () => a.api.post(consent, { password: 'guess nine ten eleven' }),
      () => a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: 'guess fifteen' }),
      async () => (await pages.get(`/spaces/${spaceId}/leave`), pages.post(`/spaces/${spaceId}/leave`, { password: 'guess sixteen' })),
      async () => (await pages.get('/account/export'), pages.post('/account/export', { password: 'guess twelve', format: 'json' })),
      async () => (await pages.get('/account/delete'), pages.post('/account/delete', { password: 'guess thirteen' })),
      async () => (
        await pages.get('/account/password'),
        pages.post('/account/password', { currentPassword: 'guess fourteen', newPassword: 'a brand new lantern orchard' })
      ),
    ];
    let first429: Response | null = null;
    for (let i = 0; i < 30 && !first429; i++) {
      const res = await guesses[i % guesses.length]!();
      if (res.statusCode === 429) first429 = res;
      else assert.ok([400, 403].includes(res.statusCode), `a wrong password is refused: ${res.statusCode}`);
    }
    assert.ok(first429, 'wrong passwords are limited');

    // Now even the right password waits, on every form.
    limited(await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password }), 'reauthenticate');
    limited(await a.api.delete('/api/v1/me', { password: a.password }), 'delete');
    limited(
      await a.api.put('/api/v1/me/password', { currentPassword: a.password, newPassword: 'a brand new lantern orchard' }),
      'change password',
    );
    limited(await a.api.post(consent, { password: a.password }), 'therapist consent');
    limited(await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password }), 'leave');
    await pages.get(`/spaces/${spaceId}/leave`);
    const leavePage = await pages.post(`/spaces/${spaceId}/leave`, { password: a.password });
    limited(leavePage, 'leave page');
    assert.match(leavePage.body, /too many tries for now/);
    const partners = json(await b.api.get(`/api/v1/spaces/${spaceId}`)).space.members.filter((m: { role: string }) => m.role === 'partner');
    assert.equal(partners.length, 2, 'nobody left the space');
    await pages.get('/account/export');
    const exportPage = await pages.post('/account/export', { password: a.password, format: 'json' });
    limited(exportPage, 'export page');
    assert.match(exportPage.body, /too many tries for now/);
    await pages.get('/account/delete');
    limited(await pages.post('/account/delete', { password: a.password }), 'delete page');
    await pages.get('/account/password');
    limited(
      await pages.post('/account/password', { currentPassword: a.password, newPassword: 'a brand new lantern orchard' }),
      'password page',
    );

    assert.equal((await a.api.get('/api/v1/me')).statusCode, 200, 'the account is still there, its session too');
    assert.equal(
      (await b.api.post('/api/v1/sessions/current/reauthenticate', { password: b.password })).statusCode,
      204,
      "the partner's own check is untouched",
    );
  });

  test('the OpenAPI document names every 429 and the password operations', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const limited: Array<[string, string]> = [
      ['post', '/api/v1/sessions'],
      ['post', '/api/v1/sessions/current/reauthenticate'],
      ['delete', '/api/v1/me'],
      ['put', '/api/v1/me/password'],
      ['post', '/api/v1/spaces/{spaceId}/therapists/{therapistId}/consent'],
      ['post', '/api/v1/spaces/{spaceId}/leave'],
      ['post', '/api/v1/password-resets'],
      ['post', '/api/v1/password-resets/{token}'],
    ];
    for (const [method, path] of limited) {
      const operation = doc.paths[path]?.[method];
      assert.ok(operation, `${method} ${path} is documented`);
      assert.ok(operation.responses['429'], `${method} ${path} documents 429`);
    }
    assert.ok(doc.paths['/api/v1/password-resets'].post.responses['202']);
    assert.ok(doc.paths['/api/v1/me/password'].put.responses['204']);
  });
});
