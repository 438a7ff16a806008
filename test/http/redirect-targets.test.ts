import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, newPerson } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

/** Targets a header cannot carry, or that would add a header of their own. */
const BROKEN = ['/\r\nX-Injected: yes', '/\nX-Injected: yes', '/a\tb', '/a b', '/a\u007fb', '/caf\u00e9', '/日本', '/\u2028x'];

describeEachDatabase('redirect targets (next, back) a header cannot carry are refused, before anything is written', (get) => {
  test('sign-up with such a `next` creates the account once and goes to the home page', async () => {
    const { app } = get();
    for (const next of BROKEN) {
      const client = new PageClient(app);
      await client.get('/sign-up');
      const person = newPerson();
      const res = await client.post('/sign-up', { ...person, timezone: 'UTC', next });
      assert.equal(res.statusCode, 303, `${JSON.stringify(next)}: ${res.body}`);
      assert.equal(res.headers.location, '/account/recovery-code', 'the recovery code first, without the broken target');
      await client.get('/account/recovery-code');
      const kept = await client.post('/account/recovery-code/kept', { next });
      assert.equal(kept.headers.location, '/');
      assert.equal(res.headers['x-injected'], undefined);
      const signIn = await new ApiClient(app).post('/api/v1/sessions', { email: person.email, password: person.password });
      assert.equal(signIn.statusCode, 201, 'the account exists, complete');
    }
  });

  test('sign-in with such a `next` (form or address) signs in and goes home; a signed-in visit is sent home too', async () => {
    const { app } = get();
    const { a } = await couple(app);
    for (const next of BROKEN) {
      const client = new PageClient(app);
      const page = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
      assert.equal(page.statusCode, 200);
      const res = await client.post('/sign-in', { email: a.email, password: a.password, next });
      assert.equal(res.statusCode, 303, `${JSON.stringify(next)}: ${res.body}`);
      assert.equal(res.headers.location, '/');
      for (const path of ['/sign-in', '/sign-up']) {
        const again = await client.get(`${path}?next=${encodeURIComponent(next)}`);
        assert.equal(again.statusCode, 302, `${path} ${JSON.stringify(next)}`);
        assert.equal(again.headers.location, '/');
      }
    }
  });

  test('deleting an entry with such a `back` deletes it, and goes home', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const pages = await pagesAs(app, b);
    for (const [i, back] of BROKEN.slice(0, 2).entries()) {
      const written = await b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'what_happened',
        text: `HALF-${i}`,
        visibility: 'sealed',
      });
      assert.equal(written.statusCode, 201, written.body);
      await pages.get(`/journeys/${journeyId}`);
      const deleted = await pages.post(`/entries/${json(written).entry.id}/delete`, { back });
      assert.equal(deleted.statusCode, 303, deleted.body);
      assert.equal(deleted.headers.location, '/');
      assert.equal((await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).body.includes(`HALF-${i}`), false);
    }
  });
});
