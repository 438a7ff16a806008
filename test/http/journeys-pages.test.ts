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

const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

describeEachDatabase('journey pages without JavaScript', (get) => {
  test('two partners walk steps 1–3 with plain forms: sealed reveal, apology and answer, an agreement countered and accepted', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const alex = await signedIn(app, a);
    const sam = await signedIn(app, b);

    // The space page lists journeys and offers to record a breach.
    const space = await sam.get(`/spaces/${spaceId}`);
    assert.match(space.body, /Repair journeys/);
    assert.match(space.body, /Record what broke trust/);

    await sam.get(`/spaces/${spaceId}/breaches/new`);
    const missing = await sam.post(`/spaces/${spaceId}/breaches`, { kind: '', who: 'partner' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /There is a problem/);
    const recorded = await sam.post(`/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      who: 'partner',
      description: 'The trip I found out about',
      descriptionVisibility: 'private',
      hurt: '4',
    });
    assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 500));
    const journeyUrl = location(recorded);
    const journeyId = journeyUrl.split('/').pop()!;
    assert.match((await sam.get(journeyUrl)).body, /The trip I found out about/);
    assert.doesNotMatch((await alex.get(journeyUrl)).body, /The trip I found out about/);
    assert.match((await alex.get(`/spaces/${spaceId}`)).body, new RegExp(`/journeys/${journeyId}`));

    // Step 1: the sealed pair.
    const step1 = `/journeys/${journeyId}/steps/1`;
    await alex.get(step1);
    const empty = await alex.post(`${step1}/entries`, { prompt: 'what_happened', text: '   ', visibility: 'sealed' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Write something before saving/);
    assert.equal(
      location(
        await alex.post(`${step1}/entries`, {
          prompt: 'what_happened',
          text: 'I know I hurt you when I lied about the trip.',
          visibility: 'sealed',
        }),
      ),
      `${step1}#what_happened-heading`,
    );
    const samBefore = await sam.get(step1);
    assert.match(samBefore.body, /Alex has written theirs/);
    assert.doesNotMatch(samBefore.body, /lied about the trip/);
    await sam.post(`${step1}/entries`, { prompt: 'what_happened', text: 'I feel betrayed because you planned it.', visibility: 'sealed' });
    assert.match((await sam.get(step1)).body, /lied about the trip/);
    assert.match((await alex.get(step1)).body, /I feel betrayed because you planned it/);
    for (const client of [alex, sam]) {
      await client.get(step1);
      assert.equal((await client.post(`/journeys/${journeyId}/acknowledge`, {})).statusCode, 303);
    }

    // Step 2: the builder shows the coach's suggestions without sending, then delivers.
    const builder = `/journeys/${journeyId}/apology`;
    await sam.get(builder);
    await alex.get(builder);
    const checked = await alex.post(builder, { action: 'check', 'parts.regret': 'I am sorry if you felt hurt.' });
    // Checking keeps the parts as a draft and draws the builder at its own address (issue #18).
    assert.equal(checked.statusCode, 303);
    assert.equal(checked.headers.location, `${builder}?checked=1#coach-heading`);
    const coached = await alex.get(`${builder}?checked=1`);
    assert.match(coached.body, /coach-findings/);
    assert.match(coached.body, /I am sorry if you felt hurt\./);
    const incomplete = await alex.post(builder, { action: 'deliver', 'parts.regret': 'I am sorry that I lied.' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Write a few words for this part/);
    const delivered = await alex.post(builder, {
      action: 'deliver',
      'parts.regret': 'I am sorry that I lied about the trip.',
      'parts.responsibility': 'I chose to hide it.',
      'parts.impact': 'You felt foolish and alone.',
      'parts.change': 'I will tell you my plans before I make them.',
      'parts.repair': 'I will plan our next trip with you.',
    });
    assert.equal(delivered.statusCode, 303, delivered.body.slice(0, 400));
    const samStep2 = await sam.get(`/journeys/${journeyId}/steps/2`);
    const answerLink = /href="(\/journeys\/[^"]+\/answer)"/.exec(samStep2.body)![1]!;
    assert.equal((await alex.get(answerLink)).statusCode, 200, 'the author can read it');
    await sam.get(answerLink);
    const answered = await sam.post(answerLink, { sincere: 'yes', missing: 'repair' });
    assert.equal(answered.statusCode, 303, answered.body.slice(0, 400));
    const alexStep2 = (await alex.get(`/journeys/${journeyId}/steps/2`)).body;
    assert.match(alexStep2, /it felt sincere/);
    assert.match(alexStep2, /what I offer to make it right/);

    // Step 3: propose, counter, accept.
    await alex.get(`/journeys/${journeyId}/agreements/new`);
    const vague = await alex.post(`/journeys/${journeyId}/agreements`, { who: 'me', text: '', cadence: 'daily' });
    assert.equal(vague.statusCode, 400);
    assert.equal(
      (await alex.post(`/journeys/${journeyId}/agreements`, { who: 'me', text: 'I tell you my plans a day ahead', cadence: 'each_time' }))
        .statusCode,
      303,
    );
    const samStep3 = await sam.get(`/journeys/${journeyId}/steps/3`);
    const counterLink = /href="(\/agreements\/[^"]+\/counter)"/.exec(samStep3.body)![1]!;
    await sam.get(counterLink);
    assert.equal((await sam.post(counterLink, { who: 'partner', text: '', cadence: 'each_time' })).statusCode, 400);
    assert.equal(
      (await sam.post(counterLink, { who: 'partner', text: 'You tell me your plans before you make them', cadence: 'each_time' }))
        .statusCode,
      303,
    );
    const alexStep3 = await alex.get(`/journeys/${journeyId}/steps/3`);
    assert.match(alexStep3.body, /How you got here/);
    const acceptAction = /action="(\/agreements\/[^"]+\/accept)"/.exec(alexStep3.body)![1]!;
    assert.equal((await alex.post(acceptAction, {})).statusCode, 303);
    const overview = await alex.get(journeyUrl);
    assert.equal((overview.body.match(/step-state--done">Done/g) ?? []).length, 3, 'steps 1–3 done');
  });

  test('outsiders get the not-found page, and the partner’s private entry is never on any page', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey.id;
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'SHARED-QUESTION' });
    const strangerPerson = await signUp(app, 'Stranger');
    const stranger = await signedIn(app, strangerPerson);
    for (const url of [
      `/journeys/${journeyId}`,
      `/journeys/${journeyId}/steps/1`,
      `/journeys/${journeyId}/questions`,
      `/journeys/${journeyId}/apology`,
      `/spaces/${spaceId}/breaches/new`,
    ]) {
      const res = await stranger.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /SHARED-QUESTION/);
    }
    const signedOut = new PageClient(app);
    const res = await signedOut.get(`/journeys/${journeyId}`);
    assert.ok([302, 303, 401].includes(res.statusCode), String(res.statusCode));
    const alex = await signedIn(app, a);
    const questions = await alex.get(`/journeys/${journeyId}/questions`);
    assert.match(questions.body, /SHARED-QUESTION/);
    assert.match(questions.body, /Not now, but I will answer by/);
    assert.match((await alex.get(`/journeys/${journeyId}`)).body, /Consider working with a couples therapist/);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) assert.equal((await alex.get(`/journeys/${journeyId}/steps/${n}`)).statusCode, 200, `step ${n}`);
    for (const p of ['hard-day', 'therapy', 'triggers']) assert.equal((await alex.get(`/journeys/${journeyId}/${p}`)).statusCode, 200, p);
  });
});
