import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { SCREENING_QUESTION_IDS } from '../../src/core/safety/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, startTestApp } from '../support/app.js';
import { couple, signUp, ApiClient } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

const all = (answer: string) => Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, answer]));
const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));

/** Everything the partner can read through the API: used to prove nothing changes for them. */
async function partnerView(api: ApiClient, spaceId: string): Promise<string> {
  const parts = [await api.get('/api/v1/me'), await api.get(`/api/v1/spaces/${spaceId}`)];
  return parts.map((r) => r.body).join('\n');
}

describeEachDatabase(
  'safety screening',
  (get) => {
    test("a positive screen shows resources for the person's country; a negative one does not", async () => {
      const person = await signUp(get().app);
      const positive = await person.api.post('/api/v1/me/safety-screenings', { answers: { ...all('never'), afraid: 'sometimes' } });
      assert.equal(positive.statusCode, 201);
      assert.equal(json(positive).positive, true);
      assert.equal(json(positive).resources.country, 'INTL', 'no country set: the international list');
      const negative = await person.api.post('/api/v1/me/safety-screenings', { answers: all('never') });
      assert.equal(json(negative).positive, false);
    });

    test('every question needs an answer, and unknown answers are refused', async () => {
      const person = await signUp(get().app);
      const missing = await person.api.post('/api/v1/me/safety-screenings', { answers: { afraid: 'never' } });
      assert.equal(missing.statusCode, 400);
      assert.ok(Object.keys(json(missing).error.details).length >= 1);
      assert.equal(
        (await person.api.post('/api/v1/me/safety-screenings', { answers: { ...all('never'), afraid: 'maybe' } })).statusCode,
        400,
      );
      assert.equal(
        (await person.api.post('/api/v1/me/safety-screenings', { answers: { ...all('never'), other: 'never' } })).statusCode,
        400,
      );
    });

    test('due at the start and again after four weeks', async () => {
      const person = await signUp(get().app);
      assert.equal(json(await person.api.get('/api/v1/me/safety-screenings/due')).due, true);
      await person.api.post('/api/v1/me/safety-screenings', { answers: all('never') });
      assert.equal(json(await person.api.get('/api/v1/me/safety-screenings/due')).due, false);
      clock.advance(28 * 24 * 60 * 60 * 1000);
      try {
        assert.equal(json(await person.api.get('/api/v1/me/safety-screenings/due')).due, true);
      } finally {
        clock.set(new Date('2026-11-25T12:00:00Z'));
      }
    });

    test('nothing the partner or a therapist can see changes after a positive screen', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      const before = await partnerView(b.api, spaceId);
      const bPage = new PageClient(app);
      await bPage.get('/sign-in');
      await bPage.post('/sign-in', { email: b.email, password: b.password });
      // Form tokens and idempotency keys are new on every render; everything else must not change.
      const bPageBefore = (await bPage.get(`/spaces/${spaceId}`)).body.replace(/name="_(csrf|idempotency)" value="[^"]+"/g, '');
      await a.api.post('/api/v1/me/safety-screenings', { answers: all('often') });
      assert.equal(await partnerView(b.api, spaceId), before);
      const bPageAfter = (await bPage.get(`/spaces/${spaceId}`)).body.replace(/name="_(csrf|idempotency)" value="[^"]+"/g, '');
      assert.equal(bPageAfter, bPageBefore, "the partner's page is byte-for-byte the same");
      assert.equal(
        (await b.api.get('/api/v1/me/safety-screenings/due')).statusCode,
        200,
        'the partner only ever learns about their own screening',
      );
      assert.equal(json(await b.api.get('/api/v1/me/safety-screenings/due')).due, true);
    });

    test('the support page needs no sign-in and follows the country choice', async () => {
      const res = await new ApiClient(get().app).get('/api/v1/support?country=GB');
      assert.equal(res.statusCode, 200);
      assert.equal(json(res).country, 'GB');
      const page = await get().app.inject({ method: 'GET', url: '/support?country=AU' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /1800RESPECT/);
    });

    test('the screening works as a plain form, and the due card is shown only to its owner', async () => {
      const { app } = get();
      const { a, spaceId } = await couple(app);
      const client = new PageClient(app);
      await client.get('/sign-in');
      await client.post('/sign-in', { email: a.email, password: a.password });
      assert.match((await client.get(`/spaces/${spaceId}`)).body, /A private question about your safety/);
      await client.get('/safety');
      const incomplete = await client.post('/safety', { afraid: 'often' });
      assert.equal(incomplete.statusCode, 400);
      assert.match(incomplete.body, /value="often" checked/, 'answers given are kept');
      await client.get('/safety');
      const done = await client.post('/safety', { ...all('never'), afraid: 'often' });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /couples work|working on it as a couple is not/i);
      assert.match(done.body, /People you can talk to/);
      assert.doesNotMatch((await client.get(`/spaces/${spaceId}`)).body, /A private question about your safety/);
    });
  },
  { clock },
);

test('safety answers and results never reach the logs', async () => {
  const lines: string[] = [];
  const stream = new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) });
  const testApp = await startTestApp('sqlite', { env: { LOG_LEVEL: 'trace' }, logStream: stream });
  try {
    const person = await signUp(testApp.app);
    await person.api.post('/api/v1/me/safety-screenings', { answers: all('often') });
    const log = lines.join('');
    assert.doesNotMatch(log, /often|positive|physical_harm|afraid/);
  } finally {
    await testApp.close();
  }
});
