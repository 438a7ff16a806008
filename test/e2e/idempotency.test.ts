import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { couple } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Issue #16 item 5 through the real page, with and without JavaScript: a form pressed twice, or
 * sent, left with Back and sent again, is saved once, and the person lands where the first
 * sending took them.
 */

const skip = browserSkipReason();

describe('a page form sent twice is saved once, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;

  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => {
    await session?.close();
  });

  async function requests(spaceId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from reassurance_requests where space_id = ${spaceId}`.execute(
      session.testApp.app.mend.store.db,
    );
    return Number(rows[0]!.n);
  }

  /** The note and who may read it (nothing is picked for the person, issue #14). */
  async function writeAsk(page: Page, note: string): Promise<void> {
    await page.getByLabel('What would help right now? (optional)').fill(note);
    await page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'My partner too' }).check();
  }

  /**
   * Presses the button and waits for the page the answer leads to. The address ends in
   * /reassurance before and after, so waiting for it would return at once and race the navigation.
   */
  async function send(page: Page): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Ask for reassurance' }).click()]);
  }

  async function fillAsk(page: Page, spaceId: string, note: string): Promise<void> {
    await page.goto(`${session.origin}/spaces/${spaceId}/reassurance`);
    await writeAsk(page, note);
  }

  test('Back and send again: one call for reassurance (with JavaScript, which puts the page’s keys back)', async () => {
    const { b, spaceId } = await couple(session.testApp.app);
    const { page } = await signedIn(session, b);
    await fillAsk(page, spaceId, 'Please text me when you land.');
    await send(page);
    assert.equal(await requests(spaceId), 1);

    await page.goBack();
    await writeAsk(page, 'Please text me when you land.');
    await send(page);
    assert.equal(await requests(spaceId), 1, 'the second sending was answered as the first, not saved again');
    await page.screenshot({ path: '/tmp/idem-back-js.png', fullPage: true });

    // Back, and different words: a new call, as the person means.
    await page.goBack();
    await writeAsk(page, 'And call me tonight.');
    await send(page);
    assert.equal(await requests(spaceId), 2);
  });

  for (const javaScriptEnabled of [true, false]) {
    const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

    test(`the answer lost on the way, the page reloaded (the browser sends the form again): one call for reassurance (${how})`, async () => {
      const { b, spaceId } = await couple(session.testApp.app);
      const { page } = await signedIn(session, b, { javaScriptEnabled, viewport: { width: 390, height: 844 } });
      await fillAsk(page, spaceId, 'Are we still on for Sunday?');
      // The server saves it, but its answer never reaches the browser (a dropped connection).
      let saved!: () => void;
      const savedOnServer = new Promise<void>((resolve) => (saved = resolve));
      await page.route(
        `**/spaces/${spaceId}/reassurance`,
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          await route.fetch({ maxRedirects: 0 });
          saved();
          return route.abort('connectionreset');
        },
        { times: 1 },
      );
      await page
        .getByRole('button', { name: 'Ask for reassurance' })
        .click()
        .catch(() => undefined);
      await savedOnServer;
      assert.equal(await requests(spaceId), 1);
      await page.screenshot({ path: `/tmp/idem-lost-${javaScriptEnabled ? 'js' : 'nojs'}.png`, fullPage: true });
      await page.reload();
      await page.waitForURL(/\/reassurance$/);
      await page.getByText('Are we still on for Sunday?').first().waitFor();
      assert.equal(await requests(spaceId), 1, 'the form sent again was answered as the first time');
    });

    test(`pressed again while the first press is still on its way: one call for reassurance (${how})`, async () => {
      const { b, spaceId } = await couple(session.testApp.app);
      const { page } = await signedIn(session, b, { javaScriptEnabled, viewport: { width: 390, height: 844 } });
      await fillAsk(page, spaceId, 'Could you call at lunch?');
      // A slow answer: the first press reaches the server, and the person presses again before it comes back.
      let firstArrived!: () => void;
      let secondSent!: () => void;
      const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
      const pressedAgain = new Promise<void>((resolve) => (secondSent = resolve));
      let posts = 0;
      await page.route(`**/spaces/${spaceId}/reassurance`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        posts += 1;
        if (posts > 1) {
          secondSent();
          return route.continue();
        }
        const answer = await route.fetch({ maxRedirects: 0 });
        firstArrived();
        await pressedAgain;
        await route.fulfill({ response: answer }).catch(() => undefined);
      });
      const button = page.getByRole('button', { name: 'Ask for reassurance' });
      await button.click({ noWaitAfter: true });
      await arrived;
      // The keyboard on the button the press left focused, not a locator (it would wait for the
      // pending page, as a person does not) nor the mouse at a place measured earlier (the coach's
      // note may have moved the button since).
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/reassurance$/);
      await page.getByText('Could you call at lunch?').first().waitFor();
      assert.equal(posts, 2, 'both presses were sent');
      assert.equal(await requests(spaceId), 1);
      await page.screenshot({ path: `/tmp/idem-double-${javaScriptEnabled ? 'js' : 'nojs'}.png`, fullPage: true });
    });
  }
});
