import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * Live updates in a real browser: partner B has the check-in page open; partner A checks in on
 * their own phone; B's page shows A's check-in without a reload, says so once in a polite status
 * line, and stays accessible. Under the strict CSP (no inline script; the stream is same-origin).
 */

const skip = browserSkipReason();

describe('a partner’s check-in appears without a reload [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let a: Person;
  let b: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    origin = session.origin;
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
  });
  after(async () => session?.close());

  async function signedIn(person: Person): Promise<Profile> {
    const profile = await session.newProfile({ viewport: { width: 360, height: 740 }, timezoneId: 'UTC' });
    await session.signIn(profile, person);
    return profile;
  }

  async function checkIn(page: Page, values: [number, number, number]): Promise<void> {
    await page.goto(`${origin}/spaces/${spaceId}/check-in`);
    const legends = ['How safe do you feel with your partner today?', 'How much do you trust your partner today?', 'How close do you feel today?'];
    for (const [i, legend] of legends.entries()) {
      await page.getByRole('group', { name: legend }).getByRole('radio', { name: String(values[i]), exact: true }).check();
    }
    await page.getByRole('radio', { name: 'Mixed' }).check();
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
  }

  test('B’s open check-in page shows A’s check-in as it happens, announced politely, with axe passing', async () => {
    const sam = await signedIn(b);
    const alex = await signedIn(a);

    await sam.page.goto(`${origin}/spaces/${spaceId}/check-in`);
    const section = sam.page.locator('#partner-today');
    await section.getByText('Alex has not checked in for these days yet.').waitFor();
    // The island says when its stream is open, so A's check-in cannot happen before B listens.
    await sam.page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
    // A value only this page load has: it survives only if the page is not reloaded.
    await sam.page.evaluate(() => ((window as unknown as { mendLoadMarker: string }).mendLoadMarker = 'same page'));
    const navigations: string[] = [];
    sam.page.on('framenavigated', (frame) => {
      if (frame === sam.page.mainFrame()) navigations.push(frame.url());
    });

    await checkIn(alex.page, [6, 5, 7]);

    await section.getByText('Alex checked in today: safety 6, trust 5, closeness 7 — a mixed day.').waitFor();
    assert.equal(await sam.page.evaluate(() => (window as unknown as { mendLoadMarker?: string }).mendLoadMarker), 'same page', 'no reload');
    assert.deepEqual(navigations, [], 'no navigation');
    await sam.page.getByRole('status').filter({ hasText: 'Just updated: Alex’s check-in.' }).waitFor({ state: 'attached' });
    await session.checkPage(sam, 'the check-in page after a live update');
    await session.checkPage(alex, 'the check-in page after saving');

    // A reload shows the same section: live updates add nothing the page would not show anyway.
    const live = await section.innerHTML();
    await sam.page.reload();
    assert.equal(await sam.page.locator('#partner-today').innerHTML(), live);
  });
});
