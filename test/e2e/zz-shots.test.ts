import { test } from 'node:test';
import { startBrowserApp } from './support/session.js';
import { journeyAtStep2 } from '../support/api-client.js';

test('shots', async () => {
  const s = await startBrowserApp();
  try {
    const { a, b, spaceId, journeyId } = await journeyAtStep2(s.testApp.app);
    for (const [w, h, tag] of [[390, 844, 'phone'], [1280, 900, 'desktop']] as const) {
      const sam = await s.newProfile({ viewport: { width: w, height: h } });
      await s.signIn(sam, b);
      await sam.page.goto(`${s.origin}/account/settings`);
      await sam.page.locator('#quick-exit').scrollIntoViewIfNeeded();
      await sam.page.screenshot({ path: `/tmp/exit-settings-${tag}.png`, fullPage: true });
      await sam.page.goto(`${s.origin}/spaces/${spaceId}/breaches/new`);
      await sam.page.screenshot({ path: `/tmp/exit-breach-${tag}.png`, fullPage: true });
      await sam.page.getByLabel('What kind of breach was it?').selectOption('lying');
      await sam.page.getByLabel('In your own words (optional)').fill('I found the booking for a trip.');
      await sam.page.getByRole('button', { name: 'Record it and begin' }).click();
      await sam.page.locator('.error-summary').waitFor();
      await sam.page.screenshot({ path: `/tmp/exit-breach-error-${tag}.png`, fullPage: true });
      await sam.page.goto(`${s.origin}/journeys/${journeyId}/steps/2`);
      await sam.page.getByRole('textbox', { name: 'What hurts, and what I need' }).fill('I feel shut out when plans are made without me.');
      await sam.page.locator('#form-what_hurts').getByRole('button', { name: 'Save' }).click();
      await sam.page.locator('#field-what_hurts-visibility-error').waitFor();
      await sam.page.locator('#form-what_hurts').screenshot({ path: `/tmp/exit-entry-error-${tag}.png` });
      await sam.page.goto(`${s.origin}/spaces/${spaceId}/reassurance`);
      await sam.page.getByLabel('What would help right now? (optional)').fill('One more hug tonight?');
      await sam.page.getByRole('button', { name: 'Ask for reassurance' }).click();
      await sam.page.locator('#field-visibility-error').waitFor();
      await sam.page.screenshot({ path: `/tmp/exit-reassurance-error-${tag}.png`, fullPage: true });
    }
    void a;
  } finally { await s.close(); }
});
