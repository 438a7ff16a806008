import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { couple, signUp } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Issue #25 in a real browser on a 390 px phone, with and without JavaScript: from a step's page
 * each partner reaches their own guide in one tap and the other role's in one more; from the
 * hard-day page the guides are two taps away, and after an affair the triggers guide one. Every
 * page passes axe (where scripts run) and nothing is wider than the phone.
 */

const skip = browserSkipReason();
const SHOTS = path.resolve('test-results', 'guides');

describe('the guides, reached by tapping [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => session?.close());

  for (const javaScriptEnabled of [true, false]) {
    const label = javaScriptEnabled ? 'js-390' : 'nojs-390';
    test(`${label}: step page → own guide → the other role's; hard-day page → triggers guide, and → all guides → a guide`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
        .id as string;
      const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 }, javaScriptEnabled });
      const { page } = sam;
      const fitsThePhone = async (what: string) =>
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, `${what} is no wider than the phone`);

      await page.goto(`${session.origin}/journeys/${journeyId}/steps/1`);
      await Promise.all([
        page.waitForURL(/\/guides\/step-1\/hurt$/),
        page.getByRole('link', { name: 'Read the guide for this step' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: /Step 1, for the partner who was hurt/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'When to see a therapist' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Sources' }).waitFor();
      await fitsThePhone('the guide');
      await session.checkPage(sam, 'a step guide');
      await page.screenshot({ path: path.join(SHOTS, `step-1-hurt-${label}.png`), fullPage: true });

      await Promise.all([
        page.waitForURL(/\/guides\/step-1\/broke-trust$/),
        page
          .getByRole('navigation', { name: 'The same step, for the others' })
          .getByRole('link', { name: 'For the partner who broke trust' })
          .click(),
      ]);
      await page.getByRole('heading', { level: 1, name: /Step 1, for the partner who broke trust/ }).waitFor();

      await page.goto(`${session.origin}/journeys/${journeyId}/hard-day`);
      await Promise.all([
        page.waitForURL(/\/guides\/affair\/triggers$/),
        page.getByRole('link', { name: /triggers, and how to answer them/ }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'After an affair: triggers, and how to answer them' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'If you were hurt' }).waitFor();
      await fitsThePhone('the triggers guide');
      await session.checkPage(sam, 'the triggers guide');
      await page.screenshot({ path: path.join(SHOTS, `triggers-${label}.png`), fullPage: true });

      await page.goto(`${session.origin}/journeys/${journeyId}/hard-day`);
      await Promise.all([page.waitForURL(/\/guides$/), page.getByRole('link', { name: 'Short guides for each step' }).click()]);
      await fitsThePhone('the list of guides');
      await session.checkPage(sam, 'the list of guides');
      await page.screenshot({ path: path.join(SHOTS, `index-${label}.png`), fullPage: true });
      await Promise.all([
        page.waitForURL(/\/guides\/step-4\/hurt$/),
        page.getByRole('list', { name: 'Step 4: Practice patience' }).getByRole('link', { name: 'For the partner who was hurt' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: /Step 4, for the partner who was hurt/ }).waitFor();
    });
  }

  test('someone alone is led to the guide for one person, and the partner who broke trust to theirs', async () => {
    const app = session.testApp.app;
    const jo = await signUp(app, 'Jo');
    const soloSpace = json(await jo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const soloJourney = json(await jo.api.post(`/api/v1/spaces/${soloSpace}/breaches`, { kind: 'lying', brokeTrust: ['absent-partner'] }))
      .journey.id as string;
    const alone = await signedIn(session, jo, { viewport: { width: 390, height: 844 } });
    await alone.page.goto(`${session.origin}/journeys/${soloJourney}/steps/2`);
    await Promise.all([
      alone.page.waitForURL(/\/guides\/step-2\/alone$/),
      alone.page.getByRole('link', { name: 'Read the guide for this step' }).click(),
    ]);
    await alone.page.getByRole('heading', { level: 1, name: /Step 2, on your own/ }).waitFor();
    await session.checkPage(alone, 'the guide for someone alone');

    const { a, b, spaceId } = await couple(app, ['Ari', 'Bo']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'broken_promise', brokeTrust: [a.id] })).journey
      .id as string;
    const ari = await signedIn(session, a, { viewport: { width: 390, height: 844 } });
    await ari.page.goto(`${session.origin}/journeys/${journeyId}/steps/1`);
    await Promise.all([
      ari.page.waitForURL(/\/guides\/step-1\/broke-trust$/),
      ari.page.getByRole('link', { name: 'Read the guide for this step' }).click(),
    ]);
    await session.checkPage(ari, 'the guide for the partner who broke trust');
    await ari.page.screenshot({ path: path.join(SHOTS, 'step-1-broke-trust-js-390.png'), fullPage: true });
  });
});
