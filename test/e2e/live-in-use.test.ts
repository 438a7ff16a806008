import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, assertNotInPage, listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * A live update never takes something out of a person's hands (src/platform/web/islands/live.ts): a
 * section with focus in it, words typed into it, or an answer the server sent back with an error
 * waits until the person leaves it; a keyboard user's focus on a journey step stays put; an
 * "Add a note" box someone opened stays open across the swap; and a text box that arrives through
 * a swap has the gentle-language coach like one that came with the page. A section being held
 * back is marked `data-live-waiting`, so each wait is observed, not timed. Sam's private words (a
 * canary) are never in Alex's page.
 */

const skip = browserSkipReason();

const HARSH = 'You never listen to me, you are so selfish.';
const COACH_HEADING = 'A few words may be hard for your partner to hear. You are free to keep them.';
const CANARY = 'canary-sam-private-b81c';

/** Focus leaves whatever held it: a click on the page's heading, which takes no focus itself. */
async function leave(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
  // The island decides in a task it queues on focusout; two turns of the task queue later it has.
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0)));
}

/** True when the focused element is the one `mark` was given to (a property, not an attribute: the markup stays as served). */
const focusedMark = (page: Page): Promise<string | null> =>
  page.evaluate(() => (document.activeElement as (Element & { mendMark?: string }) | null)?.mendMark ?? null);

describe('a live update leaves what a person is using alone [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let a: Person;
  let b: Person;
  let spaceId: string;
  let agreementId: string;
  let today: string;

  before(async () => {
    session = await startBrowserApp();
    origin = session.origin;
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
    const made = await activeAgreement(a, b, spaceId, 'I text Sam by 18:00 when I will be late.');
    agreementId = made.agreementId;
    today = new Date().toISOString().slice(0, 10);
    // Sam's private words in three places; none may reach Alex's pages.
    assert.equal(
      (
        await b.api.post(`/api/v1/journeys/${made.journeyId}/entries`, {
          prompt: 'what_hurts',
          text: `What hurts most: ${CANARY}`,
          visibility: 'private',
        })
      ).statusCode,
      201,
    );
    assert.ok(
      (
        await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
          safety: 5,
          trust: 4,
          closeness: 5,
          note: { text: CANARY, visibility: 'private' },
        })
      ).statusCode < 300,
    );
    assert.equal(
      (
        await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
          note: { text: `Please tell me again. ${CANARY}`, visibility: 'private' },
        })
      ).statusCode,
      201,
    );
    // A call of Alex's for Sam to answer.
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 201);
  });
  after(async () => session?.close());

  test('reassurance: words Alex is typing stay with their focus while Sam answers; the update waits for an untouched box; an answer sent back with an error waits too', async () => {
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    const section = alex.page.locator('#reassurance-live');
    const held = alex.page.locator('#reassurance-live[data-live-waiting]');
    const box = section.getByRole('textbox', { name: 'Your answer' });
    await section.getByText('Sam asked for reassurance').waitFor();
    let alexPage = await listening(alex.page);
    await box.click();
    await alex.page.keyboard.type('I am right here');

    await sam.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    await sam.page.getByRole('textbox', { name: 'Your answer' }).fill('I know you are trying.');
    await Promise.all([sam.page.waitForURL(/\/reassurance$/), sam.page.getByRole('button', { name: 'Send your answer' }).click()]);

    // The update arrived and is held: Alex's words and focus are where they were.
    await held.waitFor({ state: 'attached' });
    assert.equal(await box.inputValue(), 'I am right here');
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'focus stays in the answer box');
    assert.equal(await section.getByText('Sam answered:').count(), 0, 'not swapped while in use');

    // Leaving the box with words unsent still holds the update.
    await leave(alex.page);
    assert.equal(await held.count(), 1, 'still held once focus left a box with words in it');
    assert.equal(await box.inputValue(), 'I am right here');

    // Left untouched, the box lets the update in. (Once the emptied box's draft is let go: the
    // section drawn again brings back a draft still kept, issue #18.)
    await box.fill('');
    await box.locator('xpath=ancestor::form[1][@data-draft-state="saved"]').waitFor({ state: 'attached' });
    await leave(alex.page);
    await section.getByText('Sam answered:').waitFor();
    await section.getByText('I know you are trying.').waitFor();
    assert.equal(await held.count(), 0);
    await alexPage.assertSamePage();
    await assertNotInPage(alex.page, CANARY, 'Alex’s reassurance page after the live refresh');
    await session.checkPage(alex, 'the reassurance page after a held update came in');

    // An empty answer comes back with an error to fix; that section waits even without focus.
    alex.problems.expectStatus(/\/answer$/, 400);
    await Promise.all([alex.page.waitForURL(/\/answer$/), section.getByRole('button', { name: 'Send your answer' }).click()]);
    await section.locator('textarea[aria-invalid="true"]').waitFor();
    alexPage = await listening(alex.page);
    assert.equal(await section.evaluate((el) => el.contains(document.activeElement)), false, 'focus is not in the section');

    await sam.page.getByLabel('What would help right now? (optional)').fill('One more hug tonight?');
    await sam.page.getByRole('radio', { name: 'My partner too' }).check();
    await Promise.all([sam.page.waitForURL(/\/reassurance$/), sam.page.getByRole('button', { name: 'Ask for reassurance' }).click()]);
    await held.waitFor({ state: 'attached' });
    assert.equal(await section.getByText('One more hug tonight?').count(), 0, 'an answer with an error to fix is not swapped away');
    assert.equal(await section.locator('textarea[aria-invalid="true"]').count(), 1);
    await alexPage.assertSamePage();
    await assertNotInPage(alex.page, CANARY, 'Alex’s reassurance page with an error');

    // Alex answers both calls, so the next test starts with none open.
    await box.fill('I am here, and I love you.');
    await Promise.all([alex.page.waitForURL(/\/reassurance$/), section.getByRole('button', { name: 'Send your answer' }).click()]);
    await box.fill('Yes, a long one.');
    await Promise.all([alex.page.waitForURL(/\/reassurance$/), section.getByRole('button', { name: 'Send your answer' }).click()]);
    await section.getByText('None right now.').waitFor();
  });

  test('the coach works in an answer box that arrived through a live update', async () => {
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    const section = alex.page.locator('#reassurance-live');
    await section.getByText('None right now.').waitFor();
    assert.equal(await section.getByRole('textbox', { name: 'Your answer' }).count(), 0);
    const alexPage = await listening(alex.page);

    await sam.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    await sam.page.getByLabel('What would help right now? (optional)').fill(`Still shaky. ${CANARY}`);
    await sam.page.getByRole('radio', { name: 'Only me' }).check();
    await Promise.all([sam.page.waitForURL(/\/reassurance$/), sam.page.getByRole('button', { name: 'Ask for reassurance' }).click()]);

    const box = section.getByRole('textbox', { name: 'Your answer' });
    await box.waitFor();
    await alexPage.assertSamePage();
    await box.click();
    await alex.page.keyboard.type(HARSH);
    // The box's own output (each call's answer box has its own ids: field-answer-<call>-coach).
    const findings = section.locator(`#${await box.getAttribute('data-coach-output')} .coach-findings--attention`);
    await findings.getByText(COACH_HEADING).waitFor();
    assert.ok((await findings.locator('li').count()) >= 1, 'the coach names what may land hard');
    await assertNotInPage(alex.page, CANARY, 'Alex’s reassurance page after the live refresh');
    await session.checkPage(alex, 'the reassurance page with the coach in a swapped-in box');
  });

  test('agreement log: an “Add a note” box Alex opened stays open when Sam confirms an occasion, and its coach works', async () => {
    assert.equal((await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today, kept: true })).statusCode, 201);
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    const section = alex.page.locator('#agreement-log-live');
    await section.getByText('not yet confirmed').waitFor();
    const alexPage = await listening(alex.page);
    const disclosure = section.locator('details').filter({ hasText: 'Add a note (optional)' });
    await disclosure.getByText('Add a note (optional)').click();
    await section.getByRole('textbox', { name: 'Note' }).waitFor();
    // Opened, nothing typed, and focus gone elsewhere: nothing holds the section back.
    await leave(alex.page);

    await sam.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    await Promise.all([sam.page.waitForURL(/agreement-log$/), sam.page.getByRole('button', { name: 'Confirm' }).click()]);

    await section.getByText('confirmed', { exact: true }).waitFor();
    await alexPage.assertSamePage();
    assert.equal(await disclosure.evaluate((d) => (d as HTMLDetailsElement).open), true, 'the box Alex opened is still open');
    const note = section.getByRole('textbox', { name: 'Note' });
    assert.ok(await note.isVisible());
    await note.click();
    await alex.page.keyboard.type(HARSH);
    await section.locator(`#field-note-${agreementId}-coach .coach-findings--attention`).getByText(COACH_HEADING).waitFor();
    await assertNotInPage(alex.page, CANARY, 'Alex’s agreement log after the live refresh');
    await session.checkPage(alex, 'the agreement log with a box kept open across a live update');
  });

  test('journey: a keyboard user’s focus on a step link stays there; the steps refresh once it moves on, and focus is not lost', async () => {
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    for (const p of [a, b])
      assert.equal(
        (await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` }))
          .statusCode,
        201,
      );
    assert.ok((await a.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode < 300);
    const alex = await signedIn(session, a, { viewport: { width: 1280, height: 900 } });
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/journeys/${journeyId}`);
    const steps = alex.page.locator('#journey-steps');
    const waitingForSam = steps.getByText('Waiting for Sam to acknowledge that trust was broken');
    await waitingForSam.waitFor();
    const alexPage = await listening(alex.page);

    // By keyboard to the first step's link.
    const stepLink = steps.locator(`a[href$="/journeys/${journeyId}/steps/1"]`);
    for (let presses = 0; presses < 60 && !(await stepLink.evaluate((el) => el === document.activeElement)); presses++)
      await alex.page.keyboard.press('Tab');
    assert.ok(await stepLink.evaluate((el) => el === document.activeElement), 'Tab reaches the first step');
    await stepLink.evaluate((el) => ((el as Element & { mendMark?: string }).mendMark = 'step 1'));

    await sam.page.goto(`${origin}/journeys/${journeyId}/steps/1`);
    await sam.page.getByRole('button', { name: 'I acknowledge that trust was broken' }).click();
    await sam.page.getByText('You have said: “I acknowledge that trust was broken.”').waitFor();

    await alex.page.locator('#journey-steps[data-live-waiting]').waitFor({ state: 'attached' });
    assert.equal(await focusedMark(alex.page), 'step 1', 'focus stays on the step link');
    assert.equal(await waitingForSam.count(), 1, 'the steps wait while focus is in them');

    // Back out of the steps: the update comes in, and focus stays where the keyboard put it.
    await alex.page.keyboard.press('Shift+Tab');
    await alex.page.evaluate(() => {
      const here = document.activeElement as (Element & { mendMark?: string }) | null;
      if (here && here !== document.body && !document.getElementById('journey-steps')?.contains(here)) here.mendMark = 'before the steps';
    });
    await waitingForSam.waitFor({ state: 'detached' });
    assert.equal(await focusedMark(alex.page), 'before the steps', 'focus is kept, not dropped to the top of the page');
    await alexPage.assertSamePage();
    await assertNotInPage(alex.page, CANARY, 'Alex’s journey page after the live refresh');
    await session.checkPage(alex, 'the journey page after a held update came in');
  });
});
