import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { json, succeeded } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { readMessage, startSmtp, type TestSmtp } from '../support/smtp.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type ProfileOptions } from './support/session.js';

/**
 * Email settings and the stop link in a real browser (issue #18, part 3): quiet hours refused and
 * then saved on the Notifications page, an email about something waiting, its stop link opened
 * where nobody is signed in, one button, and the emails turned back on from the settings. On a
 * phone (390 px) with JavaScript and on a desktop without; every page checked with axe-core, for
 * console errors and CSP violations. SQLite is enough here; the HTTP suite covers both databases.
 */
const SCREENSHOTS = path.resolve('test-results');
const skip = browserSkipReason();
const MIN = 60_000;

describe('email settings and the stop link in a real browser [sqlite]', { skip }, () => {
  // Noon UTC tomorrow, out of anyone's default quiet hours: near the real date, because the
  // browser judges the session cookie's expiry by its own clock.
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 1);
  start.setUTCHours(12, 0, 0, 0);
  const clock = fixedClock(start);
  let smtp: TestSmtp;
  let session: BrowserApp;

  before(async () => {
    smtp = await startSmtp();
    session = await startBrowserApp({ env: smtp.env, clock });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await session?.close();
    await smtp?.close();
  });

  const cases: Array<{ label: string; options: ProfileOptions }> = [
    { label: 'phone', options: { viewport: { width: 390, height: 844 } } },
    { label: 'no-js', options: { javaScriptEnabled: false } },
  ];
  for (const { label, options } of cases) {
    test(`quiet hours, an email, its stop link, and back on (${label})`, async () => {
      clock.advance(24 * 60 * MIN);
      const app = session.testApp.app;
      const alex = await signUp(app, 'Alex');
      const sam = await signUp(app, 'Sam');
      const spaceId = json(await alex.api.post('/api/v1/spaces', { name: 'Us' })).space.id as string;
      const code = json(await alex.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code as string;
      await succeeded(sam.api.post(`/api/v1/invitations/${code}/accept`), 'join');

      const profile = await session.newProfile(options);
      const { page } = profile;
      const shot = (name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `email-settings-${label}-${name}.png`), fullPage: true });
      await session.signIn(profile, alex);
      await page.goto(`${session.origin}/notifications`);
      const email = page.getByRole('group', { name: 'Email me' });
      await email.waitFor();
      assert.equal(await page.getByLabel('When something is waiting for me').isChecked(), true, 'on until turned off');
      assert.equal(await page.getByLabel('From').inputValue(), '22:00');
      assert.equal(await page.getByLabel('Until').inputValue(), '08:00');
      if (label === 'phone') {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `nothing wider than the phone (${width}px)`);
      }
      await session.checkPage(profile, `the notifications page (${label})`);
      await shot('settings');

      // Only one time: refused beside the field, with what was typed kept.
      profile.problems.expectStatus(`${session.origin}/notifications/email`, 400);
      await page.getByLabel('From').fill('23:30');
      await page.getByLabel('Until').fill('');
      await page.getByRole('button', { name: 'Save email settings' }).click();
      await page.locator('#field-quietHours-error').waitFor();
      assert.match(await page.locator('#field-quietHours-error').innerText(), /Fill in both times/);
      assert.equal(await page.getByLabel('From').inputValue(), '23:30');
      await session.checkPage(profile, `the refused quiet hours (${label})`);
      await shot('refused');

      await page.getByLabel('Until').fill('07:00');
      await page.getByRole('button', { name: 'Save email settings' }).click();
      await page.getByText('Your email settings are saved.').waitFor();
      assert.equal(await page.getByLabel('From').inputValue(), '23:30');
      assert.equal(await page.getByLabel('Until').inputValue(), '07:00');
      assert.deepEqual(json(await alex.api.get('/api/v1/me/reminders')).reminders.quietHours, { start: '23:30', end: '07:00' });
      await session.checkPage(profile, `the saved settings (${label})`);

      // Sam asks for reassurance; Alex is away for ten minutes: one email.
      clock.advance(MIN);
      await succeeded(sam.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {}), 'reassurance');
      clock.advance(10 * MIN);
      await app.mend.rhythm.reminders.tick();
      const message = readMessage(await smtp.messageTo(alex.email));
      const stop = /<(http[^>]+)>/.exec(message.headers['list-unsubscribe'] ?? '')?.[1];
      assert.ok(stop, 'the email has its stop link');

      // Opened on a device where nobody is signed in: one question, one button.
      const elsewhere = await session.newProfile(options);
      await elsewhere.page.goto(stop);
      await elsewhere.page.getByRole('heading', { name: 'Stop the emails that tell you something is waiting in Mend?' }).waitFor();
      assert.equal(json(await alex.api.get('/api/v1/me/reminders')).reminders.waitingEmail, true, 'opening it changed nothing');
      await session.checkPage(elsewhere, `the stop page (${label})`);
      await elsewhere.page.screenshot({ path: path.join(SCREENSHOTS, `email-settings-${label}-stop.png`), fullPage: true });
      await elsewhere.page.getByRole('button', { name: 'Stop these emails' }).click();
      await elsewhere.page.getByRole('heading', { name: 'These emails are stopped' }).waitFor();
      await session.checkPage(elsewhere, `the stopped page (${label})`);
      await elsewhere.page.screenshot({ path: path.join(SCREENSHOTS, `email-settings-${label}-stopped.png`), fullPage: true });
      assert.equal(json(await alex.api.get('/api/v1/me/reminders')).reminders.waitingEmail, false);

      // Back on, from the settings page.
      await page.goto(`${session.origin}/notifications`);
      const box = page.getByLabel('When something is waiting for me');
      assert.equal(await box.isChecked(), false);
      await box.check();
      await page.getByRole('button', { name: 'Save email settings' }).click();
      await page.getByText('Your email settings are saved.').waitFor();
      assert.equal(await page.getByLabel('When something is waiting for me').isChecked(), true);
      assert.equal(json(await alex.api.get('/api/v1/me/reminders')).reminders.waitingEmail, true);
      await session.checkPage(profile, `the settings back on (${label})`);
    });
  }
});
