import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json } from '../../support/app.js';
import { couple, type Person } from '../../support/api-client.js';
import { startBrowserApp, type BrowserApp, type Profile, type ProfileOptions } from './session.js';

/**
 * What the two-partner browser tests share: a partner signed in on their own phone, a check-in
 * through the form, an agreement made through the API, and the checks a live update needs (the
 * page listening, and still the same page load afterwards).
 */

/** A partner’s own browser, signed in: a phone-sized screen unless told otherwise (a check-in is meant to take twenty seconds on one). */
export async function signedIn(session: BrowserApp, person: Person, options: ProfileOptions = {}): Promise<Profile> {
  const profile = await session.newProfile({ viewport: { width: 360, height: 740 }, timezoneId: 'UTC', ...options });
  await session.signIn(profile, person);
  return profile;
}

const LEGENDS = [
  'How safe do you feel with your partner today?',
  'How much do you trust your partner today?',
  'How close do you feel today?',
];

/** The check-in form's question of who sees the numbers (it has no answer picked until the person picks one). */
export const NUMBERS_QUESTION = 'Who sees these numbers and how your day was?';

/**
 * Today's check-in through the form: safety, trust and closeness, how the day was if given, and
 * who sees the numbers (the partner too, unless told otherwise: these tests watch the partner's page).
 */
export async function checkIn(
  session: BrowserApp,
  page: Page,
  spaceId: string,
  values: [number, number, number],
  day?: 'Good' | 'Mixed' | 'Hard',
  numbers: 'My partner too' | 'Only me — my partner sees only that I checked in' = 'My partner too',
): Promise<void> {
  await page.goto(`${session.origin}/spaces/${spaceId}/check-in`);
  for (const [i, legend] of LEGENDS.entries()) {
    await page
      .getByRole('group', { name: legend })
      .getByRole('radio', { name: String(values[i]), exact: true })
      .check();
  }
  if (day) await page.getByRole('radio', { name: day }).check();
  await page.getByRole('group', { name: NUMBERS_QUESTION }).getByRole('radio', { name: numbers }).check();
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save check-in' }).click()]);
  await page.getByText('your check-in is saved').waitFor();
}

/**
 * Steps 1–3 of a journey through the API (`committed` broke a promise, both wrote and
 * acknowledged, the apology was received), ending in an active agreement `committed` made.
 */
export async function activeAgreement(
  committed: Person,
  other: Person,
  spaceId: string,
  text: string,
): Promise<{ journeyId: string; agreementId: string }> {
  const journeyId = json(await other.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'broken_promise', brokeTrust: [committed.id] }))
    .journey.id as string;
  for (const p of [committed, other]) {
    await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` });
    await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
  }
  const apology = json(
    await committed.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry I broke my promise.' }),
  ).apology;
  await other.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true });
  const agreement = json(
    await committed.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text, committedBy: [committed.id], cadence: 'each_time' }),
  ).agreement;
  assert.equal((await other.api.post(`/api/v1/agreements/${agreement.id}/accept`)).statusCode, 200);
  return { journeyId, agreementId: agreement.id as string };
}

/**
 * Waits until the page's live island is listening (so a partner's act cannot come before it),
 * then marks this page load; `assertSamePage` later fails if the page was reloaded or left.
 */
export async function listening(page: Page): Promise<{ assertSamePage(): Promise<void> }> {
  await page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
  // A value only this page load has: it survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { mendLoadMarker: string }).mendLoadMarker = 'same page'));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return {
    async assertSamePage() {
      assert.equal(await page.evaluate(() => (window as unknown as { mendLoadMarker?: string }).mendLoadMarker), 'same page', 'no reload');
      assert.deepEqual(navigations, [], 'no navigation');
    },
  };
}

/** Fails if `secret` is anywhere in the page's markup (hidden parts and attributes included). */
export async function assertNotInPage(page: Page, secret: string, label: string): Promise<void> {
  assert.ok(!(await page.content()).includes(secret), `${label} holds the partner's private words`);
}

export interface BrowserCouple {
  session: BrowserApp;
  a: Person;
  b: Person;
  spaceId: string;
}

/**
 * For a suite: the app in a browser and Alex and Sam in one space, started before its tests (then
 * `prepare` runs) and closed after. Read the getter inside the tests.
 */
export function browserCouple(prepare: (c: BrowserCouple) => Promise<void> = async () => {}): () => BrowserCouple {
  let couple_: BrowserCouple | null = null;
  before(async () => {
    const session = await startBrowserApp();
    couple_ = { session, ...(await couple(session.testApp.app, ['Alex', 'Sam'])) };
    await prepare(couple_);
  });
  after(async () => couple_?.session.close());
  return () => couple_ ?? assert.fail('the browser suite has not started');
}
