import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Leaving a space through the page itself, on a phone-sized screen, with and without JavaScript
 * (issue #19): the confirmation says what happens and offers the export, a wrong password is said
 * beside the field, the right one leaves; the partner who stays reads that Alex left and when,
 * and the journey still stands where it stood.
 */

const skip = browserSkipReason();

describe('leaving a space through the page [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => session?.close());

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: confirm with the password, and the partner is told calmly`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      const { journeyId } = await activeAgreement(a, b, spaceId, 'I tell you where I am when I am late');
      const viewport = { width: 390, height: 844 };
      const alex = await signedIn(session, a, { viewport, javaScriptEnabled });
      const { page } = alex;

      await page.goto(`${session.origin}/spaces/${spaceId}`);
      await page.getByRole('link', { name: 'Leave this space' }).click();
      await page.getByRole('heading', { level: 1, name: 'Leave Us?' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Download everything you can see' }).getAttribute('href'), '/account/export');
      await page.getByText('What you kept private', { exact: true }).waitFor();
      await page.getByText('Sam sees that you left and on which day', { exact: false }).waitFor();
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(width <= viewport.width, `the leave page is ${width}px wide at ${viewport.width}px`);
      await session.checkPage(alex, 'the leave confirmation');

      alex.problems.expectStatus(/\/leave$/, 403);
      await page.getByLabel('Your password').fill('not my password');
      await page.getByRole('button', { name: 'Leave this space' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      assert.equal(await page.getByLabel('Your password').getAttribute('aria-invalid'), 'true');
      await page.getByText('That password is not right.').first().waitFor();
      await session.checkPage(alex, 'the leave confirmation with a wrong password');
      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200, 'still in the space');

      await page.getByLabel('Your password').fill(a.password);
      await Promise.all([page.waitForURL(`${session.origin}/left-space`), page.getByRole('button', { name: 'Leave this space' }).click()]);
      await page.getByRole('heading', { level: 1, name: 'You have left the space' }).waitFor();
      await session.checkPage(alex, 'after leaving');
      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 404, 'Alex left');

      const sam = await signedIn(session, b, { viewport, javaScriptEnabled });
      await sam.page.goto(`${session.origin}/spaces/${spaceId}`);
      const notice = sam.page.getByRole('region', { name: 'Changes to this space' });
      await notice.getByText(/^Alex left the space on \d{1,2} [A-Z][a-z]+ \d{4}\.$/).waitFor();
      await notice.getByText('You can carry on alone', { exact: false }).waitFor();
      await sam.page.getByRole('button', { name: 'Invite your partner again' }).waitFor();
      assert.doesNotMatch(await sam.page.locator('main').innerText(), /join whenever they are ready/);
      await session.checkPage(sam, 'the space home after the partner left');

      await sam.page.goto(`${session.origin}/journeys/${journeyId}`);
      const main = await sam.page.locator('main').innerText();
      assert.doesNotMatch(main, /When your partner joins/);
      assert.match(main, /Alex left the space on/);
      await session.checkPage(sam, 'the journey after the partner left');
      const steps = json(await b.api.get(`/api/v1/journeys/${journeyId}`)).journey.steps as Array<{ status: string }>;
      assert.deepEqual(
        steps.slice(0, 3).map((s) => s.status),
        ['done', 'done', 'done'],
      );
    });
  }
});
