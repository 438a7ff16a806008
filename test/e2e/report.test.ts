import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json, succeeded } from '../support/app.js';
import { couple, sharingNumbers, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * The printable record in a real browser (issue #19, item 4): a partner opens it through the
 * password step, reads it on a phone without sideways scrolling, and prints it — in print the
 * page furniture (quick exit, navigation, footer) is gone, the charts are there, nothing is wider
 * than A4, and headless Chromium makes a PDF of it. A therapist reaches it from the session
 * summary. Every page is checked with axe-core and for console and CSP problems.
 */

const skip = browserSkipReason();
/** A4 at 96 dpi is 794 px wide. */
const A4_WIDTH = 794;

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** Whether anything matching `selector` is shown (the layout has one of each). */
const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

describe('the printable record in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let a: Person;
  let b: Person;
  let t: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
    await sharingNumbers(a, b);
    const { journeyId, agreementId } = await activeAgreement(a, b, spaceId, 'I text Sam by 18:00 when I will be late.');
    await succeeded(
      b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'why_im_doing_this',
        text: 'Because we built a home together.',
        visibility: 'shared',
      }),
      'why',
    );
    const logged = await succeeded(
      a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: new Date().toISOString().slice(0, 10), kept: true, note: null }),
      'log',
    );
    await succeeded(b.api.post(`/api/v1/agreement-log/${json(logged).logEntry.id}/confirm`, {}), 'confirm');
    // Three days of check-ins (a check-in may be dated two days back): enough for a 7-day line.
    for (const back of [2, 1, 0]) {
      const day = new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
      for (const [p, n] of [
        [a, 6],
        [b, 4],
      ] as const)
        await succeeded(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, { safety: n, trust: n + back, closeness: n }), 'check in');
    }
    t = await activeTherapist(session.testApp.app, a, b, spaceId);
  });

  after(async () => {
    await session?.close();
  });

  async function openRecord(profile: Profile, person: Person): Promise<void> {
    const { page } = profile;
    const url = `${session.origin}/spaces/${spaceId}/report`;
    await page.getByRole('heading', { level: 1, name: 'Open the record' }).waitFor();
    await session.checkPage(profile, 'the password step of the record');
    await page.getByLabel('Your password').fill(person.password);
    await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Open the record' }).click()]);
  }

  test('Sam opens the record on a phone, reads it, prints it and saves it as a PDF', async () => {
    const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 } });
    const { page } = sam;
    // Until the password is confirmed, the record's address answers 403 with the password step.
    sam.problems.expectStatus(`${session.origin}/spaces/${spaceId}/report`, 403);
    await page.goto(`${session.origin}/spaces/${spaceId}`);
    await page.getByRole('link', { name: 'A record of this space, to read or print' }).click();
    await page.waitForURL(/\/report$/);
    await openRecord(sam, b);
    await page.getByRole('heading', { level: 1, name: 'Us' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Alex broke trust: a broken promise\./);
    assert.match(await page.locator('main').innerText(), /Because we built a home together\./);
    assert.ok((await overflow(page)) <= 0, `the record scrolls sideways by ${await overflow(page)}px at 390 px`);
    await session.checkPage(sam, 'the record at 390 px');

    // Printed: on A4 paper, in print media.
    await page.setViewportSize({ width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await visible(page, '.quick-exit'), false, 'no quick exit on paper');
    assert.equal(await visible(page, '.site-nav'), false, 'no navigation on paper');
    assert.equal(await visible(page, '.site-footer'), false, 'no footer on paper');
    assert.equal(await visible(page, '.report-howto'), false, 'no screen instructions on paper');
    const charts = page.locator('.report svg.chart-svg[role="img"]');
    assert.ok((await charts.count()) >= 4, 'the trend charts and the consistency gauge');
    for (const chart of await charts.all()) assert.ok(await chart.isVisible(), 'each chart is printed');
    assert.ok(await page.getByRole('table', { name: /Trust, 7-day average/ }).isVisible(), 'with its numbers');
    assert.ok((await overflow(page)) <= 0, `nothing is wider than A4 (${await overflow(page)}px)`);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
      'rgb(255, 255, 255)',
      'white paper, no background',
    );

    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 2, `the PDF has its pages (${pages})`);
    await page.emulateMedia({ media: 'screen' });
    sam.problems.assertNone('for Sam');
  });

  test('the therapist opens the session summary, then the record from it', async () => {
    const therapist = await signedIn(session, t, { viewport: { width: 1280, height: 900 } });
    const { page } = therapist;
    await page.goto(`${session.origin}/caseload`);
    await page.getByRole('link', { name: 'Alex and Sam' }).waitFor();
    await session.checkPage(therapist, 'the caseload');
    await page.getByRole('link', { name: 'Since your last visit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Since your last visit' }).waitFor();
    assert.match(await page.locator('main').innerText(), /This is your first visit/);
    await session.checkPage(therapist, 'the session summary');
    const url = `${session.origin}/spaces/${spaceId}/report`;
    therapist.problems.expectStatus(url, 403);
    await page.getByRole('link', { name: 'The full record, to read or print' }).click();
    await page.getByLabel('Your password').fill(t.password);
    await Promise.all([page.waitForURL(url), page.getByRole('button', { name: 'Open the record' }).click()]);
    assert.match(await page.locator('main').innerText(), /Prepared for\s+Dr Lee/);
    assert.ok((await overflow(page)) <= 0);
    await session.checkPage(therapist, 'the record, as the therapist');
  });
});
