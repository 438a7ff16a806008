import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, signUp, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { NO_ONE_TO_ANSWER_REASSURANCE } from '../../src/core/partner-words.js';

/**
 * Solo mode (issue #20): a person alone — whose partner has not joined, or left — is never told
 * that a partner "will be told" or that something was "agreed", is offered no call for reassurance
 * that nobody could answer (the API refuses one), and reads once what changes when a partner joins.
 * A couple keeps the couple's words.
 */

/** Sentences that assume a partner who is there; none may be on a page of a person alone. */
const COUPLE_ONLY = [
  /Your partner will be told/i,
  />Agreed</,
  /Sealed until my partner writes theirs/,
  /Asking is not weakness/,
  /Sealed until your partner has written theirs/,
  /Your partner will not see this until they have written/,
  /your partner will be asked to respond/,
  /The other partner confirms it/,
  /ask your partner for reassurance/,
  /Once a week, together/,
  /made together/,
  /Your partner can read it, and a therapist/,
  /Your partner always sees that you checked in/,
  /until both of you agree|either of you can end/i,
  /Sit together and take the parts/,
  /an agreement you both accepted/,
  /Your partner is not told/,
  /Right now your partner sees/,
  /You have not chosen yet, so your partner sees/,
  /Only me — my partner sees only that I checked in/,
  /Waiting for an answer/,
  /Something each of you noticed|Look at the log together|you would each like/,
];

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** A person alone with a journey (they were hurt) and one commitment of their own. */
async function alone(app: FastifyInstance): Promise<{ jo: Person; spaceId: string; journeyId: string }> {
  const jo = await signUp(app, 'Jo');
  const spaceId = json(await jo.api.post('/api/v1/spaces', { name: 'Jo alone' })).space.id as string;
  const journeyId = json(await jo.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: ['absent-partner'] }))
    .journey.id as string;
  assert.equal((await jo.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode < 300, true);
  const hurt = await jo.api.post(`/api/v1/journeys/${journeyId}/entries`, {
    prompt: 'what_hurts',
    text: 'I need to know where I stand',
    visibility: 'private',
  });
  assert.equal(hurt.statusCode, 201, hurt.body);
  const made = await jo.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
    text: 'I go for a walk when it gets loud',
    committedBy: [jo.id],
    cadence: 'daily',
  });
  assert.equal(made.statusCode, 201, made.body);
  assert.equal(json(made).agreement.status, 'active');
  return { jo, spaceId, journeyId };
}

const pagesOf = (spaceId: string, journeyId: string) => [
  `/spaces/${spaceId}`,
  `/spaces/${spaceId}/check-in`,
  `/spaces/${spaceId}/progress`,
  `/journeys/${journeyId}`,
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => `/journeys/${journeyId}/steps/${n}`),
  `/spaces/${spaceId}/agreement-log`,
  `/spaces/${spaceId}/meetings`,
  `/spaces/${spaceId}/meetings/new`,
  `/spaces/${spaceId}/reassurance`,
  `/spaces/${spaceId}/monthly-review`,
  `/spaces/${spaceId}/decision-guide`,
  `/journeys/${journeyId}/therapy`,
  `/journeys/${journeyId}/hard-day`,
  '/account/settings',
  '/notifications',
];

async function walk(app: FastifyInstance, person: Person, urls: string[]): Promise<Map<string, string>> {
  const client = await pagesAs(app, person);
  const seen = new Map<string, string>();
  for (const url of urls) {
    const res = await client.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    seen.set(url, res.body);
    if (process.env.SOLO_SURVEY) {
      for (const s of text(res.body).split(/(?<=[.!?])\s+/))
        if (new RegExp(process.env.SOLO_SURVEY === '1' ? 'partner' : process.env.SOLO_SURVEY, 'i').test(s))
          console.log(`${url.replace(/[0-9a-f-]{36}/g, ':id')}\t${s.trim().slice(0, 220)}`);
    }
  }
  return seen;
}

describeEachDatabase('solo mode: words for one person', (get) => {
  test('a person whose partner has not joined: no couple-only sentence on any page; what changes when they join, once', async () => {
    const { app } = get();
    const { jo, spaceId, journeyId } = await alone(app);
    const pages = await walk(app, jo, pagesOf(spaceId, journeyId));
    for (const [url, body] of pages) for (const re of COUPLE_ONLY) assert.doesNotMatch(body, re, `${url} says ${re}`);

    const home = pages.get(`/spaces/${spaceId}`)!;
    assert.equal(home.split('What changes when your partner joins').length - 1, 1, 'said once on the space home');
    assert.match(home, /What you keep private stays private/);
    for (const [url, body] of pages)
      if (url !== `/spaces/${spaceId}`) assert.doesNotMatch(body, /What changes when your partner joins/, url);

    const reassurance = pages.get(`/spaces/${spaceId}/reassurance`)!;
    assert.match(reassurance, /What reassurance is for/);
    assert.match(reassurance, /asking opens when your partner joins this space/);
    assert.doesNotMatch(reassurance, /<form method="post" action="\/spaces\/[^"]+\/reassurance"/, 'no form that sends to nobody');
    assert.doesNotMatch(reassurance, /<h2>Answered<\/h2>/, 'no empty lists of calls nobody could make or answer');
    assert.match(
      pages.get(`/spaces/${spaceId}/check-in`)!,
      /<label for="[^"]*numbers-private">Only me<\/label>/,
      'the check-in choice speaks to one person',
    );
    const meeting = pages.get(`/spaces/${spaceId}/meetings/new`)!;
    assert.match(meeting, /Look at your log: what you kept, what you missed, what got in the way\./);

    const step3 = pages.get(`/journeys/${journeyId}/steps/3`)!;
    assert.match(step3, /Your own commitment/);
    assert.match(step3, /Sealed: my own reflection for now/);
  });

  test('a call for reassurance with no one to answer is refused, by the API and by the page', async () => {
    const { app } = get();
    const { jo, spaceId } = await alone(app);
    const api = await jo.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'Anyone?', visibility: 'private' } });
    assert.equal(api.statusCode, 409, api.body);
    assert.equal(json(api).error.message, NO_ONE_TO_ANSWER_REASSURANCE);
    assert.equal(
      json(await jo.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).reassuranceRequests.length,
      0,
      'nothing was stored',
    );

    const client = await pagesAs(app, jo);
    await client.get(`/spaces/${spaceId}/reassurance`);
    const page = await client.post(`/spaces/${spaceId}/reassurance`, { note: '' });
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /There is no partner in this space to answer a call for reassurance/);
  });

  test('a partner who left: the same refusal, in the words of someone who left (not "not joined yet")', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 409);
    const page = await (await pagesAs(app, a)).get(`/spaces/${spaceId}/reassurance`);
    assert.match(page.body, /Your partner left this space, so there is no one here to answer/);
    assert.doesNotMatch(page.body, /not joined|has not joined|when your partner joins this space/);
    assert.doesNotMatch(page.body, /Your partner will be told/);
    assert.doesNotMatch(page.body, /Waiting for an answer|<h2>Answered<\/h2>/);
  });

  test('a call made before the partner left stays listed', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 201);
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
    const page = await (await pagesAs(app, a)).get(`/spaces/${spaceId}/reassurance`);
    assert.match(page.body, /<h2>Waiting for an answer<\/h2>/);
    assert.match(page.body, /You<\/strong> asked for reassurance/);
  });

  test('a couple keeps the couple’s words', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    for (const p of [a, b]) {
      assert.equal(
        (await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'My side' })).statusCode,
        201,
      );
      assert.ok((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode < 300);
    }
    const apology = json(
      await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry. I lied to you for months.' }),
    ).apology;
    assert.ok((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode < 300);
    await acceptedAgreement(a, b, spaceId, 'I answer when you call', [a.id]);
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 201);
    const pages = await walk(app, a, [`/spaces/${spaceId}`, `/spaces/${spaceId}/reassurance`, `/journeys/${journeyId}/steps/3`]);
    assert.match(pages.get(`/spaces/${spaceId}/reassurance`)!, /Your partner will be told you asked/);
    assert.match(pages.get(`/journeys/${journeyId}/steps/3`)!, />Agreed</);
    assert.doesNotMatch(pages.get(`/journeys/${journeyId}/steps/3`)!, /own commitment/);
    assert.doesNotMatch(pages.get(`/spaces/${spaceId}`)!, /What changes when your partner joins/);
  });
});
