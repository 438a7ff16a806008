import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { signUp, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

const today = () => localDate(new Date(), 'UTC');

/** One partner alone in a space, with a therapist they consented to: active. */
async function soloWithTherapist(app: FastifyInstance): Promise<{ a: Person; t: Person; spaceId: string }> {
  const a = await signUp(app, 'Alex');
  const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Us' })).space.id;
  const t = await signUp(app, 'Dr Okafor');
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  assert.equal(
    json(await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password })).therapist.status,
    'active',
  );
  return { a, t, spaceId };
}

async function joinAsPartner(by: Person, joiner: Person, spaceId: string): Promise<void> {
  const { code } = json(await by.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
  assert.equal((await joiner.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
}

describeEachDatabase('therapist consent: every current partner', (get) => {
  test('a partner who joins puts the therapist back to waiting until they consent; their shared words stay unseen until then', async () => {
    const { app } = get();
    const { a, t, spaceId } = await soloWithTherapist(app);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'active while the only partner consented');

    const b = await signUp(app, 'Sam');
    await joinAsPartner(a, b, spaceId);
    const put = await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      safety: 5,
      trust: 5,
      closeness: 5,
      note: { text: 'CANARY-NEWCOMER-SHARED', visibility: 'shared' },
    });
    assert.equal(put.statusCode, 201, put.body);

    // Every route a therapist reads through agrees: the space, its records, the caseload, the pages.
    for (const url of [`/api/v1/spaces/${spaceId}`, `/api/v1/spaces/${spaceId}/checkins`, `/api/v1/spaces/${spaceId}/progress`]) {
      const res = await t.api.get(url);
      assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
      assert.ok(!res.body.includes('CANARY-NEWCOMER-SHARED'));
    }
    assert.deepEqual(json(await t.api.get('/api/v1/me/caseload')).spaces, [
      { spaceId, spaceName: 'Us', status: 'pending', partnerNames: [] },
    ]);
    const tPages = await pagesAs(app, t);
    const page = await tPages.get(`/spaces/${spaceId}/check-in`);
    assert.equal(page.statusCode, 404);
    assert.ok(!page.body.includes('CANARY-NEWCOMER-SHARED'));

    // Both partners see the therapist waiting; the one who already agreed keeps their consent.
    const listed = json(await b.api.get(`/api/v1/spaces/${spaceId}/therapists`)).therapists;
    assert.deepEqual(
      listed.map((x: { status: string; consentedBy: string[] }) => [x.status, x.consentedBy]),
      [['pending', [a.id]]],
    );
    // The newcomer is asked on their space page, as a partner always is.
    const bPages = await pagesAs(app, b);
    const bSpace = await bPages.get(`/spaces/${spaceId}`);
    assert.match(bSpace.body, new RegExp(`action="/spaces/${spaceId}/therapists/${t.id}/consent"`));
    assert.match(bSpace.body, /waiting for your agreement/);
    const aSpace = await (await pagesAs(app, a)).get(`/spaces/${spaceId}`);
    assert.doesNotMatch(aSpace.body, /action="[^"]*\/consent"/, 'the partner who agreed is not asked again');
    assert.match(aSpace.body, /you agreed/);

    const consented = json(await b.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password })).therapist;
    assert.equal(consented.status, 'active');
    const seen = await t.api.get(`/api/v1/spaces/${spaceId}/checkins`);
    assert.equal(seen.statusCode, 200);
    assert.ok(seen.body.includes('CANARY-NEWCOMER-SHARED'), 'with everyone’s consent the shared note is readable');
  });

  test('a partner who left and comes back is asked again: their earlier consent does not count', async () => {
    const { app } = get();
    const { a, t, spaceId } = await soloWithTherapist(app);
    const b = await signUp(app, 'Sam');
    await joinAsPartner(a, b, spaceId);
    assert.equal(
      json(await b.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password })).therapist.status,
      'active',
    );
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode < 300, true);
    await joinAsPartner(a, b, spaceId);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404);
    const listed = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapists`)).therapists;
    assert.deepEqual(
      listed.map((x: { status: string; consentedBy: string[] }) => [x.status, x.consentedBy]),
      [['pending', [a.id]]],
    );
  });

  test('a consent and a partner joining at the same moment never leave the therapist active without the newcomer', async () => {
    const { app } = get();
    for (let round = 0; round < 4; round += 1) {
      const a = await signUp(app, 'Alex');
      const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Us' })).space.id;
      const t = await signUp(app, 'Dr Okafor');
      const therapistCode = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation.code;
      await t.api.post(`/api/v1/invitations/${therapistCode}/accept`);
      const b = await signUp(app, 'Sam');
      const partnerCode = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code;
      await Promise.all([
        a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password }),
        b.api.post(`/api/v1/invitations/${partnerCode}/accept`),
      ]);
      assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, `round ${round}`);
    }
  });
});
