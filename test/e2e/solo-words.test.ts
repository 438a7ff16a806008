import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { signUp } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * One person alone (issue #20), on a 390 px phone with and without JavaScript, and on a desktop: they create their
 * space by the form, read once what changes when a partner joins, find on the reassurance page what
 * it is for and no form that sends to nobody, read on the check-in, settings and therapist card that
 * nobody else sees anything yet, and make a commitment that reads as their own.
 */

const skip = browserSkipReason();
const SHOTS = '/tmp/shots-solo';

describe('a person alone, in a browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => session?.close());

  for (const [javaScriptEnabled, width] of [
    [false, 390],
    [true, 390],
    [true, 1280],
  ] as const) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript at ${width} px: words for one person`, async () => {
      const jo = await signUp(session.testApp.app, 'Jo');
      const profile = await signedIn(session, jo, { viewport: { width, height: 844 }, javaScriptEnabled });
      const { page } = profile;
      const tag = `${javaScriptEnabled ? 'js' : 'nojs'}-${width}`;

      await page.goto(`${session.origin}/`);
      await page.getByLabel('Name of your space (optional)').fill('Just me');
      await page.getByRole('button', { name: 'Create our space' }).click();
      await page.waitForURL(/\/spaces\/[^/]+$/);
      const spaceUrl = page.url();
      const main = page.locator('main');
      await page.getByRole('heading', { name: 'What changes when your partner joins' }).waitFor();
      const home = await main.innerText();
      assert.match(home, /What you keep private stays private/);
      assert.match(home, /They see nothing until you agree/);
      assert.doesNotMatch(home, /until both of you agree|either of you can end/i, 'the therapist card speaks to one person');
      await session.checkPage(profile, 'the space home, alone');
      await page.screenshot({ path: `${SHOTS}/home-${tag}.png`, fullPage: true });

      await page.getByRole('link', { name: 'Today’s check-in' }).click();
      await page.waitForURL(`${spaceUrl}/check-in`);
      const checkin = await main.innerText();
      assert.match(checkin, /For now nobody else sees your check-ins/);
      assert.doesNotMatch(checkin, /Your partner always sees/);
      await page.screenshot({ path: `${SHOTS}/checkin-${tag}.png`, fullPage: true });
      await page.getByRole('link', { name: 'Reassurance', exact: true }).first().click();
      await page.waitForURL(/\/reassurance$/);
      await page.getByRole('heading', { name: 'What reassurance is for' }).waitFor();
      const words = await main.innerText();
      assert.match(words, /asking opens when your partner joins this space/);
      assert.doesNotMatch(words, /Your partner will be told/);
      assert.equal(await page.getByRole('button', { name: 'Ask for reassurance' }).count(), 0, 'no form that sends to nobody');
      await session.checkPage(profile, 'reassurance, alone');
      await page.screenshot({ path: `${SHOTS}/reassurance-${tag}.png`, fullPage: true });

      await page.goto(`${session.origin}/account/settings`);
      const settings = await main.innerText();
      assert.equal(settings.split(/nobody else sees your check-ins/i).length - 1, 1, 'said once');
      assert.doesNotMatch(settings, /Your partner always sees|your partner sees/i);
      await page.screenshot({ path: `${SHOTS}/settings-${tag}.png`, fullPage: true });

      // A journey begun (through the API: this test is about the words), then a commitment by the form.
      const spaceId = spaceUrl.split('/').pop()!;
      const journeyId = json(
        await jo.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: ['absent-partner'] }),
      ).journey.id as string;
      await jo.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
      await jo.api.post(`/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'what_hurts',
        text: 'I need to know where I stand',
        visibility: 'private',
      });
      await page.goto(`${session.origin}/journeys/${journeyId}/steps/3`);
      assert.equal(
        await page.getByRole('heading', { name: 'Transparency agreements' }).count(),
        0,
        'nothing that needs two people’s consent',
      );
      await page.getByRole('link', { name: 'Make a commitment' }).click();
      await page.getByRole('heading', { level: 1, name: 'Make a commitment of your own' }).waitFor();
      await page.getByLabel('What will be done').fill('I go for a walk when it gets loud');
      await page.getByRole('button', { name: 'Make this commitment' }).click();
      await page.getByText('Your own commitment', { exact: true }).first().waitFor();
      const step3 = await main.innerText();
      assert.doesNotMatch(step3, /\bAgreed\b/);
      assert.doesNotMatch(step3, /Sealed until my partner writes theirs/);
      await session.checkPage(profile, 'step 3, alone');
      await page.screenshot({ path: `${SHOTS}/step3-${tag}.png`, fullPage: true });
    });
  }
});
