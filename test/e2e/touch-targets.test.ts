import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { localDate } from '../../src/core/time.js';
import { browserSkipReason } from './support/browser.js';
import { activeAgreement, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * On a 390 px phone every control a person taps — buttons, the check-in numbers, the choices,
 * boxes, menus — is at least 44 × 44 px (issue #20), and the agreement log's confirm/dispute row
 * keeps its note box whole. Links inside sentences are left to the text around them.
 */
const skip = browserSkipReason();
const MIN = 44;

/** Controls smaller than the minimum: a radio or checkbox is measured by its label, which is what a finger hits. */
async function smallTargets(page: Page): Promise<string[]> {
  // A plain loop with no inner functions: the test's compiler would name them with a helper the page lacks.
  return page.evaluate((min) => {
    const found: string[] = [];
    const controls = document.querySelectorAll(
      'main button, main select, main textarea, main input, main summary, header button, body > form button',
    );
    for (const control of controls) {
      const input = control instanceof HTMLInputElement ? control : null;
      if (input?.type === 'hidden') continue;
      const target = input && (input.type === 'radio' || input.type === 'checkbox') ? (input.labels?.[0] ?? null) : control;
      const name = `${control.tagName.toLowerCase()} "${(target?.textContent || control.getAttribute('name') || '').trim().slice(0, 40)}"`;
      if (!target) {
        found.push(`${name} has no label to tap`);
        continue;
      }
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) found.push(`${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return [...new Set(found)];
  }, MIN);
}

describe('touch targets on a phone [sqlite]', { skip }, () => {
  let session: BrowserApp;
  before(async () => {
    session = await startBrowserApp();
  });
  after(async () => session?.close());

  test('every control on the core pages is at least 44 × 44 px at 390 px, and the log review row is whole', async () => {
    const { a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']);
    const { journeyId, agreementId } = await activeAgreement(a, b, spaceId, 'I call when I will be late.');
    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: localDate(new Date(), 'UTC'),
      kept: false,
      note: { text: 'I forgot to call on the way home.', visibility: 'shared' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const entryId = json(logged).logEntry.id as string;

    const sam = await signedIn(session, b, { viewport: { width: 390, height: 844 } });
    const pages = [
      `/spaces/${spaceId}`,
      `/spaces/${spaceId}/check-in`,
      `/spaces/${spaceId}/agreement-log`,
      `/spaces/${spaceId}/reassurance`,
      `/spaces/${spaceId}/meetings`,
      `/journeys/${journeyId}`,
      '/account',
      '/account/settings',
    ];
    const problems: string[] = [];
    for (const path of pages) {
      await sam.page.goto(`${session.origin}${path}`);
      for (const small of await smallTargets(sam.page)) problems.push(`${path}: ${small}`);
    }
    assert.deepEqual(problems, [], 'controls smaller than 44 × 44 px on a 390 px phone');

    // The note box and both answers sit in a row of their own, as wide as the table.
    await sam.page.goto(`${session.origin}/spaces/${spaceId}/agreement-log`);
    const note = sam.page.getByLabel(/Note \(optional\) on/);
    const table = sam.page.locator(`table:has(#occasion-${entryId})`);
    const [noteBox, tableBox] = [await note.boundingBox(), await table.boundingBox()];
    assert.ok(noteBox && tableBox);
    assert.ok(
      noteBox.width >= tableBox.width * 0.8,
      `the note box is ${Math.round(noteBox.width)} px of a ${Math.round(tableBox.width)} px table`,
    );
    for (const name of [/^Confirm/, /^I saw it differently/]) {
      const button = await sam.page.getByRole('button', { name }).boundingBox();
      assert.ok(button && button.x + button.width <= 390, `${name} fits the screen`);
    }
  });
});
