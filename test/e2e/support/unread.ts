import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json, succeeded } from '../../support/app.js';
import type { Person } from '../../support/api-client.js';

/**
 * What the two-partner walks of issue #18 check on a page: the header's unread count (to a screen
 * reader too), and that nobody's words reach the panel, the header, or the partner's page.
 */

/** Waits until the header says `n`, and the link's name says it to a screen reader. */
export async function countIs(page: Page, n: number): Promise<void> {
  await page.locator(`#notifications-link[data-unread="${n}"]`).waitFor();
  const name = n === 0 ? 'Notifications' : `Notifications, ${n} unread`;
  assert.equal(
    await page.getByRole('link', { name, exact: true }).count(),
    1,
    `the link reads “${name}”: ${await page.locator('.site-nav').ariaSnapshot()}`,
  );
}

export const unread = async (p: Person): Promise<number> =>
  json(await succeeded(p.api.get('/api/v1/me/notifications/unread'), 'unread')).unread as number;

/** The person was told something after `was`: their page's header comes to say their new count, without a reload. */
export async function told(page: Page, p: Person, was: number): Promise<number> {
  const n = await unread(p);
  assert.ok(n > was, `${p.displayName} was told (${n} > ${was})`);
  await countIs(page, n);
  return n;
}

/** The page's header comes to say the person's count, whatever it is now. */
export async function synced(page: Page, p: Person): Promise<number> {
  const n = await unread(p);
  await countIs(page, n);
  return n;
}

/** None of `words` is in the panel or the header; none of `privateOfOther` anywhere on the page. */
export async function noWords(page: Page, words: string[], privateOfOther: string[]): Promise<void> {
  const panel = (await page.locator('#waiting').innerHTML()) + (await page.locator('.site-header').innerHTML());
  for (const w of words) assert.ok(!panel.includes(w), `the panel or header holds ${w}`);
  const content = await page.content();
  for (const w of privateOfOther) assert.ok(!content.includes(w), `the page holds ${w}`);
}
