import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import type { FastifyInstance } from 'fastify';

async function inviteTherapist(app: FastifyInstance, by: Person, spaceId: string): Promise<Person> {
  const therapist = await signUp(app, 'Dr Okafor');
  const { code } = json(await by.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await therapist.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  return therapist;
}

describeEachDatabase('therapist access', (get) => {
  test('access starts only when both partners consent, and ends when either revokes', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await inviteTherapist(app, a, spaceId);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'nothing before consent');
    const pending = json(await t.api.get('/api/v1/me/caseload')).spaces;
    assert.deepEqual(
      pending,
      [{ spaceId, spaceName: 'Us', status: 'pending', partnerNames: [] }],
      'the caseload shows only the space name before consent',
    );

    const wrong = await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: 'not the right password' });
    assert.equal(wrong.statusCode, 403, 'consent needs the password');
    const first = json(await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password })).therapist;
    assert.equal(first.status, 'pending');
    assert.deepEqual(first.consentedBy, [a.id]);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'one partner is not enough');

    const second = json(await b.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password })).therapist;
    assert.equal(second.status, 'active');
    const seen = await t.api.get(`/api/v1/spaces/${spaceId}`);
    assert.equal(seen.statusCode, 200);
    assert.ok(json(seen).space.members.some((m: { role: string }) => m.role === 'therapist'));
    const caseload = json(await t.api.get('/api/v1/me/caseload')).spaces;
    assert.deepEqual(caseload[0].partnerNames.sort(), ['Alex', 'Sam']);

    const log = json(await b.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries;
    assert.equal(log.length, 2, 'both views were logged: the space, then the caseload with the partners’ names');
    assert.ok(log.every((e: { therapistId: string }) => e.therapistId === t.id));
    assert.deepEqual(log.map((e: { what: string }) => e.what).sort(), ['/api/v1/me/caseload', '/api/v1/spaces/:spaceId']);
    assert.deepEqual(
      json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries,
      log,
      'both partners read the same log',
    );

    assert.equal((await b.api.delete(`/api/v1/spaces/${spaceId}/therapists/${t.id}`)).statusCode, 204);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'revoked at once');
    assert.deepEqual(json(await t.api.get('/api/v1/me/caseload')).spaces, []);
    assert.deepEqual(json(await a.api.get(`/api/v1/spaces/${spaceId}/therapists`)).therapists, []);
  });

  test('only partners manage the therapist or read the access log; strangers see nothing', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await inviteTherapist(app, a, spaceId);
    for (const p of [a, b]) await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password });
    const stranger = await signUp(app, 'Stranger');
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).statusCode, 403);
    assert.equal((await t.api.delete(`/api/v1/spaces/${spaceId}/therapists/${t.id}`)).statusCode, 403);
    assert.equal((await t.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).statusCode, 403, 'a therapist cannot invite');
    for (const url of [`/api/v1/spaces/${spaceId}/therapists`, `/api/v1/spaces/${spaceId}/therapist-access-log`]) {
      assert.equal((await stranger.api.get(url)).statusCode, 404, url);
    }
    assert.equal(
      (await stranger.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: stranger.password })).statusCode,
      404,
    );
    assert.equal(
      (await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${a.id}/consent`, { password: a.password })).statusCode,
      404,
      'a partner is not a therapist',
    );
  });

  test('a therapist whose access ended can be invited again, and waits for consent again', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await inviteTherapist(app, a, spaceId);
    for (const p of [a, b]) await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password });
    await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${t.id}`);
    const { code } = json(await b.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    const again = await t.api.post(`/api/v1/invitations/${code}/accept`);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(
      json(again).space.members.map((m: { accountId: string }) => m.accountId),
      [t.id],
      'a waiting therapist learns no names',
    );
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'nothing until both consent again');
    assert.equal(json(await a.api.get(`/api/v1/spaces/${spaceId}/therapists`)).therapists[0].consentedBy.length, 0);
  });

  test('a therapist may hold several couples, side by side', async () => {
    const { app } = get();
    const first = await couple(app, ['Ana', 'Ben']);
    const second = await couple(app, ['Cy', 'Di']);
    const t = await signUp(app, 'Dr Lee');
    for (const c of [first, second]) {
      const { code } = json(await c.a.api.post(`/api/v1/spaces/${c.spaceId}/invitations`, { role: 'therapist' })).invitation;
      await t.api.post(`/api/v1/invitations/${code}/accept`);
      for (const p of [c.a, c.b]) await p.api.post(`/api/v1/spaces/${c.spaceId}/therapists/${t.id}/consent`, { password: p.password });
    }
    const names = json(await t.api.get('/api/v1/me/caseload'))
      .spaces.map((s: { partnerNames: string[] }) => s.partnerNames.sort().join(' & '))
      .sort();
    assert.deepEqual(names, ['Ana & Ben', 'Cy & Di']);
  });
});
