import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { checkIn, listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

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

  test('A’s open progress page shows B’s check-in as it happens, announced politely, with axe passing', async () => {
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/progress`);
    const section = alex.page.locator('#progress-live');
    await section.getByText('Your first check-in will be the first one.').waitFor();
    // The stream is open before B checks in, so the event cannot be missed.
    const alexPage = await listening(alex.page);

    await checkIn(session, sam.page, spaceId, [7, 6, 8]);

    await section.locator('.milestones li').filter({ hasText: 'A first check-in' }).filter({ hasText: 'Sam' }).waitFor();
    await alexPage.assertSamePage();
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: How things are going.' }).waitFor({ state: 'attached' });
    await session.checkPage(alex, 'the progress page after a live update');

    // A reload shows the same section: the live update adds nothing the page would not show.
    const live = await section.innerHTML();
    await alex.page.reload();
    assert.equal(await alex.page.locator('#progress-live').innerHTML(), live);
  });
});
