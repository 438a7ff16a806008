import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SCREENING_QUESTION_IDS } from '../../src/core/safety/index.js';
import { couple, newPerson } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { checkIn, signedIn } from './support/partners.js';
import { keepRecoveryCode, startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * Issue #14 items 2 and 5 in a real browser, with and without JavaScript: a sign-up from
 * Europe/London sees the United Kingdom's lines first after a positive safety check, and a hard
 * check-in leads to the hard-day page and from there to support for the person's country.
 */

const PHONE = { width: 390, height: 844 };
const skip = browserSkipReason();

/** Each text is on the page, each below the one before. */
async function assertInOrder(page: Page, texts: string[]): Promise<void> {
  const body = await page.locator('main').innerText();
  const at = texts.map((t) => body.indexOf(t));
  assert.ok(
    at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!)),
    `${texts.join(' < ')}: ${at.join(', ')}`,
  );
}

async function answerSafetyCheck(session: BrowserApp, page: Page): Promise<void> {
  await page.goto(`${session.origin}/safety`);
  for (const id of SCREENING_QUESTION_IDS)
    await page.locator(`input[name="${id}"][value="${id === 'afraid' ? 'sometimes' : 'never'}"]`).check();
  await Promise.all([page.waitForURL(/\/safety$/), page.getByRole('button', { name: 'See what this means' }).click()]);
}

async function signUpThroughForm(session: BrowserApp, profile: Profile, country?: string): Promise<void> {
  const { page } = profile;
  const person = newPerson('Sam');
  await page.getByLabel('Your name').fill(person.displayName);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  if (country) await page.getByLabel('Where you live').selectOption({ label: country });
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-up')),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
  await keepRecoveryCode(page);
  void session;
}

describe('help for the person’s country, and a hard moment, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;

  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => {
    await session?.close();
  });

  test('a Europe/London sign-up is offered the United Kingdom, and after a positive check sees its lines first', async () => {
    const profile = await session.newProfile({ viewport: PHONE, timezoneId: 'Europe/London' });
    const { page } = profile;
    await page.goto(`${session.origin}/sign-up`);
    assert.equal(await page.getByLabel('Your time zone').inputValue(), 'Europe/London');
    assert.equal(await page.getByLabel('Where you live').inputValue(), 'GB', 'pre-selected from the browser’s time zone');
    await session.checkPage(profile, 'sign-up');
    await signUpThroughForm(session, profile);
    await answerSafetyCheck(session, page);
    await page.getByRole('heading', { name: 'People you can talk to in the United Kingdom' }).waitFor();
    await assertInOrder(page, ['call 999', 'National Domestic Abuse Helpline', 'Show services for', 'What this means']);
    assert.ok(!(await page.locator('main').innerText()).includes('call 112'), 'not the international number');
    await session.checkPage(profile, 'safety result');
  });

  test('a choice of country made by hand is kept when the browser’s zone changes', async () => {
    const { page } = await session.newProfile({ viewport: PHONE, timezoneId: 'Europe/London' });
    await page.goto(`${session.origin}/sign-up`);
    await page.getByLabel('Where you live').selectOption({ label: 'Ireland' });
    await page.getByLabel('Your time zone').selectOption('Europe/Paris');
    assert.equal(await page.getByLabel('Where you live').inputValue(), 'IE');
  });

  test('without JavaScript nothing is guessed, the country can be chosen, and the picker works as a plain form', async () => {
    const profile = await session.newProfile({ viewport: PHONE, timezoneId: 'Europe/London', javaScriptEnabled: false });
    const { page } = profile;
    await page.goto(`${session.origin}/sign-up`);
    assert.equal(await page.getByLabel('Your time zone').inputValue(), 'UTC');
    assert.equal(await page.getByLabel('Where you live').inputValue(), '', 'no confident wrong guess');
    await signUpThroughForm(session, profile, 'United Kingdom');
    await page.goto(`${session.origin}/support`);
    await page.getByRole('heading', { name: 'People you can talk to in the United Kingdom' }).waitFor();
    await page.getByLabel('Show services for').selectOption({ label: 'Germany' });
    await Promise.all([page.waitForURL(/\/support\?country=DE$/), page.getByRole('button', { name: 'Show' }).click()]);
    await page.getByRole('heading', { name: 'People you can talk to in Germany' }).waitFor();
    assert.ok((await page.locator('main').innerText()).includes('116 016'));
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a hard check-in leads to the hard-day page and on to support (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app);
      await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [b.id] });
      const alex = await signedIn(session, a, { viewport: PHONE, javaScriptEnabled });
      await checkIn(session, alex.page, spaceId, [2, 5, 5], 'Hard');
      const note = alex.page.getByRole('complementary', { name: 'A hard day' });
      await note.waitFor();
      // axe-core runs as a script: the pages are checked with JavaScript on, and they are the same pages.
      if (javaScriptEnabled) await session.checkPage(alex, 'hard check-in saved');
      await Promise.all([
        alex.page.waitForURL(/\/journeys\/[^/]+\/hard-day$/),
        note.getByRole('link', { name: 'Open the hard-day page' }).click(),
      ]);
      await alex.page.getByRole('heading', { name: 'A hard day', level: 1 }).waitFor();
      if (javaScriptEnabled) await session.checkPage(alex, 'hard-day page');
      await Promise.all([
        alex.page.waitForURL(/\/support\?country=INTL$/),
        alex.page.getByRole('link', { name: 'People you can talk to wherever you are' }).click(),
      ]);
      await alex.page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();

      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      await Promise.all([alex.page.waitForURL(/\/hard-day$/), alex.page.getByRole('link', { name: 'A hard day' }).click()]);

      const sam = await signedIn(session, b, { viewport: PHONE, javaScriptEnabled });
      for (const url of [`/spaces/${spaceId}`, `/spaces/${spaceId}/check-in?saved=1`]) {
        await sam.page.goto(`${session.origin}${url}`);
        assert.equal(await sam.page.getByText('Only you see this note').count(), 0, `the partner is not told (${url})`);
      }
    });
  }
});
