import path from 'node:path';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, newPerson } from '../support/api-client.js';
import { json, succeeded } from '../support/app.js';
import { browserSkipReason } from './support/browser.js';
import { keepRecoveryCode, startBrowserApp, type BrowserApp, type ProfileOptions } from './support/session.js';

/**
 * The sign-up page under MEND_SIGNUPS=invite and =closed (issue #21), in a real browser: on a
 * phone with JavaScript and on a desktop without, each page checked with axe-core and for console
 * errors. (`open`, the default, is the newcomer walk, test/e2e/newcomer.test.ts.)
 */
const SCREENSHOTS = path.resolve('test-results');
const skip = browserSkipReason();
const cases: Array<{ label: string; options: ProfileOptions }> = [
  { label: 'phone', options: { viewport: { width: 390, height: 844 } } },
  { label: 'desktop-no-js', options: { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false } },
];

describe('sign-up by invitation only, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp({ env: { MEND_SIGNUPS: 'invite' } });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await session?.close();
  });

  for (const { label, options } of cases) {
    test(`the invitation link fills in the code; a wrong code is refused at its field (${label})`, async () => {
      const { app } = session.testApp;
      const { token } = await app.mend.accounts.signUp({ ...newPerson('Alex'), displayName: 'Alex' }, 'bearer');
      const alex = new ApiClient(app, token);
      const spaceId = json(await succeeded(alex.post('/api/v1/spaces', { name: 'Us' }), 'space')).space.id as string;
      const code = json(await succeeded(alex.post(`/api/v1/spaces/${spaceId}/invitations`, {}), 'invitation')).invitation.code as string;
      const profile = await session.newProfile(options);
      const { page } = profile;
      const shot = (name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `sign-up-invite-${label}-${name}.png`), fullPage: true });

      profile.problems.expectStatus(`${session.origin}/sign-up`, 403);
      await page.goto(`${session.origin}/sign-up`);
      await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
      await page.getByLabel('Invitation code').fill('not-a-code');
      await page.getByLabel('Your name').fill('Guess');
      await page.getByLabel('Email address').fill(newPerson('Guess').email);
      await page.getByLabel('Password').fill('a quiet orchard lantern at dusk');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('#field-invitationCode-error').waitFor();
      assert.match(await page.locator('#field-invitationCode-error').innerText(), /This code does not work/);
      await session.checkPage(profile, `the refused code (${label})`);
      await shot('refused');

      await page.goto(`${session.origin}/join/${code}`);
      await page.getByRole('link', { name: 'Create an account to join' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
      assert.equal(await page.getByLabel('Invitation code').inputValue(), code);
      await session.checkPage(profile, `sign-up from the invitation (${label})`);
      await shot('from-link');
      await page.getByLabel('Your name').fill('Sam');
      await page.getByLabel('Email address').fill(newPerson('Sam').email);
      await page.getByLabel('Password').fill('a quiet orchard lantern at dusk');
      await page.getByRole('button', { name: 'Create account' }).click();
      await keepRecoveryCode(page);
      const join = page.getByRole('button', { name: 'Join Alex' });
      await join.waitFor();
      await join.click();
      await page.waitForURL(`${session.origin}/spaces/${spaceId}`);
      await session.checkPage(profile, `the space joined (${label})`);
    });
  }
});

describe('sign-ups closed, in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp({ env: { MEND_SIGNUPS: 'closed' } });
  });
  after(async () => {
    await session?.close();
  });

  for (const { label, options } of cases) {
    test(`the sign-up page says so calmly, with no form (${label})`, async () => {
      const profile = await session.newProfile(options);
      const { page } = profile;
      await page.goto(`${session.origin}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Create an account' }).count(), 0, 'no way offered that ends at a closed door');
      // A bookmark or a link from elsewhere still reaches the page.
      await page.goto(`${session.origin}/sign-up`);
      await page.getByRole('heading', { level: 1, name: 'Sign-ups are closed' }).waitFor();
      assert.match(await page.locator('main').innerText(), /not taking new accounts at the moment/);
      assert.equal(await page.getByRole('button', { name: 'Create account' }).count(), 0);
      assert.equal(await page.locator('form[action="/sign-up"]').count(), 0);
      await session.checkPage(profile, `sign-ups closed (${label})`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `sign-up-closed-${label}.png`), fullPage: true });
    });
  }
});
