import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { couple, journeyAtStep2 } from '../support/api-client.js';
import { json } from '../support/app.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';

/** Issue #20: opened sealed halves say so; a box's heading and label are not shown twice. */
describeEachDatabase('journey entry labels', (get) => {
  test('both halves written: each reads "Opened — you both wrote yours", never "Sealed until my partner writes theirs"', async () => {
    const { a, b, spaceId, journeyId } = await journeyAtStep2(get().app);
    for (const p of [a, b]) {
      const page = await (await pagesAs(get().app, p)).get(`/journeys/${journeyId}/steps/1`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.body.split('Opened — you both wrote yours').length - 1, 2, p.displayName);
      assert.doesNotMatch(page.body, /Sealed until my partner writes theirs/);
    }
    const therapist = await (
      await pagesAs(get().app, await activeTherapist(get().app, a, b, spaceId))
    ).get(`/journeys/${journeyId}/steps/1`);
    assert.equal(therapist.body.split('Opened — they both wrote theirs').length - 1, 2, 'their therapist is spoken to as a third person');
    assert.doesNotMatch(therapist.body, /you both wrote yours/);
  });

  test('one half written: it still reads as sealed, and the partner sees only that it exists', async () => {
    const { a, b, spaceId } = await couple(get().app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const CANARY = 'canary-sealed-half-4T';
    assert.equal((await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: CANARY })).statusCode, 201);
    const mine = await (await pagesAs(get().app, a)).get(`/journeys/${journeyId}/steps/1`);
    assert.match(mine.body, /Sealed until my partner writes theirs/);
    assert.doesNotMatch(mine.body, /Opened — you both wrote yours/);
    const theirs = await (await pagesAs(get().app, b)).get(`/journeys/${journeyId}/steps/1`);
    assert.ok(!theirs.body.includes(CANARY));
    assert.doesNotMatch(theirs.body, /Opened — you both wrote yours/);
    // Said once to the writer: the entry's own line, no second notice saying it again.
    assert.equal(mine.body.split('Sealed until my partner writes theirs').length - 1, 1);
    assert.doesNotMatch(mine.body, /Waiting for your partner to write theirs/);
    // The partner who has not written reads that the other half waits, and that saving theirs opens both.
    assert.match(theirs.body, /Alex has written theirs\. It stays sealed until you write yours; then both open at once\./);
    const stub = theirs.body.indexOf('Alex has written theirs.');
    assert.ok(stub > 0 && stub < theirs.body.indexOf('id="form-what_happened"'), 'the waiting half is said above the form');
    assert.doesNotMatch(theirs.body, /Sealed until my partner writes theirs/);
  });

  test('the step 3 form says once what sealing means', async () => {
    const { a, b, journeyId } = await journeyAtStep2(get().app);
    const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry. I lied to you.' })).apology;
    assert.ok((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode < 300);
    const page = await (await pagesAs(get().app, a)).get(`/journeys/${journeyId}/steps/3`);
    assert.equal(page.statusCode, 200);
    const form = page.body.slice(page.body.indexOf('id="form-trust_looks_like"'));
    assert.ok(form.length > 0 && page.body.includes('id="form-trust_looks_like"'), 'the form is on the page');
    assert.equal(form.slice(0, form.indexOf('</form>')).match(/[Ss]ealed until/g)?.length, 1);
  });

  test('a box under a heading with the same words keeps its label for screen readers only', async () => {
    const { b, journeyId } = await journeyAtStep2(get().app);
    const page = await (await pagesAs(get().app, b)).get(`/journeys/${journeyId}/steps/2`);
    assert.match(page.body, /<h2 id="what_hurts-heading">What hurts, and what I need<\/h2>/);
    assert.match(page.body, /<label for="field-what_hurts" class="visually-hidden">What hurts, and what I need<\/label>/);
  });
});
