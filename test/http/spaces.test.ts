import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp } from '../support/api-client.js';
import { fixedClock } from '../../src/platform/clock.js';

const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));

describeEachDatabase(
  'spaces and invitations API',
  (get) => {
    test('a partner creates a space, invites, and the other joins; both see each other', async () => {
      const { a, b, spaceId } = await couple(get().app, ['Alex', 'Sam']);
      for (const person of [a, b]) {
        const res = await person.api.get(`/api/v1/spaces/${spaceId}`);
        assert.equal(res.statusCode, 200);
        const names = json(res)
          .space.members.map((m: { displayName: string }) => m.displayName)
          .sort();
        assert.deepEqual(names, ['Alex', 'Sam']);
        assert.ok(json(res).space.members.every((m: { role: string }) => m.role === 'partner'));
        const me = json(await person.api.get('/api/v1/me'));
        assert.deepEqual(
          me.spaces.map((s: { id: string }) => s.id),
          [spaceId],
        );
      }
    });

    test('a space is named "Our space" when no name is given, and long names are refused', async () => {
      const a = await signUp(get().app);
      assert.equal(json(await a.api.post('/api/v1/spaces', {})).space.name, 'Our space');
      assert.equal(json(await a.api.post('/api/v1/spaces')).space.name, 'Our space');
      const long = await a.api.post('/api/v1/spaces', { name: 'x'.repeat(81) });
      assert.equal(long.statusCode, 400);
      assert.ok(json(long).error.details.name);
    });

    test('invitations are single-use: a third account cannot use a used code', async () => {
      const a = await signUp(get().app, 'Ana');
      const b = await signUp(get().app, 'Ben');
      const c = await signUp(get().app, 'Cy');
      const spaceId = json(await a.api.post('/api/v1/spaces', {})).space.id;
      const { code, expiresAt, url } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      assert.equal(expiresAt, '2026-12-02T09:00:00.000Z', 'seven days');
      assert.ok(url.endsWith(`/join/${code}`));
      assert.equal((await b.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      const again = await c.api.post(`/api/v1/invitations/${code}/accept`);
      assert.equal(again.statusCode, 404);
      assert.equal((await c.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404);
    });

    test('codes typed by hand are accepted in any case and without dashes', async () => {
      const a = await signUp(get().app);
      const b = await signUp(get().app);
      const spaceId = json(await a.api.post('/api/v1/spaces', {})).space.id;
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
      const typed = code.replace(/-/g, '').toLowerCase();
      assert.equal((await b.api.post(`/api/v1/invitations/${typed}/accept`)).statusCode, 200);
    });

    test('a full space refuses a third partner, and no new partner invitation can be made', async () => {
      const { a, spaceId } = await couple(get().app);
      const c = await signUp(get().app, 'Cy');
      const more = await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {});
      assert.equal(more.statusCode, 409);
      assert.equal(json(more).error.code, 'space_full');
      assert.equal((await c.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404);
    });

    test('two invitations out at once still give at most two partners', async () => {
      const a = await signUp(get().app);
      const b = await signUp(get().app);
      const c = await signUp(get().app);
      const spaceId = json(await a.api.post('/api/v1/spaces', {})).space.id;
      const first = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code;
      const second = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code;
      const results = await Promise.all([
        b.api.post(`/api/v1/invitations/${first}/accept`),
        c.api.post(`/api/v1/invitations/${second}/accept`),
      ]);
      const statuses = results.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [200, 409]);
      assert.equal(json(results.find((r) => r.statusCode === 409)!).error.code, 'space_full');
      assert.equal(json(await a.api.get(`/api/v1/spaces/${spaceId}`)).space.members.length, 2);
    });

    test('an expired invitation is refused', async () => {
      const a = await signUp(get().app);
      const b = await signUp(get().app);
      const spaceId = json(await a.api.post('/api/v1/spaces', {})).space.id;
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
      clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
      try {
        const res = await b.api.post(`/api/v1/invitations/${code}/accept`);
        assert.equal(res.statusCode, 404);
      } finally {
        clock.set(new Date('2026-11-25T09:00:00Z'));
      }
    });

    test('unknown codes are 404, and one cannot join a space one is already in', async () => {
      const a = await signUp(get().app);
      assert.equal((await a.api.post('/api/v1/invitations/AAAA-BBBB-CCCC-DDDD/accept')).statusCode, 404);
      assert.equal((await a.api.post('/api/v1/invitations/short/accept')).statusCode, 404);
      const spaceId = json(await a.api.post('/api/v1/spaces', {})).space.id;
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
      const own = await a.api.post(`/api/v1/invitations/${code}/accept`);
      assert.equal(own.statusCode, 409);
      assert.equal(json(own).error.code, 'already_member');
    });

    test('leaving: the other partner stays; the last one out deletes the space', async () => {
      const { a, b, spaceId } = await couple(get().app);
      assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
      assert.equal((await b.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404);
      const remaining = json(await a.api.get(`/api/v1/spaces/${spaceId}`)).space.members;
      assert.deepEqual(
        remaining.map((m: { accountId: string }) => m.accountId),
        [a.id],
      );
      assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);
      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404);
    });

    test('a therapist invitation does not give access before consent', async () => {
      const { a, spaceId } = await couple(get().app);
      const t = await signUp(get().app, 'Dr Therapist');
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'pending until both partners consent');
      const members = json(await a.api.get(`/api/v1/spaces/${spaceId}`)).space.members;
      assert.equal(members.length, 2, 'a pending therapist is not listed as a member');
    });
  },
  { clock },
);

describeEachDatabase('access to spaces', (get) => {
  test('a stranger gets 404 and a signed-out caller 401 on every space route', async () => {
    const { spaceId } = await couple(get().app);
    const stranger = await signUp(get().app, 'Stranger');
    const anonymous = new ApiClient(get().app);
    const routes: Array<['GET' | 'POST', string, unknown?]> = [
      ['GET', `/api/v1/spaces/${spaceId}`],
      ['POST', `/api/v1/spaces/${spaceId}/invitations`, {}],
      ['POST', `/api/v1/spaces/${spaceId}/leave`],
    ];
    for (const [method, url, body] of routes) {
      const asStranger = await stranger.api.request(method, url, body);
      assert.equal(asStranger.statusCode, 404, `${method} ${url} as a stranger`);
      assert.equal(json(asStranger).error.code, 'not_found');
      const asAnonymous = await anonymous.request(method, url, body);
      assert.equal(asAnonymous.statusCode, 401, `${method} ${url} signed out`);
      assert.equal(json(asAnonymous).error.code, 'unauthenticated');
    }
    const unknownSpace = await stranger.api.get('/api/v1/spaces/00000000-0000-0000-0000-000000000000');
    assert.deepEqual(
      json(unknownSpace),
      json(await stranger.api.get(`/api/v1/spaces/${spaceId}`)),
      'a hidden space looks exactly like a missing one',
    );
  });

  test('a bad or made-up bearer token is 401', async () => {
    for (const token of ['nonsense', 'x'.repeat(500), '']) {
      const res = await new ApiClient(get().app, token).get('/api/v1/me');
      assert.equal(res.statusCode, 401);
    }
  });

  test('the session cookie is not accepted by the API', async () => {
    const person = await signUp(get().app);
    const res = await get().app.inject({ method: 'GET', url: '/api/v1/me', cookies: { mend_session: person.api.token! } });
    assert.equal(res.statusCode, 401);
  });
});
