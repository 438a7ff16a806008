import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, journeyAtStep2 as atStep2, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

async function signedIn(app: Parameters<typeof couple>[0], person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { email: person.email, password: person.password });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return client;
}

describeEachDatabase('journey page forms', (get) => {
  test('an entry posted to another step’s address comes back on its own step, with its message beside its form', async () => {
    const app = get().app;
    const { b, journeyId } = await atStep2(app);
    const sam = await signedIn(app, b);
    await sam.get(`/journeys/${journeyId}/steps/2`);

    // "What hurts" belongs to step 2; this post goes to step 1's address, with nothing written.
    const empty = await sam.post(`/journeys/${journeyId}/steps/1/entries`, { prompt: 'what_hurts', text: '  ', visibility: 'shared' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<h1>Step 2:/);
    assert.match(empty.body, /id="form-what_hurts"[\s\S]*Write something before saving/);

    // Written properly, it is saved and the redirect goes to step 2, not to the address used.
    await sam.get(`/journeys/${journeyId}/steps/2`);
    const saved = await sam.post(`/journeys/${journeyId}/steps/6/entries`, {
      prompt: 'what_hurts',
      text: 'The lying, more than the trip.',
      visibility: 'shared',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/journeys/${journeyId}/steps/2#what_hurts-heading`);
    assert.match((await sam.get(`/journeys/${journeyId}/steps/2`)).body, /The lying, more than the trip/);

    // A step that does not exist is still not found.
    assert.equal((await sam.post(`/journeys/${journeyId}/steps/9/entries`, { prompt: 'what_hurts', text: 'x' })).statusCode, 404);
  });

  test('a refusal on a step that shows no form for it is still said on the page', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const sam = await signedIn(app, b);
    await sam.get(`/journeys/${journeyId}/steps/2`);
    // Step 2 is not open yet, so its page has no "what hurts" form to show the problem beside.
    const locked = await sam.post(`/journeys/${journeyId}/steps/2/entries`, {
      prompt: 'what_hurts',
      text: 'Everything.',
      visibility: 'shared',
    });
    assert.equal(locked.statusCode, 409);
    assert.doesNotMatch(locked.body, /id="form-what_hurts"/);
    assert.match(locked.body, /role="alert">This step is not open yet/);
  });

  test('the apology builder refuses an overlong part beside its box and keeps every word typed', async () => {
    const app = get().app;
    const { a, journeyId } = await atStep2(app);
    const alex = await signedIn(app, a);
    const builder = `/journeys/${journeyId}/apology`;
    const long = `${'I see now how it hurt you. '.repeat(190)}END-OF-LONG-PART`;
    assert.ok([...long].length > 5_000);
    const parts = {
      'parts.regret': 'I am sorry that I lied about the trip.',
      'parts.responsibility': 'I chose to hide it.',
      'parts.impact': long,
      'parts.change': 'I will tell you my plans before I make them.',
      'parts.repair': 'I will plan our next trip with you.',
    };
    for (const action of ['check', 'deliver']) {
      await alex.get(builder);
      const res = await alex.post(builder, { action, ...parts });
      // Checking keeps a draft (issue #18); one too long to keep whole is refused, every word still in the page.
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /id="field-parts\.impact-error"[^>]*>[\s\S]*?Use at most 5,000 characters for this part/, action);
      assert.match(
        res.body,
        /aria-invalid="true"[^>]*>I see now how it hurt you\.[^<]*END-OF-LONG-PART<\/textarea>/,
        `${action}: the long part is still in its box`,
      );
      assert.match(res.body, /I will plan our next trip with you\.<\/textarea>/, `${action}: the other parts are kept too`);
    }
    assert.deepEqual(json(await a.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies, [], 'nothing was delivered');
    assert.equal((await a.api.get(`/api/v1/drafts/apology:${journeyId}`)).statusCode, 404, 'nor kept cut short as a draft');

    // The JSON API says the same thing about the same part.
    const api = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, {
      parts: { regret: 'Sorry.', responsibility: 'Mine.', impact: long, change: 'Tell you.', repair: 'Plan with you.' },
    });
    assert.equal(api.statusCode, 400);
  });
});
