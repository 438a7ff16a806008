import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { couple } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { NUMBERS_QUESTION, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Choosing "Yesterday" on the check-in page shows yesterday's own check-in (or an empty form), not
 * today's numbers, mood and note, and saving it never overwrites today's (issue #20). On a 390 px
 * phone, with and without JavaScript, by clicks only.
 */

const skip = browserSkipReason();
const SHOTS = path.resolve('test-results', 'checkin-day');
const LEGENDS = [
  'How safe do you feel with your partner today?',
  'How much do you trust your partner today?',
  'How close do you feel today?',
];
const TODAY_NOTE = 'CANARY-TODAY-NOTE a heavy evening';

async function checked(page: Page, legend: string): Promise<string | null> {
  const group = page.getByRole('group', { name: legend });
  for (let i = 0; i <= 10; i++) if (await group.getByRole('radio', { name: String(i), exact: true }).isChecked()) return String(i);
  return null;
}

async function fill(page: Page, values: [number, number, number]): Promise<void> {
  for (const [i, legend] of LEGENDS.entries())
    await page
      .getByRole('group', { name: legend })
      .getByRole('radio', { name: String(values[i]), exact: true })
      .check();
}

describe('choosing the day on the check-in page [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => session?.close());

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: Yesterday shows yesterday's own check-in, and saving it leaves today's as it was`, async () => {
      const { b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 }, javaScriptEnabled });
      const { page } = sam;
      await page.goto(`${session.origin}/spaces/${spaceId}/check-in`);
      await page.getByRole('heading', { level: 1, name: 'Today’s check-in' }).waitFor();
      await fill(page, [1, 9, 4]);
      await page.getByRole('radio', { name: 'Hard' }).check();
      await page.getByRole('group', { name: NUMBERS_QUESTION }).getByRole('radio', { name: 'My partner too' }).check();
      await page.getByText('Add a note (optional)').click();
      await page.getByLabel('Your note').fill(TODAY_NOTE);
      await page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'Only me' }).check();
      await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
      await page.getByText('your check-in is saved').waitFor();

      // The day picker: yesterday has no check-in yet, so its form is empty.
      const days = page.getByRole('navigation', { name: 'Which day to check in for' });
      await Promise.all([page.waitForURL(/date=/), days.getByRole('link', { name: 'Yesterday' }).click()]);
      await page.getByRole('heading', { level: 1, name: 'Yesterday’s check-in' }).waitFor();
      for (const legend of LEGENDS) assert.equal(await checked(page, legend), null, `${legend}: nothing from today`);
      assert.equal(await page.getByRole('radio', { name: 'Hard' }).isChecked(), false, 'today’s mood is not carried over');
      assert.equal(await page.getByLabel('Your note').inputValue(), '', 'today’s note is not carried over');
      assert.equal(await page.getByText(TODAY_NOTE).count(), 0);
      await session.checkPage(sam, 'yesterday’s check-in, empty');
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `yesterday-${javaScriptEnabled ? 'js' : 'nojs'}-390.png`), fullPage: true });

      await fill(page, [7, 6, 5]);
      await page.getByRole('radio', { name: 'Good' }).check();
      await Promise.all([page.waitForURL(/date=.*saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
      await page.getByRole('heading', { level: 1, name: 'Yesterday’s check-in' }).waitFor();
      assert.equal(await checked(page, LEGENDS[0]!), '7', 'yesterday’s own numbers after saving');
      assert.equal(await page.getByRole('radio', { name: 'Good' }).isChecked(), true);

      await Promise.all([page.waitForURL(/check-in$/), days.getByRole('link', { name: 'Today' }).click()]);
      await page.getByRole('heading', { level: 1, name: 'Today’s check-in' }).waitFor();
      assert.deepEqual(
        [await checked(page, LEGENDS[0]!), await checked(page, LEGENDS[1]!), await checked(page, LEGENDS[2]!)],
        ['1', '9', '4'],
      );
      assert.equal(await page.getByRole('radio', { name: 'Hard' }).isChecked(), true);
      assert.equal(await page.getByLabel('Your note').inputValue(), TODAY_NOTE);

      // Stored: two check-ins, each with its own values.
      const list = json(await b.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{
        date: string;
        safety: number;
        day: string | null;
      }>;
      const byDate = [...list].sort((x, y) => (x.date < y.date ? 1 : -1));
      assert.equal(byDate.length, 2);
      assert.deepEqual(
        byDate.map((c) => [c.safety, c.day]),
        [
          [1, 'hard'],
          [7, 'good'],
        ],
      );
    });
  }
});
