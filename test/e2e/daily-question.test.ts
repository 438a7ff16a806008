import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { couple, signUp } from '../support/api-client.js';
import { json } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { checkIn, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';
import { addDays } from '../../src/core/time.js';
import { DailyAnswerStore } from '../../src/features/daily-question/store.js';

/**
 * The daily question (issue #25) through its page, on a 390 px phone, with and without
 * JavaScript, by clicks and typing only: offered on the space's home after the day's check-in,
 * each partner answers on their own, the first answer stays sealed (the partner sees only that
 * it exists), and both open together when the second partner answers — on the first partner's
 * page still open, by itself, with JavaScript (the space's stream), and on a reload without it.
 * axe checks each page.
 */

const skip = browserSkipReason();
const SHOTS = path.resolve('test-results', 'daily-question');
const ALEX_WORDS = 'CANARY-ALEX-E2E a slow breakfast together';
const SAM_WORDS = 'CANARY-SAM-E2E the walk by the river';

/** No part of the page is wider than a 390 px screen. */
async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
}

describe('the daily question for two, in a browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => session?.close());

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: after the check-in, each answers privately and both answers open together`, async () => {
      const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
      const phone = { viewport: { width: 390, height: 844 }, javaScriptEnabled };
      const alex = await signedIn(session, a, phone);
      const sam = await signedIn(session, b, phone);
      const mode = javaScriptEnabled ? 'js' : 'nojs';
      fs.mkdirSync(SHOTS, { recursive: true });

      // Before the check-in, the home page offers no question.
      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      assert.equal(await alex.page.getByRole('heading', { name: 'A question for today' }).count(), 0);
      await checkIn(session, alex.page, spaceId, [6, 5, 5]);
      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      await alex.page.getByRole('heading', { name: 'A question for today' }).waitFor();
      await Promise.all([alex.page.waitForURL(/\/question$/), alex.page.getByRole('link', { name: 'Open today’s question' }).click()]);
      await alex.page.getByRole('heading', { level: 1, name: 'Today’s question for the two of you' }).waitFor();
      await session.checkPage(alex, 'the daily question, unanswered');
      await fitsThePhone(alex.page);
      await alex.page.screenshot({ path: path.join(SHOTS, `unanswered-${mode}-390.png`), fullPage: true });

      await alex.page.getByLabel('Your answer').fill(ALEX_WORDS);
      await Promise.all([alex.page.waitForURL(/\/question$/), alex.page.getByRole('button', { name: 'Send my answer' }).click()]);
      await alex.page.getByText('Your answer stays sealed until Sam answers today’s question too.').waitFor();
      await alex.page.getByText(ALEX_WORDS).waitFor();
      await session.checkPage(alex, 'the daily question, sealed');
      // Alex keeps the page open; with JavaScript it follows the space's stream.
      if (javaScriptEnabled) await alex.page.locator('html[data-live-connected="true"]').waitFor();

      // Sam sees that Alex answered, never the words, until Sam answers.
      await sam.page.goto(`${session.origin}/spaces/${spaceId}/question`);
      await sam.page.getByText('Alex has answered. Their answer opens when you send yours, if you want to.').waitFor();
      assert.ok(!(await sam.page.content()).includes('CANARY-ALEX'), 'Alex’s words are not in Sam’s page');
      await session.checkPage(sam, 'the daily question, the partner’s half sealed');
      await sam.page.screenshot({ path: path.join(SHOTS, `partner-sealed-${mode}-390.png`), fullPage: true });
      await sam.page.getByLabel('Your answer').fill(SAM_WORDS);
      await Promise.all([sam.page.waitForURL(/\/question$/), sam.page.getByRole('button', { name: 'Send my answer' }).click()]);
      await sam.page.getByRole('heading', { name: 'Alex’s answer' }).waitFor();
      await sam.page.getByText(ALEX_WORDS).waitFor();
      await sam.page.getByText(SAM_WORDS).waitFor();
      await session.checkPage(sam, 'the daily question, open');
      await fitsThePhone(sam.page);
      await sam.page.screenshot({ path: path.join(SHOTS, `open-${mode}-390.png`), fullPage: true });

      if (javaScriptEnabled) {
        // Alex's open page opens the pair by itself, in its own browser context, with no reload.
        await alex.page.getByRole('heading', { name: 'Sam’s answer' }).waitFor();
        await alex.page.getByText(SAM_WORDS).waitFor();
        await alex.page.getByRole('status').filter({ hasText: 'Just updated: Your answers.' }).waitFor({ state: 'attached' });
        await session.checkPage(alex, 'the daily question, opened while open');
      } else {
        // Without JavaScript the open page is as it was drawn; a reload shows the pair.
        assert.equal(await alex.page.getByRole('heading', { name: 'Sam’s answer' }).count(), 0);
        await alex.page.getByText('Your answer stays sealed until Sam answers today’s question too.').waitFor();
      }
      await alex.page.goto(`${session.origin}/spaces/${spaceId}/question`);
      await alex.page.getByRole('heading', { name: 'Sam’s answer' }).waitFor();
      await alex.page.getByText(SAM_WORDS).waitFor();
      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      await alex.page.getByText('You have both answered today’s question: your answers are open.').waitFor();
      assert.doesNotMatch(await alex.page.content(), /streak|in a row/i);
    });
  }

  test('leaving the day’s question: back home, nothing asks again, and the partner sees no answer', async () => {
    const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
    const alex = await signedIn(session, a, { viewport: { width: 390, height: 844 } });
    await checkIn(session, alex.page, spaceId, [4, 4, 4]);
    await alex.page.goto(`${session.origin}/spaces/${spaceId}/question`);
    await Promise.all([
      alex.page.waitForURL(new RegExp(`/spaces/${spaceId}$`)),
      alex.page.getByRole('button', { name: 'Not today' }).click(),
    ]);
    assert.equal(await alex.page.getByRole('heading', { name: 'A question for today' }).count(), 0);
    await session.checkPage(alex, 'the space after leaving the question');
    const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 } });
    await sam.page.goto(`${session.origin}/spaces/${spaceId}/question`);
    await sam.page.getByLabel('Your answer').waitFor();
    assert.equal(await sam.page.getByText('Alex has answered').count(), 0, 'a skip is not an answer');
  });

  test('a person alone answers a reflective question that stays theirs', async () => {
    const robin = await signUp(session.testApp.app, 'Robin');
    const spaceId = json(await robin.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const alone = await signedIn(session, robin, { viewport: { width: 390, height: 844 } });
    // The check-in's form alone is walked elsewhere (test/e2e/solo-words.test.ts); here it is the API's.
    const today = json(await robin.api.get(`/api/v1/spaces/${spaceId}/daily-question`)).dailyQuestion.day as string;
    assert.equal(
      (await robin.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 5, trust: 5, closeness: 5 })).statusCode,
      201,
    );
    await alone.page.goto(`${session.origin}/spaces/${spaceId}`);
    await Promise.all([alone.page.waitForURL(/\/question$/), alone.page.getByRole('link', { name: 'Open today’s question' }).click()]);
    await alone.page.getByRole('heading', { level: 1, name: 'A question for you today' }).waitFor();
    await alone.page.getByText('Nobody else reads your answer').waitFor();
    await session.checkPage(alone, 'the reflective question, alone');
    await alone.page.getByLabel('Your answer').fill('Some quiet time in the garden.');
    await Promise.all([alone.page.waitForURL(/\/question$/), alone.page.getByRole('button', { name: 'Send my answer' }).click()]);
    await alone.page.getByText('Some quiet time in the garden.').waitFor();
    assert.equal(await alone.page.getByText(/sealed/).count(), 0, 'nothing about a partner’s half');
    await fitsThePhone(alone.page);
    await alone.page.screenshot({ path: path.join(SHOTS, 'solo-answered-390.png'), fullPage: true });
  });

  test('earlier days: the days Alex answered, each read back with the pair only where both answered', async () => {
    const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
    const today = json(await a.api.get(`/api/v1/spaces/${spaceId}/daily-question`)).dailyQuestion.day as string;
    const store = new DailyAnswerStore(session.testApp.app.mend.store.db, session.testApp.app.mend.vault);
    const put = (who: { id: string }, day: string, text: string) =>
      store.put({
        id: `${who.id.slice(0, 20)}-${day}`,
        spaceId,
        accountId: who.id,
        day,
        questionId: 'early-001',
        visibility: 'sealed',
        state: 'answered',
        text,
        now: new Date().toISOString(),
      });
    const [both, alone] = [addDays(today, -3), addDays(today, -1)];
    await put(a, both, 'CANARY-EARLIER-ALEX the kettle on first');
    await put(b, both, 'CANARY-EARLIER-SAM the note by the door');
    await put(a, alone, 'CANARY-EARLIER-ALONE a quiet walk');
    await put(b, addDays(today, -2), 'CANARY-EARLIER-SAM-ONLY');

    for (const javaScriptEnabled of [true, false]) {
      const alex = await signedIn(session, a, { viewport: { width: 390, height: 844 }, javaScriptEnabled });
      await alex.page.goto(`${session.origin}/spaces/${spaceId}/question`);
      const earlier = alex.page.getByRole('heading', { name: 'Earlier days' });
      await earlier.waitFor();
      const days = alex.page.locator(`a[href^="/spaces/${spaceId}/question/20"]`);
      assert.equal(await days.count(), 2, 'the two days Alex answered; not the day Sam alone answered');
      await fitsThePhone(alex.page);
      if (javaScriptEnabled) await alex.page.screenshot({ path: path.join(SHOTS, 'earlier-days-390.png'), fullPage: true });

      await Promise.all([alex.page.waitForURL(new RegExp(`/question/${both}$`)), days.nth(1).click()]);
      await alex.page.getByText('CANARY-EARLIER-SAM the note by the door').waitFor();
      await alex.page.getByText('CANARY-EARLIER-ALEX the kettle on first').waitFor();
      await session.checkPage(alex, 'an earlier day, both answered');
      await fitsThePhone(alex.page);
      if (javaScriptEnabled) await alex.page.screenshot({ path: path.join(SHOTS, 'earlier-day-open-390.png'), fullPage: true });

      await alex.page.goBack();
      await Promise.all([alex.page.waitForURL(new RegExp(`/question/${alone}$`)), days.nth(0).click()]);
      await alex.page.getByText('CANARY-EARLIER-ALONE a quiet walk').waitFor();
      assert.ok(!(await alex.page.content()).includes('CANARY-EARLIER-SAM'), 'Sam’s words of other days are not on this day');
      await session.checkPage(alex, 'an earlier day Alex alone answered');
      if (javaScriptEnabled) await alex.page.screenshot({ path: path.join(SHOTS, 'earlier-day-alone-390.png'), fullPage: true });
      await alex.context.close();
    }
  });
});
