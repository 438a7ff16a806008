import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json } from '../support/app.js';
import { journeyAtStep2 } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { assertNotInPage } from './support/partners.js';
import { startBrowserApp, type BrowserApp, type Profile, type ProfileOptions } from './support/session.js';

/**
 * Issue #18: "Alex wrote a long apology in the apology builder, pressed 'Check my apology',
 * reloaded, and the boxes were empty." Through the pages, in Chromium: what a person writes is
 * kept as their draft — as they type with JavaScript, with "Save draft" without it — and comes
 * back after a reload and after signing out and in again; "Discard draft" empties the boxes;
 * sending deletes it; the partner's pages never show it.
 */

const skip = browserSkipReason();

const LONG = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of what I regret, in my own words.`).join('\n');
const PARTS = {
  'What I regret': LONG,
  'What I take responsibility for': 'It was my choice to keep the trip secret, and nobody else’s.',
  'What it did to you': 'You could not trust what I told you about my plans.',
  'What will change': 'I will tell you about plans before I make them.',
  'What I offer to make it right': 'I will cancel it and plan the next one with you.',
};

async function fillParts(page: Page, parts: Record<string, string>): Promise<void> {
  for (const [label, words] of Object.entries(parts)) await page.getByLabel(label, { exact: true }).fill(words);
}

async function expectParts(page: Page, parts: Record<string, string>, label: string): Promise<void> {
  for (const [box, words] of Object.entries(parts))
    assert.equal(await page.getByLabel(box, { exact: true }).inputValue(), words, `${label}: ${box}`);
}

/** The island said the draft was kept: the form's state, and its quiet status line. */
async function draftSaved(page: Page, form: string): Promise<void> {
  await page.locator(`${form}[data-draft-state="saved"]`).waitFor({ state: 'attached' });
  assert.equal(await page.locator(`${form} [data-draft-status]`).textContent(), 'Draft saved');
}

describe('drafts are kept, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let people: Awaited<ReturnType<typeof journeyAtStep2>>;

  const profile = async (person: { email: string; password: string }, options: ProfileOptions = {}): Promise<Profile> => {
    const p = await session.newProfile(options);
    await session.signIn(p, person);
    return p;
  };
  const signOutAndIn = async (p: Profile, person: { email: string; password: string }): Promise<void> => {
    await Promise.all([p.page.waitForURL((url) => url.pathname !== '/'), p.page.getByRole('button', { name: 'Sign out' }).click()]);
    await session.signIn(p, person);
  };

  before(async () => {
    session = await startBrowserApp();
    people = await journeyAtStep2(session.testApp.app);
  });
  after(async () => {
    await session?.close();
  });

  test('without JavaScript: a long apology kept with "Save draft" survives a reload and signing out and in; "Discard draft" empties the boxes', async () => {
    const alex = await profile(people.a, { javaScriptEnabled: false });
    const { page } = alex;
    const builder = `${session.origin}/journeys/${people.journeyId}/apology`;
    await page.goto(builder);
    await fillParts(page, PARTS);
    await Promise.all([page.waitForURL(/#apology-form$/), page.getByRole('button', { name: 'Save draft' }).click()]);
    await expectParts(page, PARTS, 'after Save draft');
    await page.getByText(/Your draft from .* is below\. Only you can see it until you send it\./).waitFor();
    await session.checkPage(alex, 'the builder after Save draft, without JavaScript');
    await page.reload();
    await expectParts(page, PARTS, 'after a reload');
    await signOutAndIn(alex, people.a);
    await page.goto(builder);
    await expectParts(page, PARTS, 'after signing out and in');

    const sam = await profile(people.b, { javaScriptEnabled: false });
    await sam.page.goto(`${session.origin}/journeys/${people.journeyId}/steps/2`);
    await assertNotInPage(sam.page, 'Line 7 of what I regret', "Sam's step 2");

    await Promise.all([page.waitForURL(/#apology-form$/), page.getByRole('button', { name: 'Discard draft' }).click()]);
    for (const box of Object.keys(PARTS)) assert.equal(await page.getByLabel(box, { exact: true }).inputValue(), '', `${box} is empty`);
    assert.equal(await page.getByText(/Your draft from/).count(), 0);
    await session.checkPage(alex, 'the builder after Discard draft');
  });

  test('with JavaScript: a long apology, only typed, survives a reload and signing out and in; the partner never sees it', async () => {
    const alex = await profile(people.a, { viewport: { width: 390, height: 844 } });
    const { page } = alex;
    const builder = `${session.origin}/journeys/${people.journeyId}/apology`;
    await page.goto(builder);
    await fillParts(page, PARTS);
    await draftSaved(page, '#apology-form');
    await session.checkPage(alex, 'the builder with a draft saved as typed');

    await page.reload();
    await expectParts(page, PARTS, 'after a reload');
    await page.getByText(/Your draft from .* is below\. Only you can see it until you send it\./).waitFor();
    await session.checkPage(alex, 'the builder drawn from the draft');

    await signOutAndIn(alex, people.a);
    await page.goto(builder);
    await expectParts(page, PARTS, 'after signing out and in');

    // Sam's pages (two other browsers) never hold a word of it.
    const sam = await profile(people.b);
    for (const url of [`/journeys/${people.journeyId}/steps/2`, `/journeys/${people.journeyId}/apology`, `/journeys/${people.journeyId}`]) {
      await sam.page.goto(`${session.origin}${url}`);
      await assertNotInPage(sam.page, 'Line 7 of what I regret', `Sam's ${url}`);
    }

    // "Check my apology" keeps the words too, and a reload of the coach's answer still has them.
    await page.getByLabel('What I regret', { exact: true }).fill('I am sorry if you felt hurt.');
    await Promise.all([page.waitForURL(/checked=1/), page.getByRole('button', { name: 'Check my apology' }).click()]);
    await page.getByRole('heading', { name: 'Suggestions from the language coach' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Suggestions from the language coach' }).waitFor();
    assert.equal(await page.getByLabel('What I regret', { exact: true }).inputValue(), 'I am sorry if you felt hurt.');
    await expectParts(page, { 'What will change': PARTS['What will change'] }, 'after checking and reloading');
    await session.checkPage(alex, 'the builder after checking');

    // Delivering sends it and deletes the draft: the builder is empty again, with no note of a draft.
    await page.getByLabel('What I regret', { exact: true }).fill('I am sorry that I hid the trip from you.');
    await Promise.all([page.waitForURL(/\/steps\/2/), page.getByRole('button', { name: 'Deliver my apology' }).click()]);
    await page.getByText('I am sorry that I hid the trip from you.').waitFor();
    assert.equal(json(await people.a.api.get('/api/v1/me/drafts')).drafts.length, 0, 'the draft went with the sending');
    await session.checkPage(alex, 'step 2 after delivering');
  });

  test('without JavaScript: a journey entry kept with "Save draft" comes back after a reload and signing out and in; the partner never sees it; "Discard draft" empties it', async () => {
    const sam = await profile(people.b, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const { page } = sam;
    const step2 = `${session.origin}/journeys/${people.journeyId}/steps/2`;
    await page.goto(step2);
    const box = page.getByRole('textbox', { name: 'What hurts, and what I need' });
    const words = 'What hurts most is the planning behind my back.\nWhat I need is to hear plans first.';
    await box.fill(words);
    await Promise.all([page.waitForURL(/#form-what_hurts$/), page.getByRole('button', { name: 'Save draft' }).click()]);
    assert.equal(await box.inputValue(), words);
    await page.getByText(/Your draft from .* is below/).waitFor();
    await session.checkPage(sam, 'step 2 with a kept draft, without JavaScript');
    await page.reload();
    assert.equal(await box.inputValue(), words, 'after a reload');
    await signOutAndIn(sam, people.b);
    await page.goto(step2);
    assert.equal(await box.inputValue(), words, 'after signing out and in');

    // Alex's step 2 never shows it.
    const alex = await profile(people.a);
    await alex.page.goto(step2);
    await assertNotInPage(alex.page, 'planning behind my back', "Alex's step 2");

    await Promise.all([page.waitForURL(/#form-what_hurts$/), page.getByRole('button', { name: 'Discard draft' }).click()]);
    assert.equal(await box.inputValue(), '', 'discarded');
    assert.equal(await page.getByText(/Your draft from/).count(), 0);
    await session.checkPage(sam, 'step 2 after discarding');
  });

  test('with JavaScript: the check-in note is kept as it is typed, comes back in its open box, and goes when the check-in is saved', async () => {
    const alex = await profile(people.a, { viewport: { width: 390, height: 844 } });
    const { page } = alex;
    const checkin = `${session.origin}/spaces/${people.spaceId}/check-in`;
    await page.goto(checkin);
    await page.getByText('Add a note (optional)').click();
    await page.getByLabel('Your note').fill('A quiet evening; I noticed you made tea for me.');
    await draftSaved(page, 'form.checkin-form');
    await page.reload();
    assert.equal(await page.getByLabel('Your note').inputValue(), 'A quiet evening; I noticed you made tea for me.');
    assert.equal(await page.locator('details.checkin-note').getAttribute('open'), '', 'the note box is open');
    await session.checkPage(alex, 'the check-in page with a kept note');

    const sam = await profile(people.b);
    await sam.page.goto(checkin);
    await assertNotInPage(sam.page, 'made tea for me', "Sam's check-in page");

    for (const legend of [
      'How safe do you feel with your partner today?',
      'How much do you trust your partner today?',
      'How close do you feel today?',
    ])
      await page.getByRole('group', { name: legend }).getByRole('radio', { name: '7', exact: true }).check();
    await page
      .getByRole('group', { name: 'Who sees these numbers and how your day was?' })
      .getByRole('radio', { name: 'My partner too' })
      .check();
    await page.getByRole('group', { name: 'Who can read this note?' }).getByRole('radio', { name: 'Only me', exact: true }).check();
    // The note's draft is kept by day (issue #20).
    const place = await page.locator('form.checkin-form input[name="_draft"]').getAttribute('value');
    assert.match(place ?? '', new RegExp(`^checkin-note:${people.spaceId}:\\d{4}-\\d{2}-\\d{2}$`));
    assert.equal((await people.a.api.get(`/api/v1/drafts/${place}`)).statusCode, 200, 'kept while typing');
    await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
    assert.equal((await people.a.api.get(`/api/v1/drafts/${place}`)).statusCode, 404, 'saved with the check-in');
  });

  test('with JavaScript: a save that fails is tried again, and the words stay in the box', async () => {
    const sam = await profile(people.b);
    const { page } = sam;
    await page.goto(`${session.origin}/spaces/${people.spaceId}/meetings/new`);
    let refused = 0;
    await page.route('**/drafts/save', async (route) => {
      if (refused++ === 0) return route.fulfill({ status: 503, body: 'unavailable' });
      return route.continue();
    });
    sam.problems.expectStatus(/\/drafts\/save$/, 503);
    await page.getByLabel('Appreciations', { exact: true }).fill('Thank you for listening on Sunday.');
    await page.locator('#meeting-form[data-draft-state="failed"]').waitFor({ state: 'attached' });
    await page.getByText('Not saved as a draft yet. Mend will try again; your words are still here.').waitFor();
    await draftSaved(page, '#meeting-form');
    assert.ok(refused >= 2, 'tried again');
    assert.equal(await page.getByLabel('Appreciations', { exact: true }).inputValue(), 'Thank you for listening on Sunday.');
    assert.deepEqual(json(await people.b.api.get(`/api/v1/drafts/meeting:${people.spaceId}`)).draft.fields, {
      appreciations: 'Thank you for listening on Sunday.',
    });
    await session.checkPage(sam, 'the meeting form after a save was tried again');
  });
});
