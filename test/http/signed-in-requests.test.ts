import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { describeEachDatabase, json, type TestApp } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * A signed-in request reads its session and account in one query, opens the email and name only
 * when they are used (remembering what a stored value opened to), and skips the therapist log's
 * membership read for accounts that are nobody's therapist. None of that may let a change, a
 * revocation or a deletion go unseen — on this server or on a second one over the same database.
 */

/** A second app over the same database and keys, as a second server behind a load balancer. */
async function withSecondServer(get: () => TestApp, body: (other: FastifyInstance) => Promise<void>): Promise<void> {
  const other = await buildApp(get().config);
  await other.ready();
  try {
    await body(other);
  } finally {
    await other.close();
  }
}

const on = (app: FastifyInstance, person: Person): ApiClient => new ApiClient(app, person.api.token);
const me = async (client: ApiClient) => json(await client.get('/api/v1/me')).account as { displayName: string; email: string };

describeEachDatabase('signed-in requests', (get) => {
  test('a changed name is seen at once by the next request, on this server and on another', async () => {
    const { app } = get();
    await withSecondServer(get, async (other) => {
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      // Both servers have opened the old name (and so remember it) before it changes.
      assert.equal((await me(a.api)).displayName, 'Alex');
      assert.equal((await me(on(other, a))).displayName, 'Alex');
      assert.equal((await me(on(other, a))).email, a.email);

      const page = new PageClient(app);
      await page.get('/sign-in');
      await page.post('/sign-in', { email: a.email, password: a.password });
      await page.get('/account/settings');
      assert.equal(
        (await page.post('/account/settings', { displayName: 'Alexandra', timezone: 'Europe/Paris', country: '' })).statusCode,
        303,
      );

      assert.equal((await me(a.api)).displayName, 'Alexandra', 'same server');
      assert.equal((await me(on(other, a))).displayName, 'Alexandra', 'other server');
      assert.equal(json(await on(other, a).get('/api/v1/me')).account.timezone, 'Europe/Paris');
      assert.match((await page.get('/account/settings')).body, /value="Alexandra"/);
      // The partner sees the new name through the space too (names opened for another person).
      const space = json(await on(other, b).get(`/api/v1/spaces/${spaceId}`)).space;
      assert.ok(space.members.some((m: { displayName: string }) => m.displayName === 'Alexandra'));

      // And back again on the other server: the first one follows.
      await other.mend.accounts.updateSettings(a.id, { displayName: 'Alex', timezone: 'UTC', country: '' });
      assert.equal((await me(a.api)).displayName, 'Alex');
      assert.equal((await me(on(other, a))).displayName, 'Alex');
    });
  });

  test('a revoked session is refused at once by the next request, on this server and on another', async () => {
    const { app } = get();
    await withSecondServer(get, async (other) => {
      const robin = await signUp(app, 'Robin');
      const second = json(await new ApiClient(app).post('/api/v1/sessions', { email: robin.email, password: robin.password }));
      const phone = new ApiClient(app, second.token as string);
      assert.equal((await phone.get('/api/v1/me')).statusCode, 200);
      assert.equal((await on(other, robin).get('/api/v1/me')).statusCode, 200);

      const phoneSession = (json(await phone.get('/api/v1/sessions')).sessions as Array<{ id: string; current: boolean }>).find(
        (x) => x.current,
      )!;
      assert.equal((await robin.api.delete(`/api/v1/sessions/${phoneSession.id}`)).statusCode, 204);
      assert.equal((await phone.get('/api/v1/me')).statusCode, 401, 'same server');
      assert.equal((await new ApiClient(other, phone.token).get('/api/v1/me')).statusCode, 401, 'other server');
      assert.equal((await on(other, robin).get('/api/v1/me')).statusCode, 200, 'the session that revoked it still works');

      assert.equal((await on(other, robin).delete('/api/v1/sessions')).statusCode, 204);
      assert.equal((await robin.api.get('/api/v1/me')).statusCode, 401);
    });
  });

  test('a deleted account is refused at once by the next request, on this server and on another', async () => {
    const { app } = get();
    await withSecondServer(get, async (other) => {
      const { a, b, spaceId } = await couple(app, ['Kai', 'Noor']);
      assert.equal((await me(a.api)).displayName, 'Kai');
      assert.equal((await me(on(other, a))).displayName, 'Kai');
      assert.equal((await on(other, a).get(`/api/v1/spaces/${spaceId}/progress`)).statusCode, 200);

      assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);
      for (const server of [app, other]) {
        assert.equal((await on(server, a).get('/api/v1/me')).statusCode, 401);
        assert.equal((await on(server, a).get(`/api/v1/spaces/${spaceId}/progress`)).statusCode, 401);
        assert.equal((await on(server, b).get('/api/v1/me')).statusCode, 200, 'the partner is still signed in');
      }
    });
  });

  test('views by a therapist are logged, also when they became a therapist after signing in; partners’ views are not', async () => {
    const { app } = get();
    await withSecondServer(get, async (other) => {
      const { a, b, spaceId } = await couple(app, ['Ari', 'Bo']);
      // Signed in long before being anyone's therapist, and a partner in a space of their own.
      const t = await signUp(app, 'Dr Lind');
      const own = json(await t.api.post('/api/v1/spaces', { name: 'Home' })).space.id as string;
      assert.equal((await t.api.get(`/api/v1/spaces/${own}/progress`)).statusCode, 200);

      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await on(other, t).post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      for (const p of [a, b]) {
        assert.equal((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode, 200);
      }

      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/progress`)).statusCode, 200);
      assert.equal((await b.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200);
      assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}/progress`)).statusCode, 200);
      assert.equal((await on(other, t).get(`/api/v1/spaces/${spaceId}`)).statusCode, 200);
      // Their own space, as its partner, is not a therapist's view.
      assert.equal((await t.api.get(`/api/v1/spaces/${own}/progress`)).statusCode, 200);

      const log = json(await b.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{
        therapistId: string;
        what: string;
      }>;
      assert.deepEqual(
        log.map((e) => e.what).sort(),
        ['/api/v1/spaces/:spaceId', '/api/v1/spaces/:spaceId/progress'],
        'both of the therapist’s views, and nothing the partners viewed',
      );
      assert.ok(log.every((e) => e.therapistId === t.id));
      const ownLog = await t.api.get(`/api/v1/spaces/${own}/therapist-access-log`);
      assert.deepEqual(json(ownLog).entries, []);
    });
  });
});
