import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';

async function activeTherapist(app: Parameters<typeof signUp>[0], a: Person, b: Person, spaceId: string): Promise<Person> {
  const t = await signUp(app, 'Dr Lee');
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  for (const p of [a, b]) {
    const res = await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password });
    assert.equal(res.statusCode, 200, res.body);
  }
  return t;
}

describeEachDatabase('journeys: what a therapist and the partner may see', (get) => {
  test('an active therapist reads shared entries and opened pairs, never private or still-sealed ones, and cannot write', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const t = await activeTherapist(app, a, b, spaceId);

    await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SEALED-ONE' });
    let seen = await t.api.get(`/api/v1/journeys/${journeyId}/entries`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(json(seen).entries, [], 'a therapist never gets a sealed stub');

    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SEALED-TWO' });
    for (const p of [a, b]) await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: 'PRIVATE-HURT', visibility: 'private' });
    seen = await t.api.get(`/api/v1/journeys/${journeyId}/entries`);
    assert.match(seen.body, /SEALED-ONE/);
    assert.match(seen.body, /SEALED-TWO/);
    assert.doesNotMatch(seen.body, /PRIVATE-HURT/);

    const view = await t.api.get(`/api/v1/journeys/${journeyId}`);
    assert.equal(view.statusCode, 200);
    assert.equal(json(view).journey.role, 'none');
    assert.equal(json(view).journey.forgiveness, null);

    assert.equal((await t.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: 'x' })).statusCode, 403);
    assert.equal((await t.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 403);
    assert.equal((await t.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).statusCode, 403);

    // Every view is in the access log both partners can read.
    const log = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`));
    assert.ok(JSON.stringify(log).includes('/journeys/:journeyId/entries'), JSON.stringify(log));

    // Once revoked, the therapist sees nothing, as if it did not exist.
    assert.equal((await b.api.delete(`/api/v1/spaces/${spaceId}/therapists/${t.id}`)).statusCode, 204);
    assert.equal((await t.api.get(`/api/v1/journeys/${journeyId}/entries`)).statusCode, 404);
    assert.equal((await t.api.get(`/api/v1/journeys/${journeyId}`)).statusCode, 404);
  });

  test('a pending therapist sees nothing of the journeys', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const t = await signUp(app, 'Dr Park');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    await t.api.post(`/api/v1/invitations/${code}/accept`);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}/journeys`)).statusCode, 404);
    assert.equal((await t.api.get(`/api/v1/journeys/${journeyId}`)).statusCode, 404);
  });

  test('the partner never reads the other’s sealed entry before writing their own, in any response', async () => {
    const { a, b, spaceId } = await couple(get().app);
    const journeyId = json(await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'privacy', brokeTrust: [a.id, b.id] })).journey
      .id;
    await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'TOP-SECRET-A' });
    for (const url of [
      `/api/v1/journeys/${journeyId}`,
      `/api/v1/journeys/${journeyId}/entries`,
      `/api/v1/spaces/${spaceId}/journeys`,
      `/api/v1/journeys/${journeyId}/apologies`,
    ]) {
      const res = await b.api.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /TOP-SECRET-A/, url);
    }
    // Once both halves stood, the pair stays open, also after a half is deleted
    // (test/http/sealed-pairs-stay-open.test.ts).
    const own = json(await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'B-SIDE' })).entry.id;
    assert.match((await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).body, /TOP-SECRET-A/);
    assert.equal((await b.api.delete(`/api/v1/entries/${own}`)).statusCode, 204);
    assert.match((await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).body, /TOP-SECRET-A/);
  });
});
