import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { journeyAtStep2 } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * Issue #20: the apology builder repeated the same coach hints under all six boxes (a 5,800 px
 * page) and told a complete apology that impact and repair were missing. Each box now speaks of
 * itself only: the same words from the server (without JavaScript) and from the island as typed.
 * The hurt partner answers with words for what is missing, and the author reads them.
 */
const skip = browserSkipReason();
const SHOTS = process.env['MEND_SHOTS_DIR'] ?? '/tmp/shots-wt-apology';

const PARTS: Record<string, string> = {
  'What I regret': 'I am sorry that I lied to you for months.',
  'What I take responsibility for': 'It was my choice to hide the messages, and nobody else’s.',
  'What it did to you': 'Months of nights on your own, wondering what else was untrue.',
  'What will change': 'From now on I will show you my phone when you ask.',
  'What I offer to make it right': 'I will pay for the counselling you choose.',
  'Asking for forgiveness (optional)': 'If one day you feel able to forgive me, I will be grateful; it is yours to decide.',
};

describe('the apology builder and its answer, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let people: Awaited<ReturnType<typeof journeyAtStep2>>;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await startBrowserApp();
    people = await journeyAtStep2(session.testApp.app);
  });
  after(async () => session?.close());

  const builderAs = async (o: { javaScriptEnabled: boolean; width: number }): Promise<Profile> => {
    const p = await session.newProfile({ javaScriptEnabled: o.javaScriptEnabled, viewport: { width: o.width, height: 900 } });
    await session.signIn(p, people.a);
    await p.page.goto(`${session.origin}/journeys/${people.journeyId}/apology`);
    return p;
  };

  for (const width of [390, 1280]) {
    test(`without JavaScript at ${width} px: "Check my apology" credits each box, and the page stays short`, async () => {
      const alex = await builderAs({ javaScriptEnabled: false, width });
      const { page } = alex;
      for (const [label, words] of Object.entries(PARTS)) await page.getByLabel(label, { exact: true }).fill(words);
      await Promise.all([page.waitForURL(/checked=1/), page.getByRole('button', { name: 'Check my apology' }).click()]);
      await page.getByText('Your apology has each of the parts that help.').waitFor();
      await page.locator('#field-parts\\.impact-coach').getByText('This says what it did to Sam.').waitFor();
      await page.locator('#field-parts\\.repair-coach').getByText('This offers Sam a way to make it right.').waitFor();
      assert.equal(await page.getByText(/Not written yet/).count(), 0);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 4000, `the builder with six boxes filled is ${height} px tall`);
      await page.screenshot({ path: `${SHOTS}/builder-checked-nojs-${width}.png`, fullPage: true });
      await session.checkPage(alex, `the checked builder without JavaScript at ${width} px`);
    });
  }

  test('with JavaScript: the island says beside each box what the server says', async () => {
    const alex = await builderAs({ javaScriptEnabled: true, width: 390 });
    const { page } = alex;
    await page.getByLabel('What it did to you', { exact: true }).fill(PARTS['What it did to you']!);
    await page.locator('#field-parts\\.impact-coach').getByText('This says what it did to Sam.').waitFor();
    await page.getByLabel('What I regret', { exact: true }).fill('I am sorry if you felt hurt.');
    await page.locator('#field-parts\\.regret-coach').getByText('Conditional').waitFor();
    // Only the box with those words says so.
    assert.equal(await page.locator('#field-parts\\.impact-coach').getByText('Conditional').count(), 0);
    await page.getByLabel('What it did to you', { exact: true }).fill('');
    await page.locator('#field-parts\\.impact-coach').getByText('Not written yet.').waitFor();
    await page.screenshot({ path: `${SHOTS}/builder-live-js-390.png`, fullPage: true });
    await session.checkPage(alex, 'the builder coached as typed');
  });

  test('the hurt partner says in words what is missing; the author reads it', async () => {
    const res = await people.a.api.post(`/api/v1/journeys/${people.journeyId}/apologies`, { text: 'I am sorry that I lied to you.' });
    const apologyId = json(res).apology.id as string;
    for (const [javaScriptEnabled, width] of [[false, 390]] as const) {
      const sam = await session.newProfile({ javaScriptEnabled, viewport: { width, height: 900 } });
      await session.signIn(sam, people.b);
      await sam.page.goto(`${session.origin}/journeys/${people.journeyId}/apologies/${apologyId}/answer`);
      await sam.page.getByLabel('An offer to make it right').check();
      await sam.page.getByLabel('What is missing, in your own words (optional)').fill('You never asked what would help me sleep again.');
      await sam.page.screenshot({ path: `${SHOTS}/answer-form-${width}.png`, fullPage: true });
      await Promise.all([sam.page.waitForURL(/steps\/2/), sam.page.getByRole('button', { name: 'Send my answer' }).click()]);
      await session.checkPage(sam, 'the answer sent');
    }
    const alex = await session.newProfile({ viewport: { width: 1280, height: 900 } });
    await session.signIn(alex, people.a);
    await alex.page.goto(`${session.origin}/journeys/${people.journeyId}/steps/2`);
    await alex.page.getByText('You never asked what would help me sleep again.').waitFor();
    await alex.page.screenshot({ path: `${SHOTS}/answer-read-by-author-1280.png`, fullPage: true });
    await session.checkPage(alex, 'the author reads the answer');
  });
  test('opened sealed halves say so, and a box under a same-worded heading shows the words once', async () => {
    const sam = await session.newProfile({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    await session.signIn(sam, people.b);
    await sam.page.goto(`${session.origin}/journeys/${people.journeyId}/steps/1`);
    assert.equal(await sam.page.getByText(/Opened — you both wrote yours/).count(), 2);
    await sam.page.screenshot({ path: `${SHOTS}/step1-opened-390.png`, fullPage: true });
    await sam.page.goto(`${session.origin}/journeys/${people.journeyId}/steps/2`);
    // the box keeps its accessible name; its words are shown once, as the heading
    await sam.page.getByRole('textbox', { name: 'What hurts, and what I need' }).waitFor();
    const shown = await sam.page.evaluate(
      () =>
        [...document.querySelectorAll('h2, label')].filter(
          (e) => e.textContent?.trim() === 'What hurts, and what I need' && (e as HTMLElement).offsetWidth > 2,
        ).length,
    );
    assert.equal(shown, 1, 'the words are shown once');
    await sam.page.screenshot({ path: `${SHOTS}/step2-hurt-390.png`, fullPage: true });
    await session.checkPage(sam, 'step 2 as the hurt partner');
  });
});
