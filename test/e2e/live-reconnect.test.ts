import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Page, Request } from 'playwright-core';
import { localDate } from '../../src/core/time.js';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { browserSkipReason } from './support/browser.js';
import { assertNotInPage, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * A browser does not retry an event stream answered with anything but 200: the live island opens a
 * new one itself, catches up on what it missed while it had none, and stops for good once the
 * server says the person is signed out, and waits while the page is hidden. The first refusal is
 * the server's own 503: a therapist's stream is a view in the access log, which cannot be written
 * while another connection holds SQLite's write lock past the busy timeout; the hidden page's is a
 * proxy's 503, answered in the browser. Requests are held in the browser so the order is certain;
 * the island's waits are real seconds in the first test, and the page's clock moved on in the others.
 */

const skip = browserSkipReason();
const today = () => localDate(new Date(), 'UTC');

/** Marks this page load, and fails later if the page was reloaded or left. */
async function samePage(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => ((window as unknown as { mendLoadMarker: string }).mendLoadMarker = 'same page'));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return async () => {
    assert.equal(await page.evaluate(() => (window as unknown as { mendLoadMarker?: string }).mendLoadMarker), 'same page', 'no reload');
    assert.deepEqual(navigations, [], 'no navigation');
  };
}

/** A promise with its resolve, to hold a request until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('the live island opens a refused stream again [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let a: Person;
  let b: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
  });
  after(async () => session?.close());

  const put = (p: Person, values: [number, number, number], note?: string) =>
    p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      safety: values[0],
      trust: values[1],
      closeness: values[2],
      ...(note ? { note: { text: note, visibility: 'private' } } : {}),
    });

  test("a therapist's stream refused with 503 is opened again, and what was missed meanwhile is shown", async () => {
    const t = await activeTherapist(session.testApp.app, a, b, spaceId);
    const therapist = await signedIn(session, t);
    const { page } = therapist;
    const streamAddress = new RegExp(`/spaces/${spaceId}/live(\\?own=1)?$`);
    const isStream = (r: Request) => streamAddress.test(r.url()) && r.resourceType() === 'eventsource';
    const isPlainAsk = (r: Request) => streamAddress.test(r.url()) && r.resourceType() === 'fetch';

    // The first stream waits until the lock is taken; the island's second waits until Sam has
    // checked in, so the check-in's event is certainly sent while the therapist has no stream.
    const locked = gate();
    const checkedIn = gate();
    const firstAsked = gate();
    const secondAsked = gate();
    let streams = 0;
    await page.route(streamAddress, async (route) => {
      if (!isStream(route.request())) return route.continue();
      streams += 1;
      if (streams === 1) {
        firstAsked.open();
        await locked.opened;
      } else if (streams === 2) {
        secondAsked.open();
        await checkedIn.opened;
      }
      return route.continue();
    });
    therapist.problems.expectStatus(streamAddress, 503);
    // The island's plain ask is answered 400 ("ask for an event stream"): a stream would be let in.
    therapist.problems.expectStatus(streamAddress, 400);
    const refused = page.waitForResponse((r) => isStream(r.request()) && r.status() === 503);
    const plainAsks: number[] = [];
    page.on('response', (r) => void (isPlainAsk(r.request()) && plainAsks.push(r.status())));

    await page.goto(`${session.origin}/spaces/${spaceId}/progress`);
    const section = page.locator('#progress-live');
    await section.waitFor();
    const assertSamePage = await samePage(page);
    const before = await section.innerHTML();
    await firstAsked.opened;

    const other = new SQLite(path.join(session.testApp.database.dataDir, SQLITE_FILE_NAME));
    try {
      other.exec('begin immediate');
      locked.open();
      await refused;
      // The island saw the stream closed for good (a browser gives up on a 503) and will try again.
      await page.locator('html[data-live-connected="false"]').waitFor({ state: 'attached' });
    } finally {
      other.exec('rollback');
      other.close();
    }

    // The island asks plainly first (seen below), then opens a new stream, held here.
    await secondAsked.opened;
    assert.equal((await put(b, [7, 6, 8], 'SAM-PRIVATE-CANARY')).statusCode, 201);
    assert.equal(await section.innerHTML(), before, 'nothing arrived without a stream');
    checkedIn.open();

    // Once the new stream is open, every section is read again: Sam's check-in shows.
    await page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
    await section.locator('.milestones li').filter({ hasText: 'A first check-in' }).filter({ hasText: 'Sam' }).waitFor();

    // And the new stream is live: Alex's check-in arrives as an event.
    assert.equal((await put(a, [6, 5, 4], 'ALEX-PRIVATE-CANARY')).statusCode, 201);
    await section.locator('.milestones li').filter({ hasText: 'A first check-in' }).filter({ hasText: 'Alex' }).waitFor();
    assert.equal(streams, 2, 'one stream refused, one opened again');
    assert.deepEqual(plainAsks, [400], 'one plain ask before the stream was opened again');

    await assertSamePage();
    for (const canary of ['SAM-PRIVATE-CANARY', 'ALEX-PRIVATE-CANARY'])
      await assertNotInPage(page, canary, "the therapist's progress page");
    await session.checkPage(therapist, 'the progress page after its stream was opened again');

    // The log holds the page, the one stream that opened and the fragments shown: neither the
    // refused stream nor the plain ask is a view.
    const log = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{ what: string }>;
    assert.equal(log.filter((e) => e.what === '/spaces/:spaceId/live').length, 1, 'one stream in the log');
    assert.deepEqual([...new Set(log.map((e) => e.what))].sort(), [
      '/caseload',
      '/spaces/:spaceId/live',
      '/spaces/:spaceId/live/progress',
      '/spaces/:spaceId/progress',
    ]);
  });

  test('a stream refused with 401 after signing out is never opened again', async () => {
    const other = await couple(session.testApp.app, ['Robin', 'Kim']);
    const robin = await signedIn(session, other.a);
    const { page } = robin;
    // The island's waits run on the page's clock, which the test moves on below.
    await page.clock.install();
    const streamAddress = new RegExp(`/spaces/${other.spaceId}/live(\\?own=1)?$`);
    const asks: string[] = [];
    page.on('response', (r) => {
      if (streamAddress.test(r.url())) asks.push(`${r.request().resourceType()} ${r.status()}`);
    });
    robin.problems.expectStatus(streamAddress, 401);

    await page.goto(`${session.origin}/spaces/${other.spaceId}/check-in`);
    const section = page.locator('#partner-today');
    await section.getByText('Kim has not checked in for these days yet.').waitFor();
    await page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
    const assertSamePage = await samePage(page);
    const before = await section.innerHTML();

    // Robin signs out in another tab; Kim's check-in then ends Robin's stream instead of reaching it.
    const tab = await robin.context.newPage();
    await tab.goto(`${session.origin}/spaces/${other.spaceId}`);
    await Promise.all([
      tab.waitForURL((url) => url.pathname !== `/spaces/${other.spaceId}`),
      tab.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    await tab.close();
    const kim = other.b;
    assert.equal(
      (
        await kim.api.put(`/api/v1/spaces/${other.spaceId}/checkins/${today()}`, {
          safety: 3,
          trust: 4,
          closeness: 5,
          note: { text: 'KIM-PRIVATE-CANARY', visibility: 'private' },
        })
      ).statusCode,
      201,
    );

    // The browser reconnects by itself and is refused with 401; the island asks once, hears 401 and stops.
    await page.locator('html[data-live-connected="refused"]').waitFor({ state: 'attached' });
    await page.clock.runFor(10 * 60_000);
    // A request of the page's after the clock moved: anything the island asked for is seen before its answer.
    await page.evaluate(() => fetch('/healthz').then((r) => r.status));
    assert.deepEqual(asks, ['eventsource 200', 'eventsource 401', 'fetch 401'], 'no stream opened again after the 401');

    assert.equal(await section.innerHTML(), before, 'nothing of Kim’s check-in reached the signed-out page');
    await assertNotInPage(page, 'KIM-PRIVATE-CANARY', "Robin's signed-out check-in page");
    await assertSamePage();
    robin.problems.assertNone('on the signed-out check-in page');
  });

  test('a hidden page waits to try again until it is shown, then catches up', async () => {
    const other = await couple(session.testApp.app, ['Jo', 'Max']);
    const jo = await signedIn(session, other.a);
    const { page } = jo;
    // Signing in lands on the space's home, whose own stream may answer only now on a loaded
    // machine: leave it first, so that only the check-in page's asks are counted below.
    await page.goto('about:blank');
    await page.clock.install();
    // Chromium cannot hide a page under test, so the page's document says what the test tells it.
    // A string, so the test's compiler adds nothing to it that the page does not have.
    await page.addInitScript(`{
      let hidden = false;
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      window.mendSetHidden = (h) => {
        hidden = h;
        document.dispatchEvent(new Event('visibilitychange'));
      };
    }`);
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => (window as unknown as { mendSetHidden: (h: boolean) => void }).mendSetHidden(h), hidden);
    const streamAddress = new RegExp(`/spaces/${other.spaceId}/live(\\?own=1)?$`);
    const asks: string[] = [];
    page.on('response', (r) => {
      if (streamAddress.test(r.url())) asks.push(`${r.request().resourceType()} ${r.status()}`);
    });
    // The first stream is answered 503 as a proxy does while no server is up, once the page is hidden.
    const hiddenNow = gate();
    const firstAsked = gate();
    await page.route(
      streamAddress,
      async (route) => {
        firstAsked.open();
        await hiddenNow.opened;
        await route.fulfill({ status: 503, contentType: 'text/html', body: '<p>Service unavailable</p>' });
      },
      { times: 1 },
    );
    jo.problems.expectStatus(streamAddress, 503);
    jo.problems.expectStatus(streamAddress, 400);

    await page.goto(`${session.origin}/spaces/${other.spaceId}/check-in`);
    const section = page.locator('#partner-today');
    await section.getByText('Max has not checked in for these days yet.').waitFor();
    const assertSamePage = await samePage(page);
    await firstAsked.opened;
    await setHidden(true);
    hiddenNow.open();
    await page.locator('html[data-live-connected="false"]').waitFor({ state: 'attached' });
    await page.clock.runFor(10 * 60_000);
    await page.evaluate(() => fetch('/healthz').then((r) => r.status));
    assert.deepEqual(asks, ['eventsource 503'], 'nothing asked while hidden');
    assert.equal(
      (
        await other.b.api.put(`/api/v1/spaces/${other.spaceId}/checkins/${today()}`, {
          safety: 8,
          trust: 7,
          closeness: 9,
          numbersShared: true,
          note: { text: 'MAX-PRIVATE-CANARY', visibility: 'private' },
        })
      ).statusCode,
      201,
    );

    // Shown again: the island asks, opens a stream and reads the section once.
    await setHidden(false);
    await page.locator('html[data-live-connected="true"]').waitFor({ state: 'attached' });
    await section.getByText('Max checked in today: safety 8, trust 7, closeness 9').waitFor();
    assert.deepEqual(asks, ['eventsource 503', 'fetch 400', 'eventsource 200']);
    await assertNotInPage(page, 'MAX-PRIVATE-CANARY', "Jo's check-in page");
    await assertSamePage();
    await session.checkPage(jo, 'the check-in page after its stream was opened again');
  });
});
