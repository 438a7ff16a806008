import net from 'node:net';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import type { Clock } from '../../../src/platform/clock.js';
import type { BuildOptions } from '../../../src/app.js';
import { checkA11y, collectConsoleProblems, launchBrowser, type ConsoleProblems } from './browser.js';

/**
 * The setup every real-browser suite shares: the app (SQLite) listening on a free local port, with
 * MEND_BASE_URL and a local neutral quick-exit URL naming that port; one Chromium; and fresh
 * browser profiles that never reach beyond the machine.
 */

/** Where the quick exit leads: a local stub stands in for the neutral site. */
export const NEUTRAL_PATH = '/healthz?neutral-site';

/** A free local port, so the invitation links and the quick-exit URL can name it before start. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One person's browser profile. */
export interface Profile {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations; `problems.expectStatus` allows an expected error status. */
  problems: ConsoleProblems;
  /** Requests to any other origin than the app's (or the neutral stub); each was aborted. */
  offsite: string[];
  /** false for a profile without JavaScript. */
  javaScript: boolean;
}

export interface ProfileOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  timezoneId?: string;
  /** Playwright's default timeout for the profile, in milliseconds. */
  timeout?: number;
  /** false: a browser without JavaScript (every core flow must work in it). */
  javaScriptEnabled?: boolean;
}

export interface BrowserApp {
  /** The app's origin, like http://127.0.0.1:43127. */
  origin: string;
  /** The quick exit's destination, answered by a local stub. */
  neutralUrl: string;
  testApp: TestApp;
  browser: Browser;
  /** A fresh browser profile; closed by `close()`. */
  newProfile(options?: ProfileOptions): Promise<Profile>;
  /** The checks every page gets: accessible, quiet console, nothing sent elsewhere. */
  checkPage(profile: Profile, label: string): Promise<void>;
  /** Signs the profile in through the sign-in form and waits to leave it. */
  signIn(profile: Profile, person: { email: string; password: string }): Promise<void>;
  /** Closes every profile, the browser and the app (dropping its database). */
  close(): Promise<void>;
}

/**
 * Starts the app and the browser. Call it in `before` and `close()` in `after`; `env` adds to
 * (or overrides) MEND_BASE_URL and MEND_QUICK_EXIT_URL; `clock` lets a test move the app's time.
 */
export async function startBrowserApp(
  options: { env?: Record<string, string>; backForwardCache?: boolean; push?: BuildOptions['push']; clock?: Clock } = {},
): Promise<BrowserApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const neutralUrl = `${origin}${NEUTRAL_PATH}`;
  const contexts: BrowserContext[] = [];
  const testApp = await startTestApp('sqlite', {
    env: { MEND_BASE_URL: origin, MEND_QUICK_EXIT_URL: neutralUrl, ...options.env },
    ...(options.push ? { push: options.push } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let browser: Browser;
  try {
    await testApp.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser({ backForwardCache: options.backForwardCache ?? false });
  } catch (error) {
    await testApp.close().catch(() => undefined);
    throw error;
  }

  /**
   * Anything that would leave the machine is aborted and recorded (Mend makes no third-party
   * requests); the neutral quick-exit site is answered by a local stub.
   */
  async function newProfile(profileOptions: ProfileOptions = {}): Promise<Profile> {
    const {
      viewport = { width: 1280, height: 900 },
      locale = 'en-GB',
      timezoneId = 'Europe/London',
      // Fail a step in seconds rather than after Playwright's default half minute.
      timeout = 15_000,
      javaScriptEnabled = true,
    } = profileOptions;
    const context = await browser.newContext({ viewport, locale, timezoneId, javaScriptEnabled });
    contexts.push(context);
    context.setDefaultTimeout(timeout);
    const offsite: string[] = [];
    await context.route(
      (url) => url.href === neutralUrl,
      (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Neutral</title><h1>A neutral page</h1>' }),
    );
    await context.route(
      (url) => url.origin !== origin && url.href !== neutralUrl,
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const problems = await collectConsoleProblems(page, { javaScript: javaScriptEnabled });
    return { context, page, problems, offsite, javaScript: javaScriptEnabled };
  }

  async function checkPage(profile: Profile, label: string): Promise<void> {
    // axe-core runs as a script in the page, which a profile without JavaScript cannot run; the
    // same pages are checked in a profile with it.
    if (profile.javaScript) await checkA11y(profile.page, label);
    profile.problems.assertNone(`on ${label}`);
    assert.deepEqual(profile.offsite, [], `requests left the machine from ${label}`);
  }

  async function signIn({ page }: Profile, person: { email: string; password: string }): Promise<void> {
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  async function close(): Promise<void> {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    await testApp.close();
  }

  return { origin, neutralUrl, testApp, browser, newProfile, checkPage, signIn, close };
}

/**
 * After sign-up the recovery code is shown first (issue #23): reads it, says it was kept, and
 * continues to where sign-up was going. Answers the code.
 */
export async function keepRecoveryCode(page: import('playwright-core').Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Your recovery code' }).waitFor();
  const code = ((await page.locator('.recovery-code code').textContent()) ?? '').trim();
  await page.getByRole('button', { name: 'I have kept it safe. Continue' }).click();
  return code;
}
