import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { couple, signUp, sharingNumbers } from '../support/api-client.js';
import { journeyAndAgreement } from '../support/live-people.js';
import { json } from '../support/app.js';
import { localDate } from '../../src/core/time.js';
import { NOTIFICATION_MESSAGES } from '../../src/core/notification-types.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * Issue #20, a therapist's first weeks, in a real browser on a phone and a desktop, with and
 * without JavaScript: a partner finds the consent in "Waiting for you", its buttons and the access
 * log stand apart as whole targets; the therapist is told access began, follows the link, finds
 * the decision guide and their way back to "Your couples"; the progress page's gauge speaks in the
 * words beside it and says each small win once.
 */
const skip = browserSkipReason();
const SHOTS = process.env.MEND_SHOTS_DIR ?? path.resolve('test-results', 'therapist-first-weeks');

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  assert.ok(b, 'drawn');
  return b;
};

describe('a therapist’s first weeks in a browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => session?.close());

  for (const [javaScriptEnabled, width] of [
    [true, 390],
    [false, 390],
    [true, 1280],
    [false, 1280],
  ] as const) {
    const label = `${javaScriptEnabled ? 'js' : 'nojs'}-${width}`;
    test(`${label}: consent waits for each partner, the therapist is told and finds their way`, async () => {
      const app = session.testApp.app;
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      await sharingNumbers(a, b);
      const { agreementId } = await journeyAndAgreement(a, b, spaceId, 'I tell you when I will be late.');
      const today = localDate(new Date(), 'UTC');
      for (const p of [a, b]) await p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 6, trust: 5, closeness: 6 });
      for (const kept of [true, true, false]) await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today, kept });
      const t = await signUp(app, 'Dr Quill');
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);

      const viewport = { width, height: 844 };
      const alex = await signedIn(session, a, { viewport, javaScriptEnabled });
      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      const waiting = alex.page.locator('#waiting').getByRole('link', { name: 'A therapist waiting for your agreement' });
      await waiting.waitFor();
      await alex.page.screenshot({ path: path.join(SHOTS, `space-waiting-${label}.png`) });
      await waiting.click();
      await alex.page.waitForURL(new RegExp(`#therapist-${t.id}$`));
      const card = alex.page.locator(`#therapist-${t.id}`);
      const agree = await box(card.getByRole('button', { name: 'I agree' }));
      const remove = await box(card.getByRole('button', { name: 'Remove this therapist' }));
      const log = await box(card.getByRole('link', { name: 'What the therapist has viewed' }));
      for (const [name, r] of [
        ['I agree', agree],
        ['Remove', remove],
      ] as const)
        assert.ok(r.height >= 44 && r.width >= 44, `${name} ${r.width}×${r.height}`);
      assert.ok(log.height >= 44, `the access log link is a whole target (${log.height} px high)`);
      assert.ok(remove.y - (agree.y + agree.height) >= 16, 'I agree and Remove stand apart');
      assert.ok(log.y - (remove.y + remove.height) >= 8, 'the access log link does not touch Remove');
      await card.screenshot({ path: path.join(SHOTS, `therapist-card-${label}.png`) });
      await session.checkPage(alex, 'the space page with a therapist waiting');

      await card.getByLabel(/Your password/).fill(a.password);
      await Promise.all([alex.page.waitForURL(/\/spaces\//), card.getByRole('button', { name: 'I agree' }).click()]);
      await alex.page.goto(`${session.origin}/spaces/${spaceId}`);
      assert.equal(await alex.page.locator('#waiting [data-waiting="therapist"]').count(), 0, 'gone once Alex agreed');
      assert.ok((await b.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password })).statusCode < 300);

      // The progress page: the gauge in the same words as the sentence beside it, each small win once.
      await alex.page.goto(`${session.origin}/spaces/${spaceId}/progress`);
      const gauge = alex.page.locator('#chart-consistency');
      await gauge.waitFor();
      const sentence = (await alex.page.locator('#h-consistency + ul').innerText()).match(/Kept about (\d+) in 10/)?.[1];
      assert.ok(sentence, 'the sentence says about N in 10');
      assert.match(await gauge.locator('svg').innerHTML(), new RegExp(`You: about ${sentence} in 10<`));
      assert.equal(await alex.page.locator('.milestones li', { hasText: 'A first check-in' }).count(), 1);
      await alex.page.locator('#h-consistency').scrollIntoViewIfNeeded();
      await alex.page.screenshot({ path: path.join(SHOTS, `progress-partner-${label}.png`), fullPage: true });

      // The therapist: told, led to the space, the guide and back to their couples.
      const lee = await signedIn(session, t, { viewport, javaScriptEnabled });
      await lee.page.goto(`${session.origin}/notifications`);
      const note = lee.page.getByText(NOTIFICATION_MESSAGES.therapist_access_began);
      await note.waitFor();
      await lee.page.screenshot({ path: path.join(SHOTS, `therapist-notifications-${label}.png`) });
      await session.checkPage(lee, 'the therapist’s notifications');
      await lee.page.goto(`${session.origin}/spaces/${spaceId}`);
      const home = lee.page.locator('header').getByRole('link', { name: 'Your couples' });
      await home.waitFor();
      await lee.page.screenshot({ path: path.join(SHOTS, `therapist-space-${label}.png`), fullPage: true });
      await session.checkPage(lee, 'the therapist’s view of the space');
      await Promise.all([lee.page.waitForURL(/decision-guide$/), lee.page.getByRole('link', { name: 'The decision guide' }).click()]);
      await lee.page.screenshot({ path: path.join(SHOTS, `therapist-guide-${label}.png`), fullPage: true });
      await lee.page.goto(`${session.origin}/spaces/${spaceId}/progress`);
      await lee.page.getByRole('link', { name: 'a decision guide' }).waitFor();
      await lee.page.screenshot({ path: path.join(SHOTS, `therapist-progress-${label}.png`), fullPage: true });
      await Promise.all([
        lee.page.waitForURL(/\/caseload$/),
        lee.page.locator('header').getByRole('link', { name: 'Your couples' }).click(),
      ]);
      await lee.page.getByRole('heading', { name: 'Your couples' }).waitFor();
      await session.checkPage(lee, 'the caseload');
    });
  }
});
