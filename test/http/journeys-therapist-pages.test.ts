import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

async function signedIn(app: Parameters<typeof couple>[0], person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { email: person.email, password: person.password });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return client;
}

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

/** Forms that write on the journey (the header's sign-out form is not one). */
const WRITING_FORM = /<form[^>]*action="\/(journeys|entries|agreements)\//;

describeEachDatabase('journey pages for a therapist: a calm read-only view', (get) => {
  test('no entry forms, no acknowledge button, no "You have said"; what the partners shared is there', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey.id;
    await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'OPENED-HALF-ALEX' });
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'OPENED-HALF-SAM' });
    await a.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'SHARED-QUESTION' });
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'trigger', text: 'SHARED-TRIGGER' });
    const t = await activeTherapist(app, a, b, spaceId);

    const therapist = await signedIn(app, t);
    const partner = await signedIn(app, b);
    const pages = [
      `/journeys/${journeyId}`,
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `/journeys/${journeyId}/steps/${n}`),
      `/journeys/${journeyId}/questions`,
      `/journeys/${journeyId}/triggers`,
      `/journeys/${journeyId}/hard-day`,
    ];
    for (const url of pages) {
      const res = await therapist.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
      assert.doesNotMatch(res.body, WRITING_FORM, url);
      assert.doesNotMatch(res.body, /<textarea/, url);
      assert.doesNotMatch(res.body, /You have said/, url);
      assert.doesNotMatch(res.body, /Your part:/, url);
      assert.match(res.body, /reading this as the couple’s therapist/, url);
    }
    const step1 = (await therapist.get(`/journeys/${journeyId}/steps/1`)).body;
    assert.match(step1, /OPENED-HALF-ALEX/);
    assert.match(step1, /OPENED-HALF-SAM/);
    assert.match(step1, /Waiting for Sam to acknowledge/);
    assert.match((await therapist.get(`/journeys/${journeyId}/questions`)).body, /SHARED-QUESTION/);
    assert.doesNotMatch((await therapist.get(`/journeys/${journeyId}/steps/3`)).body, /Propose an agreement<\/a>/);
    assert.doesNotMatch(
      (await therapist.get(`/journeys/${journeyId}/hard-day`)).body,
      /You have not written your reasons yet|I need reassurance/,
    );
    // The partners' form pages, reached by address, are not theirs: 403 with a plain reason, no form.
    for (const url of [`/journeys/${journeyId}/apology`, `/journeys/${journeyId}/agreements/new`]) {
      const res = await therapist.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.doesNotMatch(res.body, /<textarea/, url);
    }

    // The same pages still give the partners their forms.
    assert.match((await partner.get(`/journeys/${journeyId}/steps/1`)).body, /action="\/journeys\/[^"]+\/acknowledge"/);
    assert.match((await partner.get(`/journeys/${journeyId}/questions`)).body, WRITING_FORM);
    assert.doesNotMatch((await partner.get(`/journeys/${journeyId}/steps/1`)).body, /reading this as the couple’s therapist/);
  });

  test('while a pair is still sealed the therapist sees neither half nor a stub', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'STILL-SEALED' });
    const t = await activeTherapist(app, a, b, spaceId);
    const therapist = await signedIn(app, t);
    const step1 = (await therapist.get(`/journeys/${journeyId}/steps/1`)).body;
    assert.doesNotMatch(step1, /STILL-SEALED/);
    assert.doesNotMatch(step1, /Alex has written theirs/);
    assert.match(step1, /Nothing here is open yet/);
  });
});
