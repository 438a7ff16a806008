import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../src/core/time.js';
import { json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason, checkA11y } from './support/browser.js';
import { activeAgreement, checkIn, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Issue #4 in a real browser: both partners check in on their phones, the committed partner logs
 * an agreement occasion, the other confirms it, and the progress page shows the trend chart with
 * its text summary and its data table. Every page is checked with axe-core and for console/CSP
 * problems. SQLite is enough here; the HTTP suites cover both databases.
 */

const skip = browserSkipReason();

describe('check-ins, agreement log and progress in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let a: Person;
  let b: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    ({ origin } = session);
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
    // Steps 1–3 through the API, so an agreement Alex committed to is active.
    await activeAgreement(a, b, spaceId, 'I text Sam by 18:00 when I will be late.');
  });

  after(async () => {
    await session?.close();
  });

  test('both partners check in; Alex logs an occasion; Sam confirms it and finds the trend chart and its table', async () => {
    const alex = await signedIn(session, a);
    await checkIn(session, alex.page, spaceId, [6, 5, 7], 'Good');
    await checkA11y(alex.page, 'the check-in page');

    const sam = await signedIn(session, b);
    await checkIn(session, sam.page, spaceId, [4, 3, 5], 'Good');

    await alex.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    await alex.page.getByRole('radio', { name: 'Kept' }).check();
    await Promise.all([alex.page.waitForURL(/agreement-log$/), alex.page.getByRole('button', { name: 'Log this occasion' }).click()]);
    await alex.page.getByText('not yet confirmed').waitFor();
    await checkA11y(alex.page, 'the agreement log');

    await sam.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    await Promise.all([sam.page.waitForURL(/agreement-log$/), sam.page.getByRole('button', { name: 'Confirm' }).click()]);
    await sam.page.getByText('confirmed', { exact: true }).waitFor();

    await sam.page.goto(`${origin}/spaces/${spaceId}/progress`);
    // The first day (issue #20): today's numbers and what appears when — no chart with nothing in it.
    await sam.page.getByRole('heading', { name: /^Today, / }).waitFor();
    assert.match(
      (await sam.page.locator('.today-numbers').innerText()).replace(/\s+/g, ' '),
      /You: feeling safe 4, trust 3, closeness 5 — a good day\. Alex: feeling safe 6, trust 5, closeness 7 — a good day\./,
    );
    assert.equal(await sam.page.locator('figure#chart-trust').count(), 0);
    assert.match(
      await sam.page.locator('ul.coming').innerText(),
      /The lines for feeling safe, trust and closeness appear after 3 check-ins/,
    );
    await checkA11y(sam.page, 'the progress page on the first day');

    // Two forgotten evenings filled in (a check-in may be for the two days before): the lines appear.
    const today = json(await b.api.get(`/api/v1/spaces/${spaceId}/progress`)).today as string;
    for (const back of [1, 2]) {
      const res = await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${addDays(today, -back)}`, { safety: 4, trust: 4, closeness: 5 });
      assert.equal(res.statusCode, 201, res.body);
    }
    await sam.page.reload();
    const chart = sam.page.locator('figure#chart-trust');
    await chart.waitFor();
    assert.equal(await chart.locator('svg[role="img"]').count(), 1);
    assert.match((await chart.locator('figcaption').innerText()).replace(/\s+/g, ' '), /Trust, 7-day average/);
    await chart.getByText('Show the numbers').click();
    const table = chart.getByRole('table');
    await table.waitFor({ state: 'visible' });
    assert.ok((await table.getByRole('row').count()) >= 1);
    assert.match(
      (await sam.page.locator('section[aria-labelledby="h-consistency"] ul').innerText()).replace(/\s+/g, ' '),
      /Alex: Kept about \d+ in 10 times so far, but with only 1 occasion that could be anywhere from \d+ to \d+ in 10\./,
    );
    await checkA11y(sam.page, 'the progress page');
    // To be looked at (issue #20): set MEND_SHOTS_DIR to keep a picture of the page with its lines.
    if (process.env.MEND_SHOTS_DIR)
      await sam.page.screenshot({ path: `${process.env.MEND_SHOTS_DIR}/sam-lines-phone.png`, fullPage: true });

    // Nothing overflows the phone's width.
    const overflow = await sam.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the progress page scrolls sideways by ${overflow}px at 360px`);
    alex.problems.assertNone('for Alex');
    sam.problems.assertNone('for Sam');
  });
});
