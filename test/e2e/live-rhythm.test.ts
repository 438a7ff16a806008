import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, assertNotInPage, listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';
import { assertSoundIds } from '../support/unique-ids.js';

/**
 * The reassurance, weekly meeting and agreement log pages refresh live: each partner acts in
 * their own browser while the other has the page open, and the open page shows it without a
 * reload, announced in the polite status line, still accessible — with two reassurance calls open
 * at once too, each answer form with its own ids. A private note written on the way (a canary) is
 * in its author's page and never in the partner's, before or after the refresh.
 */

const skip = browserSkipReason();
const AGREEMENT = 'I text Sam by 18:00 when I will be late.';

describe('the rhythm pages refresh when the partner acts [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let a: Person;
  let b: Person;
  let spaceId: string;
  let agreementId: string;

  before(async () => {
    session = await startBrowserApp();
    origin = session.origin;
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
    ({ agreementId } = await activeAgreement(a, b, spaceId, AGREEMENT));
  });
  after(async () => session?.close());

  test('reassurance: Sam’s call appears on Alex’s open page beside an open one, each answer box its own; Alex’s answer on Sam’s; Sam’s private note stays Sam’s', async () => {
    const canary = 'canary-reassurance-4d1e';
    // A call already open, so the one Sam makes below is the second answer form on Alex's page.
    const earlier = 'Could you tell me about your day tonight?';
    assert.equal(
      (await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: earlier, visibility: 'shared' } })).statusCode,
      201,
    );
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);

    await alex.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    const alexSection = alex.page.locator('#reassurance-live');
    const answerBoxes = alexSection.getByRole('textbox', { name: 'Your answer' });
    await alexSection.getByText(earlier).waitFor();
    assert.equal(await answerBoxes.count(), 1);
    const alexPage = await listening(alex.page);

    await sam.page.goto(`${origin}/spaces/${spaceId}/reassurance`);
    await sam.page.getByLabel('What would help right now? (optional)').fill(`I keep going back to that night. ${canary}`);
    await sam.page.getByRole('radio', { name: 'Only me' }).check();
    await Promise.all([sam.page.waitForURL(/\/reassurance$/), sam.page.getByRole('button', { name: 'Ask for reassurance' }).click()]);
    // The author's own copy holds the note, so the check below could find it if it leaked.
    await sam.page.locator('#reassurance-live').getByText(canary).waitFor();

    // Two calls open at once: two answer forms drawn by one template, in the swapped-in section.
    await alexSection.locator('form[action$="/answer"]').nth(1).waitFor();
    assert.equal(await answerBoxes.count(), 2);
    await alexPage.assertSamePage();
    await alex.page.getByRole('status').filter({ hasText: 'Just updated: Reassurance.' }).waitFor({ state: 'attached' });
    await assertNotInPage(alex.page, canary, 'Alex’s reassurance page after the live refresh');
    assertSoundIds(await alex.page.content(), 'Alex’s reassurance page with two calls open');
    await session.checkPage(alex, 'the reassurance page with two calls open after a live update');

    // The new call (the one without the earlier words): its label leads to its own box, and the
    // coach writes beside that box, not the other's.
    const newCall = alexSection.locator('li.reassurance').filter({ hasNotText: earlier });
    const earlierCall = alexSection.locator('li.reassurance').filter({ hasText: earlier });
    const newBox = newCall.getByRole('textbox', { name: 'Your answer' });
    // Each box is named by the call it answers, so a screen reader tells the two apart.
    const names = await answerBoxes.evaluateAll((boxes) => boxes.map((b) => (b as HTMLTextAreaElement).labels?.[0]?.textContent ?? ''));
    assert.equal(new Set(names).size, 2, `two answer boxes, two names: ${names.join(' | ')}`);
    for (const name of names) {
      assert.match(name, /^Your answer to Sam’s (first|second) request of /);
      assert.equal(await alexSection.getByRole('textbox', { name, exact: true }).count(), 1, `one box is named “${name}”`);
    }
    await newCall.locator('label[for^="field-answer-"]').click();
    assert.ok(await newBox.evaluate((el) => el === document.activeElement), 'the label focuses its own box');
    await alex.page.keyboard.type('You never listen to me, you are so selfish.');
    await newCall.locator('.coach-output .coach-findings--attention').waitFor();
    assert.equal(
      await earlierCall.locator('.coach-output').evaluate((el) => el.childElementCount),
      0,
      'the other call’s coach stays quiet',
    );

    const samPage = await listening(sam.page);
    await newBox.fill('I am here, and I am not going anywhere.');
    await Promise.all([alex.page.waitForURL(/\/reassurance$/), newCall.getByRole('button', { name: 'Send your answer' }).click()]);
    assert.equal(await answerBoxes.count(), 1, 'the earlier call is still open');

    const samSection = sam.page.locator('#reassurance-live');
    await samSection.getByText('Alex answered:').waitFor();
    await samSection.getByText('I am here, and I am not going anywhere.').waitFor();
    await samPage.assertSamePage();
    await session.checkPage(sam, 'the reassurance page after the answer arrived');
    await assertNotInPage(alex.page, canary, 'Alex’s reassurance page after answering');
  });

  test('weekly meeting: the time and the record Sam saves appear on Alex’s open page; Sam’s private check-in note does not', async () => {
    const canary = 'canary-meeting-93b0';
    assert.ok(
      (
        await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${new Date().toISOString().slice(0, 10)}`, {
          safety: 6,
          trust: 5,
          closeness: 6,
          note: { text: canary, visibility: 'private' },
        })
      ).statusCode < 300,
    );
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
    await Promise.all([sam.page.waitForURL(/\/meetings\?saved=1$/), sam.page.getByRole('button', { name: 'Save the meeting' }).click()]);
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
    // The button is heard with the occasion it confirms (its day and agreement), seen as "Confirm".
    await samSection.getByRole('button', { name: new RegExp(`^Confirm \\(.+, ${AGREEMENT.replace(/[.()]/g, '\\$&')}\\)$`) }).waitFor();
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

  test('agreement log sent back with two problems (a browser that does not check forms itself): each error beside its field, the day and note kept, axe-clean; Alex’s private note never on Sam’s page', async () => {
    const canary = 'canary-log-unsent-8a1f';
    const alex = await signedIn(session, a);
    const sam = await signedIn(session, b);
    await alex.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    const form = alex.page.locator(`form[action$="/agreement-log/${agreementId}"]`);
    // As an older or assistive browser may: the form is sent without the page's own checks.
    await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
    alex.problems.expectStatus(new RegExp(`/agreement-log/${agreementId}$`), 400);
    await form.getByText('Add a note (optional)').click();
    await form.getByRole('textbox', { name: 'Note' }).fill(`I forgot to text. ${canary}`);
    await form.getByRole('radio', { name: 'Only me' }).check();
    // A day still to come as well as no choice: both are said at once.
    const dayBox = form.getByLabel('Which day?');
    const today = (await dayBox.getAttribute('max'))!;
    await dayBox.fill('2099-01-01');
    await Promise.all([
      alex.page.waitForURL(new RegExp(`/agreement-log/${agreementId}$`)),
      form.getByRole('button', { name: 'Log this occasion' }).click(),
    ]);

    const summary = alex.page.locator('.error-summary');
    await summary.getByRole('link', { name: 'Choose kept or missed.' }).waitFor();
    assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary has focus');
    await summary.getByRole('link', { name: 'An occasion cannot be logged before it happens.' }).waitFor();
    // Each field is heard with its agreement; the browser's own names, exactly.
    const choice = alex.page.getByRole('group', { name: `Did you keep it? (${AGREEMENT})`, exact: true });
    await choice.getByText('Choose kept or missed.').waitFor();
    await form.getByRole('button', { name: `Log this occasion (${AGREEMENT})`, exact: true }).waitFor();
    assert.equal(await dayBox.inputValue(), '2099-01-01', 'the day as entered');
    assert.equal(await dayBox.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByRole('textbox', { name: 'Note' }).inputValue(), `I forgot to text. ${canary}`, 'the note as written');
    assert.ok(await form.getByRole('radio', { name: 'Only me' }).isChecked());
    assertSoundIds(await alex.page.content(), 'Alex’s agreement log sent back with a problem');
    await session.checkPage(alex, 'the agreement log sent back with a problem');
    // The summary's link leads to the choice; the next Tab lands in it.
    await summary.getByRole('link', { name: 'Choose kept or missed.' }).click();
    await alex.page.keyboard.press('Tab');
    assert.ok(
      await choice.getByRole('radio', { name: 'Kept' }).evaluate((el) => el === document.activeElement),
      'Tab from the link goes to the first choice',
    );

    await choice.getByRole('radio', { name: 'Missed' }).check();
    await dayBox.fill(today);
    await Promise.all([alex.page.waitForURL(/agreement-log$/), form.getByRole('button', { name: 'Log this occasion' }).click()]);
    await alex.page.locator('#agreement-log-live').getByText(canary).waitFor();
    await sam.page.goto(`${origin}/spaces/${spaceId}/agreement-log`);
    await sam.page.locator('#agreement-log-live').getByText('Alex: missed').waitFor();
    await assertNotInPage(sam.page, canary, 'Sam’s agreement log after Alex’s private note was logged');
  });
});
