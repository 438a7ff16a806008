import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signUp, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { startBrowserApp, type BrowserApp, type Profile } from './support/session.js';

/**
 * Quick exit in a real browser with its back-forward cache on, as people use it (issue #14): after
 * each way out — the button with JavaScript, Escape three times, the button without JavaScript —
 * Back shows the sign-in page, never the Mend page that was left; with "Quick exit also signs me
 * out" turned off on the settings page, it leaves without signing out.
 */

type Way = 'button' | 'escape';

const skip = browserSkipReason();

describe('quick exit and the Back button in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;

  before(async () => {
    session = await startBrowserApp({ backForwardCache: true });
  });

  after(async () => {
    await session?.close();
  });

  /** A new person, signed in through the form, reading their account and then their settings. */
  async function readingSettings(javaScript: boolean): Promise<{ person: Person; profile: Profile }> {
    const person = await signUp(session.testApp.app, 'Robin');
    const profile = await session.newProfile({ javaScriptEnabled: javaScript });
    await session.signIn(profile, person);
    await profile.page.goto(`${session.origin}/account`);
    await profile.page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await profile.page.goto(`${session.origin}/account/settings`);
    await profile.page.getByRole('heading', { level: 1, name: 'Your settings' }).waitFor();
    // The island must have loaded before the keys mean anything.
    await profile.page.waitForLoadState('load');
    return { person, profile };
  }

  async function leave({ page }: Profile, way: Way): Promise<void> {
    if (way === 'button') await page.getByRole('button', { name: 'Quick exit', exact: true }).click();
    else for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape');
    // The local stand-in for the neutral site (a redirect reaches the app's own health check).
    await page.waitForURL(session.neutralUrl);
  }

  /**
   * Back, then the page once the heading it should show is visible (a Mend page left on screen
   * instead fails here): its address and whether the person's email is anywhere on it.
   */
  async function back({ page }: Profile, person: Person, heading: string): Promise<{ path: string; showsEmail: boolean }> {
    // A page restored from the back-forward cache fires no load event: wait only for the commit.
    await page.goBack({ waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    return { path: new URL(page.url()).pathname, showsEmail: (await page.content()).includes(person.email) };
  }

  const cases: Array<{ label: string; way: Way; javaScript: boolean }> = [
    { label: 'the button, with JavaScript', way: 'button', javaScript: true },
    { label: 'Escape three times', way: 'escape', javaScript: true },
    { label: 'the button, without JavaScript', way: 'button', javaScript: false },
  ];

  for (const c of cases) {
    test(`${c.label}: signs out, and Back shows the sign-in page`, async () => {
      const { person, profile } = await readingSettings(c.javaScript);
      await leave(profile, c.way);
      assert.deepEqual(
        (await profile.context.cookies()).filter((k) => k.name === 'mend_session'),
        [],
        'the browser holds no session',
      );
      assert.deepEqual(await back(profile, person, 'Sign in'), { path: '/sign-in', showsEmail: false });
      profile.problems.assertNone(`around ${c.label}`);
      assert.deepEqual(profile.offsite, []);
    });
  }

  for (const javaScript of [true, false]) {
    test(`with "also signs me out" turned off on the settings page, Quick exit leaves and Back returns signed in (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const { person, profile } = await readingSettings(javaScript);
      const { page } = profile;
      const box = page.getByLabel('Quick exit also signs me out');
      assert.equal(await box.isChecked(), true, 'on by default');
      await box.uncheck();
      await page.getByRole('button', { name: 'Save Quick exit setting' }).click();
      await page.getByText('Your Quick exit setting is saved.').waitFor();
      assert.equal(await page.getByLabel('Quick exit also signs me out').isChecked(), false);
      // axe-core runs as a script in the page, so only where scripts run.
      if (javaScript) await session.checkPage(profile, 'the settings page with its Quick exit section');
      await leave(profile, 'button');
      assert.equal((await profile.context.cookies()).filter((k) => k.name === 'mend_session').length, 1, 'still signed in');
      assert.equal((await back(profile, person, 'Your settings')).path, '/account/settings');
      profile.problems.assertNone('around Quick exit with the setting off');
    });
  }
});
