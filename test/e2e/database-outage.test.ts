import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { couple, type Person } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason, checkA11y } from './support/browser.js';
import { NUMBERS_QUESTION, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * The 503 page after a form tells the person their words are one step back; this checks that is
 * true in a real browser: a check-in sent while another connection holds SQLite's write lock
 * (past the 5 s busy timeout) gets the 503 page, Back shows the form with the note and the scores
 * still filled in (Chromium restores them though Mend's pages are no-store) and "Add a note" open
 * with the note in sight, and sending it again once the lock is gone saves it. The HTTP suite
 * covers PostgreSQL.
 */

const skip = browserSkipReason();
const LEGENDS = [
  'How safe do you feel with your partner today?',
  'How much do you trust your partner today?',
  'How close do you feel today?',
];

describe('a check-in form sent while the database is locked, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let a: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    ({ a, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
  });
  after(async () => {
    await session?.close();
  });

  test('the 503 page says to try again; Back brings back what was written; sending it again saves it', async () => {
    const alex = await signedIn(session, a);
    const { page } = alex;
    const note = 'I kept my words through the outage';
    await page.goto(`${session.origin}/spaces/${spaceId}/check-in`);
    for (const [i, legend] of LEGENDS.entries()) {
      await page
        .getByRole('group', { name: legend })
        .getByRole('radio', { name: String([6, 5, 4][i]), exact: true })
        .check();
    }
    await page
      .getByRole('group', { name: NUMBERS_QUESTION })
      .getByRole('radio', { name: 'Only me — my partner sees only that I checked in' })
      .check();
    await page.getByText('Add a note (optional)').click();
    await page.getByLabel('Your note').fill(note);
    await page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'Only me' }).check();

    const other = new SQLite(path.join(session.testApp.database.dataDir, SQLITE_FILE_NAME));
    alex.problems.expectStatus(/\/check-in$/, 503);
    try {
      other.exec('begin immediate');
      await page.getByRole('button', { name: 'Save check-in' }).click();
      await page.getByRole('heading', { name: 'Please try again in a moment' }).waitFor();
      const text = await page.locator('main').innerText();
      assert.match(text, /may not have been saved/);
      assert.match(text, /Back button/);
      assert.ok(!text.includes(note), 'the 503 page does not repeat the note');
      await checkA11y(page, 'the 503 page');
    } finally {
      other.exec('rollback');
      other.close();
    }

    await page.goBack();
    const field = page.getByLabel('Your note');
    // Chromium restores the text but not the open state of "Add a note": the open-filled island
    // opens it, so the note is in sight rather than hidden in a closed box.
    await field.waitFor({ state: 'visible' });
    assert.equal(await page.locator('details.checkin-note').evaluate((d) => (d as HTMLDetailsElement).open), true, '"Add a note" is open');
    assert.equal(await field.inputValue(), note, 'the note is still in the form');
    assert.equal(await page.getByRole('group', { name: LEGENDS[0]! }).getByRole('radio', { name: '6', exact: true }).isChecked(), true);
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
    await page.getByText('your check-in is saved').waitFor();

    const saved = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{
      safety: number;
      note: { text: string } | null;
    }>;
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.note?.text, note);
    assert.equal(saved[0]!.safety, 6);
    alex.problems.assertNone('for Alex');
  });
});
