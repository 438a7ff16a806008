import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';
import { signedIn } from './support/partners.js';
import { json } from '../support/app.js';
import { acceptedAgreement, couple } from '../support/api-client.js';
import { localDate } from '../../src/core/time.js';

/**
 * Issue #18 in a real browser, on phones (390 px): Alex answers Sam's dispute through the
 * agreement log's form; Sam finds it in their notifications and follows the link to the occasion,
 * where the answer is. Sam is told that Alex wrote their sealed half and lands on the form to write
 * theirs, which shows nothing of Alex's. Every page is checked with axe-core, for console errors
 * and for anything loaded from elsewhere. (Both doors, both databases: the HTTP suites.)
 */
const skip = browserSkipReason();

describe('the partner who is told, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => {
    await session?.close();
  });

  test('a dispute answered and a sealed half written: Sam is told, follows each link, and reads no one’s words in the notification', async () => {
    const app = session.testApp.app;
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const agreementId = await acceptedAgreement(a, b, spaceId, 'I call when I am late.', [a.id]);
    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: localDate(new Date(), 'UTC'), kept: true });
    const occasion = json(logged).logEntry.id as string;
    assert.equal(
      (await b.api.post(`/api/v1/agreement-log/${occasion}/dispute`, { note: { text: 'It was after eight.', visibility: 'shared' } }))
        .statusCode,
      200,
    );
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    assert.equal(
      (await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'ALEX-SEALED-CANARY' })).statusCode,
      201,
    );

    const alex = await signedIn(session, a, { viewport: { width: 390, height: 844 } });
    await alex.page.goto(`${session.origin}/spaces/${spaceId}/agreement-log`);
    await session.checkPage(alex, 'the agreement log with the answer form');
    await alex.page.getByRole('textbox', { name: /Your answer to how your partner saw it/ }).fill('ALEX-ANSWER-CANARY: I texted at six.');
    await Promise.all([alex.page.waitForURL(/agreement-log#occasion-/), alex.page.getByRole('button', { name: /Send my answer/ }).click()]);
    await alex.page.getByText('You answered:').waitFor();
    assert.equal(await alex.page.getByRole('button', { name: /Send my answer/ }).count(), 0, 'answered once: the form is gone');

    const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 } });
    await sam.page.goto(`${session.origin}/notifications`);
    await session.checkPage(sam, 'Sam’s notifications');
    const list = (await sam.page.locator('.notifications').textContent()) ?? '';
    for (const words of ['ALEX-ANSWER-CANARY', 'ALEX-SEALED-CANARY', 'It was after eight', 'Alex']) assert.ok(!list.includes(words), words);

    await Promise.all([
      sam.page.waitForURL(new RegExp(`agreement-log\\?month=\\d{4}-\\d{2}#occasion-${occasion}$`)),
      sam.page.getByRole('link', { name: 'Your partner answered how you saw an occasion they logged.' }).click(),
    ]);
    await sam.page.getByText('ALEX-ANSWER-CANARY: I texted at six.').waitFor();
    await session.checkPage(sam, 'the occasion Sam was sent to');

    await sam.page.goto(`${session.origin}/notifications`);
    await Promise.all([
      sam.page.waitForURL(/steps\/1#what_happened-heading$/),
      sam.page.getByRole('link', { name: /Your partner has written theirs in a sealed exercise/ }).click(),
    ]);
    await sam.page.getByText('Alex has written theirs. It stays sealed until you write yours; then both open at once.').waitFor();
    assert.equal(await sam.page.getByText('ALEX-SEALED-CANARY').count(), 0);
    assert.ok(await sam.page.getByRole('button', { name: 'Seal and save' }).isVisible(), 'the form to write theirs is right there');
    await session.checkPage(sam, 'step 1, where Sam was sent');
  });
});
