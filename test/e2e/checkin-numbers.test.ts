import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { NUMBERS_QUESTION, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * The first check-in asks who sees the numbers, with nothing picked, in a real browser with and
 * without JavaScript: unanswered, the page says so beside the question and keeps everything
 * typed; answered "only me", the partner's pages say only that a check-in happened.
 */

const skip = browserSkipReason();
const LEGENDS = [
  'How safe do you feel with your partner today?',
  'How much do you trust your partner today?',
  'How close do you feel today?',
];
const ONLY_ME = 'Only me — my partner sees only that I checked in';
const NOTE = 'A hard evening, I kept to myself';

describe('the first check-in asks who sees the numbers [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => session?.close());

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: asked plainly, an unanswered question keeps what was typed, the partner sees only that Sam checked in`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 }, javaScriptEnabled });
      const { page } = sam;
      await page.goto(`${session.origin}/spaces/${spaceId}/check-in`);
      const question = page.getByRole('group', { name: NUMBERS_QUESTION });
      await question.getByText('Your partner always sees that you checked in.').waitFor();
      for (const name of ['My partner too', ONLY_ME])
        assert.equal(await question.getByRole('radio', { name }).isChecked(), false, `${name}: not picked for Sam`);
      await session.checkPage(sam, 'the first check-in');

      for (const [i, legend] of LEGENDS.entries()) {
        await page
          .getByRole('group', { name: legend })
          .getByRole('radio', { name: String([1, 9, 4][i]), exact: true })
          .check();
      }
      await page.getByRole('radio', { name: 'Hard' }).check();
      await page.getByText('Add a note (optional)').click();
      await page.getByLabel('Your note').fill(NOTE);
      const noteQuestion = page.getByRole('group', { name: 'Who can read this note?' });
      for (const name of ['Only me', 'My partner too']) assert.equal(await noteQuestion.getByRole('radio', { name }).isChecked(), false);
      sam.problems.expectStatus(/\/check-in$/, 400);
      await page.getByRole('button', { name: 'Save check-in' }).click();

      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await question.getByText('Choose who sees your numbers: your partner too, or only you.').waitFor();
      await noteQuestion.getByText('Choose who can read your note: only you, or your partner too.').waitFor();
      assert.equal(
        await page.getByRole('group', { name: LEGENDS[1]! }).getByRole('radio', { name: '9', exact: true }).isChecked(),
        true,
        'the numbers are kept',
      );
      assert.equal(await page.getByRole('radio', { name: 'Hard' }).isChecked(), true);
      assert.equal(await page.getByLabel('Your note').inputValue(), NOTE, 'the note is kept');
      await session.checkPage(sam, 'the check-in sent back');

      await question.getByRole('radio', { name: ONLY_ME }).check();
      await noteQuestion.getByRole('radio', { name: 'Only me' }).check();
      await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
      await page.getByText('Your partner sees only that you checked in; your numbers are yours alone.').waitFor();
      assert.equal(await question.getByRole('radio', { name: ONLY_ME }).isChecked(), true, 'a later check-in shows the choice made');

      const alex = await signedIn(session, a, { javaScriptEnabled });
      await alex.page.goto(`${session.origin}/spaces/${spaceId}/check-in`);
      const today = alex.page.locator('#partner-today');
      await today.getByText('Sam checked in today. Their numbers are for them alone.').waitFor();
      await alex.page.goto(`${session.origin}/spaces/${spaceId}/progress`);
      await alex.page.getByText('keeps their numbers to themselves').first().waitFor();
      for (const url of ['check-in', 'progress']) {
        await alex.page.goto(`${session.origin}/spaces/${spaceId}/${url}`);
        const text = await alex.page.locator('main').innerText();
        assert.doesNotMatch(text, /trust 9|\b9\.0\b|kept to myself/, `Alex's ${url} page`);
      }
      await session.checkPage(alex, 'the partner’s check-in page');
    });
  }
});
