import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp, type Profile } from '../support/session.js';

/**
 * The steps every walkthrough (issue #20) takes: people sign up through the sign-up page, and from
 * then on only click and type. At each step a page is looked at as a person would: it offers the
 * next thing to do, axe-core finds nothing, the console is quiet, and none of the words another
 * person wrote privately is anywhere in it. Every look leaves a full-page screenshot in
 * artifacts/walkthrough/<persona>/ (ignored by git, kept by CI).
 */

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const PASSWORD = 'lantern orchard quietly humming';

export interface Walker extends Profile {
  name: string;
  email: string;
  /** Read from the page at sign-up (issue #23). */
  recoveryCode?: string;
  /** What this person wrote privately, which nobody else may ever be shown. */
  privateWords: string[];
  /** Words only this person wrote, marked so a page showing them to anyone else is caught. */
  privately(words: string): string;
}

export interface Walk {
  session: BrowserApp;
  origin: string;
  /** A person's own browser: a phone or a desktop, with JavaScript or without (a second one is another device). */
  person(name: string, options: { viewport: { width: number; height: number }; javaScript: boolean }): Promise<Walker>;
  /** The checks of a step, then its screenshot; `next` names a link or button the page must offer. */
  look(w: Walker, label: string, next?: string | RegExp): Promise<void>;
}

/** For a suite: the app and one browser, started before its tests and closed after. */
export function walkthrough(persona: string): () => Walk {
  const folder = path.resolve('artifacts', 'walkthrough', persona);
  let walk: Walk | null = null;
  before(async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const session = await startBrowserApp();
    const people: Walker[] = [];
    let shot = 0;
    walk = {
      session,
      origin: session.origin,
      async person(name, { viewport, javaScript }) {
        const profile = await session.newProfile({ viewport, javaScriptEnabled: javaScript });
        // A second device of the same person shares what they wrote privately.
        const privateWords = people.find((p) => p.name === name)?.privateWords ?? [];
        const w: Walker = {
          ...profile,
          name,
          email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
          privateWords,
          privately(words) {
            const marked = `${words} (private to ${name}, ${privateWords.length + 1})`;
            privateWords.push(marked);
            return marked;
          },
        };
        people.push(w);
        return w;
      },
      async look(w, label, next) {
        const { page } = w;
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await session.checkPage(w, `${label} (${w.name})`);
        const content = await page.content();
        for (const other of people.filter((p) => p.name !== w.name))
          for (const words of other.privateWords)
            assert.ok(!content.includes(words), `${w.name} is shown ${other.name}'s private words on ${label}`);
        if (next !== undefined) await offered(page, next, label);
        const width = page.viewportSize()?.width ?? 0;
        shot += 1;
        const name = `${String(shot).padStart(2, '0')}-${w.name}-${label}-${width}${w.javaScript ? '' : '-nojs'}`;
        await page.screenshot({ path: path.join(folder, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`), fullPage: true });
      },
    };
  });
  after(async () => walk?.session.close());
  return () => walk ?? assert.fail('the walkthrough has not started');
}

/** The link or button named `name` in the page's main part (one that is shown). */
export function action(page: Page, name: string | RegExp): Locator {
  return page
    .locator('main')
    .getByRole('link', { name, exact: typeof name === 'string' })
    .or(page.locator('main').getByRole('button', { name, exact: typeof name === 'string' }))
    .first();
}

/** Fails, with what the page does offer, unless it offers `name` as the next thing to do. */
export async function offered(page: Page, name: string | RegExp, label: string): Promise<void> {
  if (await action(page, name).isVisible()) return;
  assert.fail(`${label} does not offer “${String(name)}”; its main part:\n${await page.locator('main').ariaSnapshot()}`);
}

/** Follows the link or presses the button the page offers, and waits for the page it leads to. */
export async function follow(w: Walker, name: string | RegExp, label = w.page.url()): Promise<void> {
  const { page } = w;
  await offered(page, name, label);
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), action(page, name).click()]);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** Back to the space's home by the header's link, as from any page. */
export async function home(w: Walker): Promise<void> {
  const { page } = w;
  // The space's own link (a therapist's header also has "Your couples" before it).
  const link = page.locator('.site-header__space a').last();
  const href = new URL((await link.getAttribute('href')) ?? '/', page.url()).href;
  await Promise.all([page.waitForURL(href), link.click()]);
}

/** Presses a form's button and waits for the page the form leads to (the same address included). */
export async function submit(w: Walker, button: string | RegExp): Promise<void> {
  const { page } = w;
  await Promise.all([
    page.waitForEvent('framenavigated'),
    page.getByRole('button', { name: button, exact: typeof button === 'string' }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
}
