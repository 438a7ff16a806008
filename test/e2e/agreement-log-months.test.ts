import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptedAgreement } from '../support/api-client.js';
import { AgreementLogStore } from '../../src/features/agreement-log/store.js';
import { newId } from '../../src/platform/db/ids.js';
import { browserSkipReason } from './support/browser.js';
import { assertNotInPage, browserCouple, signedIn } from './support/partners.js';

/**
 * The agreement log, a month at a time (issue #24), in a real browser with and without JavaScript,
 * on a phone and a desktop: the newest month, then "Earlier months" (a plain link, followed from
 * the keyboard) to the month before that has an occasion, and back to the newest. Sam's private
 * note (a canary) is never on Alex's pages.
 */

const skip = browserSkipReason();
const CANARY = 'canary-log-months-9d1e';

describe('the agreement log, month by month, in a browser [sqlite]', { skip }, () => {
  const get = browserCouple(async ({ session, a, b, spaceId }) => {
    const agreementId = await acceptedAgreement(a, b, spaceId, 'We say where we are when we are late', [a.id, b.id]);
    const log = new AgreementLogStore(session.testApp.app.mend.store.db, session.testApp.app.mend.vault);
    const occasions: Array<[string, typeof a, string | null]> = [
      ['2025-09-14', b, CANARY],
      ['2025-11-02', a, 'Texted at six, before the train.'],
      ['2025-11-20', a, null],
    ];
    for (const [day, who, note] of occasions)
      await log.add({
        id: newId(),
        agreementId,
        spaceId,
        occurredOn: day,
        kept: true,
        loggedBy: who.id,
        note: note === null ? null : { text: note, visibility: who === b ? 'private' : 'shared' },
        now: `${day}T20:00:00.000Z`,
      });
  });

  for (const javaScriptEnabled of [false, true]) {
    for (const width of [390, 1200]) {
      test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript at ${width} px: "Earlier months" leads back month by month`, async () => {
        const { session, a, spaceId } = get();
        const profile = await signedIn(session, a, { viewport: { width, height: 900 }, javaScriptEnabled });
        const { page } = profile;
        await page.goto(`${session.origin}/spaces/${spaceId}/agreement-log`);
        await page.getByText('The occasions of November 2025, newest first.').waitFor();
        await page.getByText('Texted at six, before the train.').waitFor();
        assert.equal(await page.getByRole('link', { name: 'Back to the newest' }).count(), 0);
        await session.checkPage(profile, 'agreement log, newest month');

        // From the keyboard: the link takes focus and Enter follows it.
        const earlier = page.getByRole('navigation', { name: 'More of this history' }).getByRole('link', { name: 'Earlier months' });
        await earlier.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/month=2025-09/);
        await page.getByText('The occasions of September 2025, newest first.').waitFor();
        assert.equal(await page.getByText('Texted at six, before the train.').count(), 0, 'November is not on September’s page');
        assert.equal(await page.getByRole('link', { name: 'Earlier months' }).count(), 0, 'nothing older is left');
        await assertNotInPage(page, CANARY, 'September, as Alex reads it');
        await session.checkPage(profile, 'agreement log, an earlier month');
        await page.screenshot({ path: `/tmp/agreement-log-earlier-${width}${javaScriptEnabled ? '-js' : ''}.png`, fullPage: false });

        await page.getByRole('link', { name: 'Back to the newest' }).click();
        await page.getByText('The occasions of November 2025, newest first.').waitFor();
      });
    }
  }
});
