import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUp } from '../support/api-client.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { browserSkipReason } from './support/browser.js';
import { keepRecoveryCode, startBrowserApp, type BrowserApp, type ProfileOptions } from './support/session.js';

/**
 * The way back from a forgotten password, through the pages of a real browser and a real SMTP
 * server: "Forgot your password?" on sign-in, the request, the email's link, a refused and then a
 * good new password, and signing in with it. On a phone with JavaScript and on a desktop without;
 * every page checked with axe-core, for console errors and CSP violations. SQLite is enough here;
 * the HTTP suite covers both databases.
 */
const SCREENSHOTS = path.resolve('test-results');
const skip = browserSkipReason();

describe('forgotten password in a real browser [sqlite]', { skip }, () => {
  let smtp: TestSmtp;
  let session: BrowserApp;

  before(async () => {
    smtp = await startSmtp();
    session = await startBrowserApp({ env: smtp.env });
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
    test(`from "Forgot your password?" to signed in with the new one (${label})`, async () => {
      const person = await signUp(session.testApp.app, 'Bea');
      const profile = await session.newProfile(options);
      const { page } = profile;
      const shot = (name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `forgotten-password-${label}-${name}.png`), fullPage: true });

      await page.goto(`${session.origin}/sign-in`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await session.checkPage(profile, `the request page (${label})`);
      await shot('request');

      await page.getByLabel('Email address').fill(person.email);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await session.checkPage(profile, `the check-your-email page (${label})`);
      await shot('sent');

      const message = await smtp.messageTo(person.email);
      const link = /http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(message.data.replace(/=\r?\n/g, ''))?.[0];
      assert.ok(link, 'the email carries the link');
      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await session.checkPage(profile, `the new-password page (${label})`);

      profile.problems.expectStatus(link, 400);
      await page.getByLabel('New password').fill('password1234');
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await page.locator('#field-password-error').waitFor();
      await session.checkPage(profile, `the refused new password (${label})`);
      await shot('refused');

      await page.getByLabel('New password').fill('a fresh orchard lantern at dusk');
      // One person has kept the recovery code; the other goes on without it, told first what that costs.
      if (label === 'phone') await page.getByRole('textbox', { name: 'Recovery code' }).fill(person.recoveryCode!);
      else {
        assert.match(await page.locator('main').innerText(), /cannot be opened again by anyone/);
        await page.getByLabel('I do not have my recovery code. Go on without it.').check();
      }
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/sign-in'),
        page.getByRole('button', { name: 'Save the new password' }).click(),
      ]);
      await page.getByText('Your new password is saved. Sign in with it.').waitFor();
      assert.equal(await page.evaluate(() => document.referrer), '', 'the page after the link was not told where it came from');
      await session.checkPage(profile, `sign-in after the reset (${label})`);
      await shot('done');

      await session.signIn(profile, { email: person.email, password: 'a fresh orchard lantern at dusk' });
      assert.notEqual(new URL(page.url()).pathname, '/sign-in', 'signed in with the new password');
      if (label !== 'phone') {
        // A new key, so a new recovery code, shown once after signing in.
        const code = await keepRecoveryCode(page);
        assert.notEqual(code, person.recoveryCode);
        await page.waitForURL((url) => url.pathname === '/');
      }
    });
  }
});
