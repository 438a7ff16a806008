import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, assertNotInPage, listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * The reassurance, weekly meeting and agreement log pages refresh live: each partner acts in
 * their own browser while the other has the page open, and the open page shows it without a
 * reload, announced in the polite status line, still accessible. A private note written on the way
 * (a canary) is in its author's page and never in the partner's, before or after the refresh.
 */

const skip = browserSkipReason();

describe('the rhythm pages refresh when the partner acts [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let a: Person;
  let b: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    origin = session.origin;
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
    await activeAgreement(a, b, spaceId, 'I text Sam by 18:00 when I will be late.');
  });
  after(async () => session?.close());

  test('reassurance: Sam’s call appears on Alex’s open page, Alex’s answer on Sam’s; Sam’s private note stays Sam’s', async () => {
    const canary = 'canary-reassurance-4d1e';
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    const alexSection = alex.page.locator('#reassurance-live');
    await alexSection.getByText('None right now.').waitFor();
    const alexPage = await listening(alex.page);

    await sam.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    await sam.page.getByLabel('What would help right now? (optional)').fill(`I keep going back to that night. ${canary}`);
    await sam.page.getByRole('radio', { name: 'Only me' }).check();
    await Promise.all([sam.page.waitForURL(/\/reassurance$/), sam.page.getByRole('button', { name: 'Ask for reassurance' }).click()]);
    // The author's own copy holds the note, so the check below could find it if it leaked.
    await sam.page.locator('#reassurance-live').getByText(canary).waitFor();

    await alexSection.getByText('Sam asked for reassurance').waitFor();
    await alexSection.getByRole('textbox', { name: 'Your answer' }).waitFor();
    await alexPage.assertSamePage();
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: Reassurance.' }).waitFor({ state: 'attached' });
    await assertNotInPage(alex.page, canary, 'Alex’s reassurance page after the live refresh');
    await session.checkPage(alex, 'the reassurance page after a live update');

    const samPage = await listening(sam.page);
    await alexSection.getByRole('textbox', { name: 'Your answer' }).fill('I am here, and I am not going anywhere.');
    await Promise.all([alex.page.waitForURL(/\/reassurance$/), alexSection.getByRole('button', { name: 'Send your answer' }).click()]);

    const samSection = sam.page.locator('#reassurance-live');
    await samSection.getByText('Alex answered:').waitFor();
    await samSection.getByText('I am here, and I am not going anywhere.').waitFor();
    await samPage.assertSamePage();
    await session.checkPage(sam, 'the reassurance page after the answer arrived');
    await assertNotInPage(alex.page, canary, 'Alex’s reassurance page after answering');
  });

  test('weekly meeting: the time and the record Sam saves appear on Alex’s open page; Sam’s private check-in note does not', async () => {
    const canary = 'canary-meeting-93b0';
    assert.ok((await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${new Date().toISOString().slice(0, 10)}`, { safety: 6, trust: 5, closeness: 6, note: { text: canary, visibility: 'private' } })).statusCode < 300);
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    const when = alex.page.locator('#meeting-schedule-live');
    const past = alex.page.locator('#meetings-live');
    await when.getByText('No time set yet.').waitFor();
    await past.getByText('No meetings recorded yet.').waitFor();
    const alexPage = await listening(alex.page);

    await sam.page.goto(`${origin}/spaces/${spaceId}/meetings`);
    await sam.page.getByLabel('Day').selectOption({ label: 'Thursday' });
    await sam.page.getByLabel('Time').fill('20:15');
    await Promise.all([sam.page.waitForURL(/\/meetings/), sam.page.getByRole('button', { name: 'Save the time' }).click()]);
    await when.getByText(/Every Thursday at 20:15/).waitFor();
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: When you meet.' }).waitFor({ state: 'attached' });

    await sam.page.goto(`${origin}/spaces/${spaceId}/meetings/new`);
    await sam.page.getByRole('textbox', { name: 'Appreciations' }).fill('You made tea when I got home late.');
    await Promise.all([sam.page.waitForURL(/\/meetings$/), sam.page.getByRole('button', { name: 'Save the meeting' }).click()]);
    await past.getByText('You made tea when I got home late.').waitFor();
    await past.getByText('Saved by Sam').waitFor();
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: Past meetings.' }).waitFor({ state: 'attached' });
    await alexPage.assertSamePage();
    await assertNotInPage(alex.page, canary, 'Alex’s meeting page after the live refresh');
    await session.checkPage(alex, 'the weekly meeting page after live updates');
  });

  test('agreement log: Alex’s occasion appears on Sam’s open page without its private note, and Sam’s confirmation on Alex’s', async () => {
    const canary = 'canary-log-5c27';
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await sam.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    const samSection = sam.page.locator('#agreement-log-live');
    await samSection.getByText('Nothing logged yet.').waitFor();
    const samPage = await listening(sam.page);

    await alex.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    await alex.page.getByRole('radio', { name: 'Kept' }).check();
    await alex.page.getByText('Add a note (optional)').click();
    await alex.page.getByRole('textbox', { name: 'Note' }).fill(`Only just made it. ${canary}`);
    await alex.page.getByRole('radio', { name: 'Only me' }).check();
    await Promise.all([alex.page.waitForURL(/agreement-log$/), alex.page.getByRole('button', { name: 'Log this occasion' }).click()]);
    await alex.page.locator('#agreement-log-live').getByText(canary).waitFor();

    await samSection.getByText('Alex: kept').waitFor();
    await samSection.getByRole('button', { name: 'Confirm' }).waitFor();
    await samPage.assertSamePage();
    await sam.page.getByRole('status').filter({ hasText: 'Just updated: Agreement log.' }).waitFor({ state: 'attached' });
    await assertNotInPage(sam.page, canary, 'Sam’s agreement log after the live refresh');
    await session.checkPage(sam, 'the agreement log after a live update');

    const alexPage = await listening(alex.page);
    await Promise.all([sam.page.waitForURL(/agreement-log$/), samSection.getByRole('button', { name: 'Confirm' }).click()]);
    await alex.page.locator('#agreement-log-live').getByText('confirmed', { exact: true }).waitFor();
    await alexPage.assertSamePage();
    await session.checkPage(alex, 'the agreement log after the confirmation arrived');
    await assertNotInPage(sam.page, canary, 'Sam’s agreement log after confirming');
  });
});
