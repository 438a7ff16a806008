import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { manyThroughStores } from '../support/paging.js';
import { browserSkipReason } from './support/browser.js';
import { assertNotInPage, browserCouple, signedIn } from './support/partners.js';

/**
 * A long history is read a page at a time in a real browser, with and without JavaScript, on a
 * phone and a desktop: the newest 50, then "Older requests" / "Older meetings" down to the first
 * words written. The partner's private note (a canary) is never on any page.
 */

const skip = browserSkipReason();

describe('older items of a long history, in a browser [sqlite]', { skip }, () => {
  const get = browserCouple(async ({ session, b, spaceId }) => {
    await manyThroughStores(session.testApp.app, spaceId, b.id, 70, (i) => `Written in week ${i}.`);
    await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'canary-older-7c2f', visibility: 'private' } });
  });

  for (const javaScriptEnabled of [false, true]) {
    for (const width of [390, 1200]) {
      test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript at ${width} px: the first words are on the older page`, async () => {
        const { session, a, spaceId } = get();
        const profile = await signedIn(session, a, { viewport: { width, height: 900 }, javaScriptEnabled });
        const { page } = profile;
        for (const [path, label, name] of [
          ['reassurance', 'Older requests', 'reassurance'],
          ['meetings', 'Older meetings', 'meetings'],
        ] as const) {
          await page.goto(`${session.origin}/spaces/${spaceId}/${path}`);
          assert.equal(await page.getByText('Written in week 0.', { exact: true }).count(), 0, 'not on the newest page');
          await page.getByRole('link', { name: label }).click();
          await page.waitForURL(/older=/);
          await page.getByText('Written in week 0.', { exact: true }).first().waitFor();
          assert.equal(await page.getByRole('link', { name: label }).count(), 0, 'nothing older is left');
          await page.getByRole('link', { name: 'Back to the newest' }).waitFor();
          await assertNotInPage(page, 'canary-older-7c2f', `${name}, older page`);
          await session.checkPage(profile, `${name} older page`);
          await page.getByRole('link', { name: 'Back to the newest' }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `/tmp/pages-${name}-older-${width}${javaScriptEnabled ? '-js' : ''}.png`, fullPage: false });
          await page.getByRole('link', { name: 'Back to the newest' }).click();
          await page.getByRole('link', { name: label }).waitFor();
          await assertNotInPage(page, 'canary-older-7c2f', `${name}, newest page`);
        }
      });
    }
  }
});
