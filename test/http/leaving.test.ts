import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { allStoredTexts, personalTextsOf } from '../support/stored-texts.js';

describeEachDatabase('leaving a space', (get) => {
  test('private writing leaves with the person; shared history stays readable to the partner', async () => {
    const testApp = get();
    const { a, b, spaceId } = await couple(testApp.app);
    const today = new Date().toISOString().slice(0, 10);
    const breach = await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      brokeTrust: [a.id],
      description: { text: 'SamPrivateBreach', visibility: 'private' },
    });
    const journeyId = json(breach).journey.id;
    const second = await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'other',
      brokeTrust: [a.id],
      description: { text: 'SamSharedBreach', visibility: 'shared' },
    });
    assert.equal(second.statusCode, 201);
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SamUnopenedSealed', visibility: 'sealed' });
    await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 5,
      trust: 5,
      closeness: 5,
      note: { text: 'SamPrivateCheckin', visibility: 'private' },
    });
    await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'SamSharedRequest', visibility: 'shared' } });
    await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'SamPrivateRequest', visibility: 'private' } });
    const before = await allStoredTexts(testApp);
    assert.ok(before.includes('SamUnopenedSealed'));
    // What Sam kept private is under Sam's own key (issue #23): the server cannot read it, only count it.
    const sealedForSam = await personalTextsOf(testApp, b.id);
    assert.ok(sealedForSam >= 3, `Sam's private breach, check-in note and request: ${sealedForSam}`);

    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
    const after = await allStoredTexts(testApp);
    for (const t of ['SamPrivateBreach', 'SamUnopenedSealed', 'SamPrivateCheckin', 'SamPrivateRequest'])
      assert.ok(!after.includes(t), `${t} left with Sam`);
    assert.equal(await personalTextsOf(testApp, b.id), 0, 'nothing sealed under Sam’s key is left in the space');
    for (const t of ['SamSharedBreach', 'SamSharedRequest']) assert.ok(after.includes(t), `${t} stays`);

    const journeys = json(await a.api.get(`/api/v1/spaces/${spaceId}/journeys`)).journeys;
    assert.equal(journeys.length, 2, 'the breaches stay on record for the partner who stays');
    const requests = await a.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`);
    assert.ok(requests.body.includes('SamSharedRequest'), 'the shared request is still readable');
    assert.equal((await b.api.get(`/api/v1/spaces/${spaceId}/journeys`)).statusCode, 404, 'the person who left sees nothing');
  });
});
