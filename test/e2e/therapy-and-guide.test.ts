import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { couple, signUp } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';
import { DECISION_GUIDE } from '../../src/core/journey/index.js';

/**
 * Issue #20, item 6, in a real browser on a phone and a desktop, with and without JavaScript: the
 * therapy page leads with the person's country's directories, the picker shows another country's,
 * and "Invite your therapist" makes a real invitation; the decision guide speaks to each partner.
 */

const skip = browserSkipReason();
const SHOTS = path.resolve('test-results', 'therapy-and-guide');

describe('finding a therapist and the decision guide [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => session?.close());

  for (const [javaScriptEnabled, width] of [
    [true, 390],
    [false, 390],
    [true, 1280],
  ] as const) {
    const label = `${javaScriptEnabled ? 'js' : 'nojs'}-${width}`;
    test(`${label}: directories for Ireland first, the UK on request, a real invitation; each partner's own guide`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      await session.testApp.app.mend.accounts.updateSettings(a.id, { displayName: 'Alex', timezone: 'Europe/Dublin', country: 'IE' });
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
        .id as string;
      const alex = await signedIn(session, a, { viewport: { width, height: 844 }, javaScriptEnabled });
      const { page } = alex;

      await page.goto(`${session.origin}/journeys/${journeyId}/therapy`);
      await page.getByRole('heading', { name: 'Where to look in Ireland' }).waitFor();
      await page.getByRole('link', { name: 'IACP — Find a Therapist' }).waitFor();
      assert.equal(await page.getByText('space settings').count(), 0);
      await session.checkPage(alex, 'the therapy page');
      await page.screenshot({ path: path.join(SHOTS, `therapy-${label}.png`), fullPage: true });

      await page.getByLabel('Show directories for').selectOption({ label: 'United Kingdom' });
      await Promise.all([page.waitForURL(/country=GB/), page.getByRole('button', { name: 'Show', exact: true }).click()]);
      await page.getByRole('heading', { name: 'Where to look in United Kingdom' }).waitFor();
      await page.getByRole('link', { name: 'BACP — Find a therapist' }).waitFor();

      await Promise.all([page.waitForURL(/\/invitation\?code=/), page.getByRole('button', { name: 'Invite your therapist' }).click()]);
      await session.checkPage(alex, 'the therapist invitation');

      await page.goto(`${session.origin}/spaces/${spaceId}/decision-guide`);
      await page.getByText(DECISION_GUIDE.broke_trust.intro).waitFor();
      assert.equal(await page.getByText(DECISION_GUIDE.hurt.intro).count(), 0);
      await session.checkPage(alex, 'the decision guide, for the partner who broke trust');
      await page.screenshot({ path: path.join(SHOTS, `guide-broke-${label}.png`), fullPage: true });

      const sam = await signedIn(session, b, { viewport: { width, height: 844 }, javaScriptEnabled });
      await sam.page.goto(`${session.origin}/spaces/${spaceId}/decision-guide`);
      await sam.page.getByText(DECISION_GUIDE.hurt.intro).waitFor();
      assert.equal(await sam.page.getByText(DECISION_GUIDE.broke_trust.intro).count(), 0);
      await session.checkPage(sam, 'the decision guide, for the hurt partner');
      await sam.page.screenshot({ path: path.join(SHOTS, `guide-hurt-${label}.png`), fullPage: true });
    });
  }

  test('a therapist reads where to look and what each partner is asked, with no invitation form; someone alone reads their own guide', async () => {
    const app = session.testApp.app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
      .id as string;
    const lee = await signedIn(session, await activeTherapist(app, a, b, spaceId), { viewport: { width: 390, height: 844 } });
    await lee.page.goto(`${session.origin}/journeys/${journeyId}/therapy`);
    await lee.page.getByRole('heading', { name: /Where to look/ }).waitFor();
    assert.equal(await lee.page.getByRole('button', { name: 'Invite your therapist' }).count(), 0);
    await session.checkPage(lee, 'the therapy page, for the therapist');
    await lee.page.goto(`${session.origin}/spaces/${spaceId}/decision-guide`);
    await lee.page.getByRole('heading', { name: 'For the partner who broke trust' }).waitFor();
    await session.checkPage(lee, 'the decision guide, for the therapist');
    await lee.page.screenshot({ path: path.join(SHOTS, 'guide-therapist-390.png'), fullPage: true });

    const jo = await signUp(app, 'Jo');
    const soloSpace = json(await jo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    await jo.api.post(`/api/v1/spaces/${soloSpace}/breaches`, { kind: 'lying', brokeTrust: ['absent-partner'] });
    const alone = await signedIn(session, jo, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await alone.page.goto(`${session.origin}/spaces/${soloSpace}/decision-guide`);
    await alone.page.getByText(DECISION_GUIDE.alone.intro).waitFor();
    await session.checkPage(alone, 'the decision guide, alone');
    await alone.page.screenshot({ path: path.join(SHOTS, 'guide-alone-nojs-390.png'), fullPage: true });
  });
});
