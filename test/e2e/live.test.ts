import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { checkIn, listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

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

  test('B’s open check-in page shows A’s check-in as it happens, announced politely, with axe passing', async () => {
    const sam = await signedIn(session, b);
    const alex = await signedIn(session, a);

    await sam.page.goto(`${origin}/spaces/${spaceId}/check-in`);
    const section = sam.page.locator('#partner-today');
    await section.getByText('Alex has not checked in for these days yet.').waitFor();
    // The island says when its stream is open, so A's check-in cannot happen before B listens.
    const samPage = await listening(sam.page);

    await checkIn(session, alex.page, spaceId, [6, 5, 7], 'Mixed');

    await section.getByText('Alex checked in today: safety 6, trust 5, closeness 7 — a mixed day.').waitFor();
    await samPage.assertSamePage();
    await sam.page.getByRole('status').filter({ hasText: 'Just updated: Alex’s check-in.' }).waitFor({ state: 'attached' });
    await session.checkPage(sam, 'the check-in page after a live update');
    await session.checkPage(alex, 'the check-in page after saving');

    // A reload shows the same section: live updates add nothing the page would not show anyway.
    const live = await section.innerHTML();
    await sam.page.reload();
    assert.equal(await sam.page.locator('#partner-today').innerHTML(), live);
  });
});
