import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { couple, type Person } from '../support/api-client.js';
import { browserSkipReason } from './support/browser.js';
import { signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * The export page through the page itself (issue #19, item 3): the format is chosen by clicking,
 * the real form is sent, and what arrives is what was chosen — the data file as a JSON download,
 * the report as a page to read or print — each holding the person's own private words and never
 * the partner's. On a phone-sized screen, with and without JavaScript.
 */

const skip = browserSkipReason();
const SHOTS = '/tmp/shots-export';

const OWN_PRIVATE = 'ExportPageAlexPrivateNote';
const PARTNER_SHARED = 'ExportPageSamSharedRequest';
const PARTNER_PRIVATE = ['ExportPageSamPrivateNote', 'ExportPageSamPrivateRequest'];

describe('the export page in a real browser [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let a: Person;

  before(async () => {
    session = await startBrowserApp();
    const c = await couple(session.testApp.app, ['Alex', 'Sam']);
    a = c.a;
    const { b, spaceId } = c;
    const today = new Date().toISOString().slice(0, 10);
    const put = async (p: Person, text: string) => {
      const res = await p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
        safety: 5,
        trust: 5,
        closeness: 5,
        note: { text, visibility: 'private' },
      });
      assert.ok(res.statusCode < 300, res.body);
    };
    await put(a, OWN_PRIVATE);
    await put(b, PARTNER_PRIVATE[0]!);
    for (const [text, visibility] of [
      [PARTNER_SHARED, 'shared'],
      [PARTNER_PRIVATE[1]!, 'private'],
    ] as const) {
      const res = await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text, visibility } });
      assert.equal(res.statusCode, 201, res.body);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => session?.close());

  /** Fills the password, clicks Download, and hands back the answer to the form's POST. */
  async function submit(page: Page, password: string, then: (response: Promise<Response>) => Promise<void>): Promise<void> {
    await page.getByLabel('Your password').fill(password);
    const response = page.waitForResponse((r) => r.url() === `${session.origin}/account/export` && r.request().method() === 'POST');
    await then(response);
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: each format, chosen by clicking, arrives as chosen`, async () => {
      const viewport = { width: 390, height: 844 };
      const alex = await signedIn(session, a, { viewport, javaScriptEnabled });
      const { page } = alex;
      const label = javaScriptEnabled ? 'js' : 'nojs';

      // From the account page, as a person finds it.
      await page.goto(`${session.origin}/account`);
      await page.getByRole('link', { name: 'Download everything you can see' }).click();
      await page.getByRole('heading', { level: 1, name: 'Download your data' }).waitFor();
      const choice = page.getByRole('group', { name: 'How you would like it' });
      const report = choice.getByRole('radio', { name: /A printable report/ });
      const file = choice.getByRole('radio', { name: /A data file \(JSON\)/ });
      assert.equal(await report.isChecked(), true, 'the report is the calm default');
      assert.equal(await file.isChecked(), false);
      // The choice is sent with the form: it lies inside the very form that asks for the password.
      assert.equal(
        await page.evaluate(() => {
          const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="format"]')];
          const password = document.querySelector<HTMLInputElement>('input[name="password"]');
          return radios.length === 2 && radios.every((r) => r.form !== null && r.form === password?.form);
        }),
        true,
      );
      const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(width <= viewport.width, `the export page is ${width}px wide at ${viewport.width}px`);
      await session.checkPage(alex, 'the export page');
      await page.screenshot({ path: `${SHOTS}/export-page-390-${label}.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await session.checkPage(alex, 'the export page on a desktop screen');
      await page.screenshot({ path: `${SHOTS}/export-page-1280-${label}.png`, fullPage: true });
      await page.setViewportSize(viewport);

      // The data file: clicked, sent, and a JSON download arrives.
      await file.click();
      await submit(page, a.password, async (response) => {
        const [download, answer] = await Promise.all([
          page.waitForEvent('download'),
          response,
          page.getByRole('button', { name: 'Download' }).click(),
        ]);
        assert.equal(answer.status(), 200);
        assert.match(answer.headers()['content-type'] ?? '', /^application\/json/);
        assert.match(answer.headers()['content-disposition'] ?? '', /^attachment; filename="mend-export\.json"$/);
        assert.equal(download.suggestedFilename(), 'mend-export.json');
        const text = fs.readFileSync(await download.path(), 'utf8');
        const doc = JSON.parse(text) as { format: string; account: { email: string } };
        assert.equal(doc.format, 'mend-export');
        assert.equal(doc.account.email, a.email);
        assert.ok(text.includes(OWN_PRIVATE), "the data file holds Alex's own private note");
        assert.ok(text.includes(PARTNER_SHARED), 'and what Sam shared');
        for (const secret of PARTNER_PRIVATE) assert.ok(!text.includes(secret), `the data file does not hold ${secret}`);
      });
      // A download leaves the page where it was, the password field empty for the next one.
      await page.getByRole('heading', { level: 1, name: 'Download your data' }).waitFor();

      // The report: clicked, sent, and the record is shown to read or print.
      await page.goto(`${session.origin}/account/export`);
      await choice.getByRole('radio', { name: /A printable report/ }).click();
      assert.equal(await file.isChecked(), false);
      await submit(page, a.password, async (response) => {
        const [answer] = await Promise.all([response, page.getByRole('button', { name: 'Download' }).click()]);
        assert.equal(answer.status(), 200);
        assert.match(answer.headers()['content-type'] ?? '', /^text\/html/);
        const body = await answer.text();
        assert.ok(body.includes(OWN_PRIVATE), "the report holds Alex's own private note");
        assert.ok(body.includes(PARTNER_SHARED), 'and what Sam shared');
        for (const secret of PARTNER_PRIVATE) assert.ok(!body.includes(secret), `the report does not hold ${secret}`);
      });
      await page.getByRole('heading', { level: 1, name: 'Us' }).waitFor();
      assert.equal(await page.title(), 'Your Mend record · Mend');
      const reportWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
      assert.ok(reportWidth <= viewport.width, `the report is ${reportWidth}px wide at ${viewport.width}px`);
      await session.checkPage(alex, 'the report from the export page');
      await page.screenshot({ path: `${SHOTS}/export-report-390-${label}.png`, fullPage: true });

      // A wrong password keeps the chosen format, said beside the field.
      await page.goto(`${session.origin}/account/export`);
      await file.click();
      alex.problems.expectStatus(`${session.origin}/account/export`, 403);
      await page.getByLabel('Your password').fill('not my password');
      await page.getByRole('button', { name: 'Download' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      assert.equal(await file.isChecked(), true, 'the data file is still the one chosen');
      assert.equal(await page.getByLabel('Your password').getAttribute('aria-invalid'), 'true');
      await session.checkPage(alex, 'the export page with a wrong password');
      await page.screenshot({ path: `${SHOTS}/export-wrong-password-390-${label}.png`, fullPage: true });
    });
  }
});
