import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * The progress page refreshes live too: partner A has it open; partner B checks in on their own
 * phone; A's page shows B's first check-in among the small wins without a reload, says so once in
 * the polite status line, and stays accessible (axe, console and CSP checks of `checkPage`).
 */

const skip = browserSkipReason();

describe('the progress page updates when the partner checks in [sqlite]', { skip }, () => {
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
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
  }

  test('A’s open progress page shows B’s check-in as it happens, announced politely, with axe passing', async () => {
    const alex = await signedIn(a);
    const sam = await signedIn(b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/progress`);
    const section = alex.page.locator('#progress-live');
    await section.getByText('Your first check-in will be the first one.').waitFor();
    // The stream is open before B checks in, so the event cannot be missed.
    await alex.page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
    await alex.page.evaluate(() => ((window as unknown as { mendLoadMarker: string }).mendLoadMarker = 'same page'));
    const navigations: string[] = [];
    alex.page.on('framenavigated', (frame) => {
      if (frame === alex.page.mainFrame()) navigations.push(frame.url());
    });

    await checkIn(sam.page, [7, 6, 8]);

    await section.locator('.milestones li').filter({ hasText: 'A first check-in' }).filter({ hasText: 'Sam' }).waitFor();
    assert.equal(await alex.page.evaluate(() => (window as unknown as { mendLoadMarker?: string }).mendLoadMarker), 'same page', 'no reload');
    assert.deepEqual(navigations, [], 'no navigation');
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: How things are going.' }).waitFor({ state: 'attached' });
    await session.checkPage(alex, 'the progress page after a live update');

    // A reload shows the same section: the live update adds nothing the page would not show.
    const live = await section.innerHTML();
    await alex.page.reload();
    assert.equal(await alex.page.locator('#progress-live').innerHTML(), live);
  });
});
