import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkipReason } from './support/browser.js';
import { keepRecoveryCode, startBrowserApp, type BrowserApp, type Profile, type ProfileOptions } from './support/session.js';

/**
 * The newcomer's path of the foundation issue, in a real browser: open Mend, create an account,
 * create the couple's space, copy the invitation link, open it in another browser profile, create
 * the second account and land in the same space, each partner seeing the other's name. Every page
 * on the way is checked with axe-core (WCAG 2.1 A and AA) and for console errors and CSP
 * violations. One database (SQLite) is enough here; the HTTP suites cover both.
 */

const SCREENSHOTS = path.resolve('test-results');
const PASSWORD = 'lantern orchard quietly humming';

type Partner = Profile;

const skip = browserSkipReason();

describe('newcomer path in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let origin: string;
  let neutralUrl: string;
  const newPartner = (options?: ProfileOptions): Promise<Partner> => session.newProfile(options);
  const checkPage = (partner: Partner, label: string): Promise<void> => session.checkPage(partner, label);

  /** From a freshly loaded page, one Tab reaches the quick exit before anything else. */
  async function assertQuickExitFirst(page: Page, label: string): Promise<void> {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { quickExit: el.hasAttribute('data-quick-exit'), text: el.textContent?.trim() ?? '', tag: el.tagName } : null;
    });
    assert.ok(focused?.quickExit, `first Tab on ${label} focused ${JSON.stringify(focused)} instead of the quick exit`);
    // The next stop is the skip link, and it shows itself when focused.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true, `second Tab on ${label} is not the skip link`);
    const box = await skip.boundingBox();
    const viewport = page.viewportSize();
    assert.ok(
      box && viewport && box.x >= 0 && box.x + box.width <= viewport.width && box.y >= 0,
      `the focused skip link on ${label} is off screen`,
    );
  }

  let alex: Partner;
  let sam: Partner;
  let spaceUrl = '';
  let invitationLink = '';

  before(async () => {
    session = await startBrowserApp();
    ({ origin, neutralUrl } = session);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await session?.close();
  });

  test('the welcome page opens, is accessible and puts the quick exit first', async () => {
    alex = await newPartner();
    const { page } = alex;
    await page.goto(`${origin}/`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1 }).waitFor());
    assert.equal(await page.title(), 'Welcome · Mend');
    await assertQuickExitFirst(page, 'the welcome page');
    await checkPage(alex, 'the welcome page');
  });

  test('sign-up shows a validation error accessibly, then creates the account', async () => {
    const { page, problems } = alex;
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(`${origin}/sign-up`);
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    // The time zone island picked the browser's zone (it runs under the strict CSP).
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('#field-timezone')?.value === 'Europe/London');
    await checkPage(alex, 'the sign-up page');

    // A password that is too short: the form comes back with the error, focus on the summary.
    problems.expectStatus(`${origin}/sign-up`, 400);
    await page.getByLabel('Your name').fill('Alex');
    await page.getByLabel('Email address').fill('alex@example.org');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /There is a problem/);
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-autofocus') === true);
    assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
    // What was typed (apart from the password) is kept.
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Alex');
    await checkPage(alex, 'the sign-up page with a validation error');

    // The error summary links to the field it is about.
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-password');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    // The recovery code first (issue #23), checked like every page, then kept.
    await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
    assert.match(await page.locator('.recovery-code code').innerText(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await checkPage(alex, 'the recovery code after sign-up');
    await keepRecoveryCode(page);
    await page.waitForURL(`${origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Mend' }).waitFor();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Alex' }).waitFor();
    await checkPage(alex, 'the page for an account without a space');
  });

  test('creating the space leads to it, with an invitation to send', async () => {
    const { page } = alex;
    await page.getByLabel('Name of your space (optional)').fill('Alex and Sam');
    await page.getByRole('button', { name: 'Create our space' }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Alex and Sam' }).waitFor();
    assert.match(await page.getByRole('region', { name: 'Who is here' }).innerText(), /Alex \(you\)/);
    assert.match(await page.locator('main').innerText(), /on your own for now/);
    await checkPage(alex, 'the space page (alone)');
  });

  test('the invitation page shows a link that works on this server', async () => {
    const { page } = alex;
    await page.getByRole('button', { name: 'Invite your partner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Invite your partner' }).waitFor();
    const link = page.getByLabel('Invitation link');
    assert.equal(await link.getAttribute('readonly'), '');
    assert.equal(await link.getAttribute('data-copy-source'), '');
    invitationLink = await link.inputValue();
    assert.match(invitationLink, new RegExp(`^${origin.replace(/[.]/g, '\\.')}/join/[A-Za-z0-9-]+$`));
    // The code shown for typing in by hand is the one in the link.
    const code = (await page.locator('.invite-code').innerText()).trim();
    assert.ok(invitationLink.endsWith(`/join/${code}`), `code ${code} is not the one in ${invitationLink}`);
    await checkPage(alex, 'the invitation page');
  });

  test('the partner opens the link in another profile, creates an account and lands in the same space', async () => {
    sam = await newPartner();
    const { page } = sam;
    await page.goto(invitationLink);
    await page.getByRole('heading', { level: 1, name: 'Alex invited you to Mend' }).waitFor();
    await assertQuickExitFirst(page, 'the join page');
    await checkPage(sam, 'the join page (signed out)');

    await page.getByRole('link', { name: 'Create an account to join' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await page.getByLabel('Your name').fill('Sam');
    await page.getByLabel('Email address').fill('sam@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await keepRecoveryCode(page);

    // Back on the invitation, now signed in: one button to join.
    await page.waitForURL(new URL(invitationLink).href);
    const join = page.getByRole('button', { name: 'Join Alex' });
    await join.waitFor();
    await checkPage(sam, 'the join page (signed in)');
    await join.click();
    await page.waitForURL(spaceUrl);
    await page.getByRole('heading', { level: 1, name: 'Alex and Sam' }).waitFor();
    assert.match(await page.locator('main').innerText(), /You and Alex share this space\./);
    assert.match(await page.getByRole('region', { name: 'Who is here' }).innerText(), /Sam \(you\)/);
    // The space is named after them, so the header does not repeat their names beside it.
    assert.match(await page.locator('header').innerText(), /Alex and Sam/);
    assert.doesNotMatch(await page.locator('header').innerText(), /Alex & Sam/);
    await checkPage(sam, 'the space page (partner)');
  });

  test('the first partner now sees the second one by name', async () => {
    const { page } = alex;
    await page.goto(spaceUrl);
    await page.getByRole('heading', { level: 1, name: 'Alex and Sam' }).waitFor();
    assert.match(await page.locator('main').innerText(), /You and Sam share this space\./);
    assert.equal(await page.getByRole('button', { name: 'Invite your partner' }).count(), 0);
    await assertQuickExitFirst(page, 'the space page');
    await checkPage(alex, 'the space page (together)');
  });

  test('the used invitation cannot be used again', async () => {
    const { page, problems } = sam;
    problems.expectStatus(invitationLink, 404);
    await page.goto(invitationLink);
    await page.getByRole('heading', { level: 1, name: 'This invitation cannot be used' }).waitFor();
    await checkPage(sam, 'the used invitation page');
  });

  test('sign-in (with a wrong password, then right) and the sessions list', async () => {
    const other = await newPartner();
    const { page, problems } = other;
    await page.goto(`${origin}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await assertQuickExitFirst(page, 'the sign-in page');
    await checkPage(other, 'the sign-in page');

    problems.expectStatus(`${origin}/sign-in`, 401);
    problems.expectStatus(`${origin}/sign-in`, 400);
    await page.getByLabel('Email address').fill('alex@example.org');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await checkPage(other, 'the sign-in page with an error');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(spaceUrl);

    // Alex's first profile now lists two sessions: this device, and the new one to sign out.
    await alex.page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Alex' }).click();
    await alex.page.waitForURL(`${origin}/account`);
    const rows = alex.page.getByRole('table', { name: 'Your sessions' }).getByRole('row');
    assert.equal(await rows.count(), 3, 'a header row and two sessions');
    await alex.page.getByRole('cell', { name: 'This device' }).waitFor();
    assert.match(await alex.page.locator('.summary-list').innerText(), /Europe\/London/);
    await checkPage(alex, 'the account page');

    await alex.page.getByRole('button', { name: /^Sign out the session from/ }).click();
    await alex.page.waitForURL(`${origin}/account?done=revoked`);
    await alex.page.getByRole('status').filter({ hasText: 'That session is signed out.' }).waitFor();
    assert.equal(await rows.count(), 2);
    await checkPage(alex, 'the account page after signing a session out');

    // The signed-out profile is sent to sign in again.
    await page.goto(spaceUrl);
    await page.waitForURL(/\/sign-in/);
    problems.assertNone('after the session was revoked');
  });

  test('the "enter code" page, with and without a problem', async () => {
    const visitor = await newPartner();
    const { page, problems } = visitor;
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'I have an invitation code' }).click();
    await page.waitForURL(`${origin}/join`);
    await page.getByRole('heading', { level: 1, name: 'Enter your invitation code' }).waitFor();
    await checkPage(visitor, 'the enter-code page');

    problems.expectStatus(/\/join\?code=/, 400);
    await page.getByLabel('Invitation code').fill('not a code!');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByLabel('Invitation code').getAttribute('aria-invalid'), 'true');
    await checkPage(visitor, 'the enter-code page with an error');
  });

  test('the leave confirmation, and staying', async () => {
    const { page } = sam;
    await page.goto(spaceUrl);
    await page.getByRole('link', { name: 'Leave this space' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leave Alex and Sam?' }).waitFor();
    await page.getByRole('button', { name: 'Leave this space' }).waitFor();
    await checkPage(sam, 'the leave confirmation');
    await page.getByRole('link', { name: 'Stay in the space' }).click();
    await page.waitForURL(spaceUrl);
    await checkPage(sam, 'the space page after staying');
  });

  test('the privacy page', async () => {
    const { page } = sam;
    await page.getByRole('link', { name: 'How privacy works' }).click();
    await page.waitForURL(`${origin}/about/privacy`);
    await checkPage(sam, 'the privacy page');
  });

  test('Escape three times leaves for the neutral site and replaces the history entry', async () => {
    const visitor = await newPartner();
    const { page } = visitor;
    await page.goto(`${origin}/`);
    await page.goto(`${origin}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The island must have loaded before the keys mean anything.
    await page.waitForLoadState('load');
    const before = await page.evaluate(() => history.length);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(neutralUrl);
    await page.getByRole('heading', { name: 'A neutral page' }).waitFor();
    assert.equal(await page.evaluate(() => history.length), before, 'the Mend page was replaced, not added to');
    // Back goes to the page before, never to the one that was left.
    await page.goBack();
    assert.equal(page.url(), `${origin}/`);
    visitor.problems.assertNone('around the quick exit');
    assert.deepEqual(visitor.offsite, []);
  });

  test('two Escapes are not enough, and the quick exit button works when clicked', async () => {
    const visitor = await newPartner();
    const { page } = visitor;
    await page.goto(`${origin}/sign-up`);
    await page.waitForLoadState('load');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    // Nothing to wait for when nothing should happen: make sure the page still answers.
    assert.equal(await page.evaluate(() => location.pathname), '/sign-up');
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(neutralUrl);
    visitor.problems.assertNone('around the quick exit button');
  });

  test('the space page at 360px has no horizontal scroll; screenshots for a look', async () => {
    const { page } = alex;
    const pages = [
      { label: 'space', url: spaceUrl },
      { label: 'account', url: `${origin}/account` },
      { label: 'leave', url: `${spaceUrl}/leave` },
      { label: 'enter-code', url: `${origin}/join` },
    ];
    await page.setViewportSize({ width: 360, height: 780 });
    for (const { label, url } of pages) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(width <= 360, `the ${label} page is ${width}px wide at a 360px viewport`);
      if (label === 'space') await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-space-360.png'), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(spaceUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-space-desktop.png'), fullPage: true });
    alex.problems.assertNone('in the narrow pass');
  });
});
