import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allGuides, guideUrl, parseGuide, guideFile } from '../../src/core/guides/index.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Issue #25: every guide has its page, open to anyone (guides hold nothing of anyone's); each step's
 * page leads each person to their own role's guide in one tap, and the hard-day pages lead to the
 * guides (after an affair, to the one on triggers first).
 */

const titleOf = (url: string) => {
  const id = allGuides().find((g) => guideUrl(g) === url)!;
  return parseGuide(fs.readFileSync(path.join('content', 'guides', guideFile(id)), 'utf8')).title;
};
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const guideLinks = (body: string) => [...body.matchAll(/href="(\/guides\/[^"]+)"/g)].map((m) => m[1]);

describeEachDatabase('the guides', (get) => {
  test('every guide has a page anyone can read, listed on /guides; an unknown guide is not found', async () => {
    const { app } = get();
    const index = await app.inject({ method: 'GET', url: '/guides' });
    assert.equal(index.statusCode, 200);
    assert.deepEqual(new Set(guideLinks(index.body)), new Set(allGuides().map(guideUrl)));
    for (const id of allGuides()) {
      const page = await app.inject({ method: 'GET', url: guideUrl(id) });
      assert.equal(page.statusCode, 200, guideUrl(id));
      assert.ok(page.body.includes(`<h1>${escaped(titleOf(guideUrl(id)))}</h1>`), guideUrl(id));
      assert.match(page.body, /<h2>Sources<\/h2>/);
      assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    }
    for (const url of [
      '/guides/step-8/hurt',
      '/guides/step-1/someone',
      '/guides/affair/secrets',
      '/guides/step-1/hurt.md',
      '/guides/..%2F..%2Fpackage.json/x',
    ]) {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url);
    }
  });

  test('each step page leads each person to their own guide: broke trust, hurt, both, alone; a therapist sees all three', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
      .id as string;
    const alex = await pagesAs(app, a);
    const sam = await pagesAs(app, b);
    const own = (body: string) => /<p><a href="(\/guides\/[^"]+)">Read the guide for this step<\/a><\/p>/.exec(body)?.[1];
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const alexPage = (await alex.get(`/journeys/${journeyId}/steps/${n}`)).body;
      const samPage = (await sam.get(`/journeys/${journeyId}/steps/${n}`)).body;
      assert.equal(own(alexPage), `/guides/step-${n}/broke-trust`, `step ${n}, Alex`);
      assert.equal(own(samPage), `/guides/step-${n}/hurt`, `step ${n}, Sam`);
      // The other readers' guides are there too: a guide is not private.
      assert.ok(guideLinks(alexPage).includes(`/guides/step-${n}/hurt`));
      assert.ok(guideLinks(samPage).includes(`/guides/step-${n}/alone`));
    }

    const lee = await pagesAs(app, await activeTherapist(app, a, b, spaceId));
    const leePage = (await lee.get(`/journeys/${journeyId}/steps/2`)).body;
    assert.equal(own(leePage), undefined);
    for (const who of ['broke-trust', 'hurt', 'alone']) assert.ok(guideLinks(leePage).includes(`/guides/step-2/${who}`), who);

    const both = await couple(app, ['Kim', 'Jo']);
    const bothJourney = json(
      await both.a.api.post(`/api/v1/spaces/${both.spaceId}/breaches`, { kind: 'lying', brokeTrust: [both.a.id, both.b.id] }),
    ).journey.id as string;
    const kimPage = (await (await pagesAs(app, both.a)).get(`/journeys/${bothJourney}/steps/1`)).body;
    assert.match(kimPage, /Read the guide for this step:<\/p>/);
    assert.match(kimPage, /<a href="\/guides\/step-1\/broke-trust">For the partner who broke trust<\/a>/);
    assert.match(kimPage, /<a href="\/guides\/step-1\/hurt">For the partner who was hurt<\/a>/);

    const robin = await signUp(app, 'Robin');
    const soloSpace = json(await robin.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const soloJourney = json(
      await robin.api.post(`/api/v1/spaces/${soloSpace}/breaches`, { kind: 'lying', brokeTrust: ['absent-partner'] }),
    ).journey.id as string;
    assert.equal(own((await (await pagesAs(app, robin)).get(`/journeys/${soloJourney}/steps/1`)).body), '/guides/step-1/alone');
  });

  test('the hard-day pages lead to the guides, and after an affair to the guide on triggers; questions and triggers pages to theirs', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const sam = await pagesAs(app, b);
    const noJourney = (await sam.get(`/spaces/${spaceId}/hard-day`)).body;
    assert.ok(guideLinks(noJourney).length === 0 && noJourney.includes('href="/guides"'), 'the space hard-day page links to the guides');

    const lie = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id as string;
    const lieDay = (await sam.get(`/journeys/${lie}/hard-day`)).body;
    assert.ok(lieDay.includes('href="/guides"'));
    assert.ok(!lieDay.includes('/guides/affair/triggers'), 'the triggers guide is for after an affair');

    const other = await couple(app, ['Ash', 'Lou']);
    const affair = json(
      await other.b.api.post(`/api/v1/spaces/${other.spaceId}/breaches`, { kind: 'emotional_affair', brokeTrust: [other.a.id] }),
    ).journey.id as string;
    const lou = await pagesAs(app, other.b);
    const affairDay = (await lou.get(`/journeys/${affair}/hard-day`)).body;
    assert.ok(affairDay.includes('href="/guides/affair/triggers"'));
    assert.ok(affairDay.includes('href="/guides"'));
    assert.ok((await lou.get(`/journeys/${affair}/triggers`)).body.includes('href="/guides/affair/triggers"'));
    assert.ok((await lou.get(`/journeys/${affair}/questions`)).body.includes('href="/guides/affair/questions-and-disclosure"'));
  });

  test('a guide reads the same signed in or not: it holds nothing of anyone', async () => {
    const { app } = get();
    const { a } = await couple(app);
    const alex = await pagesAs(app, a);
    const article = (body: string) => /<article class="guide">[\s\S]*?<\/article>/.exec(body)?.[0];
    const signedIn = article((await alex.get('/guides/step-3/hurt')).body);
    const anonymous = article((await app.inject({ method: 'GET', url: '/guides/step-3/hurt' })).body);
    assert.ok(signedIn && signedIn === anonymous);
    assert.ok(!signedIn.includes(a.displayName));
  });
});
