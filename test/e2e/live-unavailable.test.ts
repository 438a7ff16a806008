import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { localDate } from '../../src/core/time.js';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { browserSkipReason } from './support/browser.js';
import { listening, signedIn } from './support/partners.js';
import { startBrowserApp, type BrowserApp } from './support/session.js';

/**
 * The live island meets a fragment that answers 503: it keeps what the section shows, never swaps
 * in the error page, and fetches again on the next event. The 503 is the server's own: a therapist
 * has the progress page open, and their fragment read is refused because its access-log row
 * cannot be written while another connection holds SQLite's write lock past the busy timeout. The
 * fragment request is held in the browser until the lock is taken, so the order is certain.
 */

const skip = browserSkipReason();
const today = () => localDate(new Date(), 'UTC');

describe('a live fragment answering 503 leaves the section as it was [sqlite]', { skip }, () => {
  let session: BrowserApp;
  let a: Person;
  let b: Person;
  let spaceId: string;

  before(async () => {
    session = await startBrowserApp();
    ({ a, b, spaceId } = await couple(session.testApp.app, ['Alex', 'Sam']));
  });
  after(async () => session?.close());

  test('the 503 changes nothing on the page; the next event brings the update', async () => {
    const t = await activeTherapist(session.testApp.app, a, b, spaceId);
    const therapist = await signedIn(session, t);
    const { page } = therapist;
    await page.goto(`${session.origin}/spaces/${spaceId}/progress`);
    const section = page.locator('#progress-live');
    await section.waitFor();
    const before = await section.innerHTML();
    const onPage = await listening(page);
    // Every change to the section, as the markup it left behind, and every swap the island made.
    await page.evaluate(() => {
      const w = window as unknown as { sectionStates: string[]; swaps: number };
      w.sectionStates = [];
      w.swaps = 0;
      const live = document.getElementById('progress-live')!;
      new MutationObserver(() => w.sectionStates.push(live.innerHTML)).observe(live, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
      live.addEventListener('mend:live-swapped', () => (w.swaps += 1));
    });

    const fragment = new RegExp(`/spaces/${spaceId}/live/progress$`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const fetched = new Promise<void>((resolve) => (reached = resolve));
    await page.route(
      fragment,
      async (route) => {
        reached();
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    therapist.problems.expectStatus(fragment, 503);
    const refused = page.waitForResponse((r) => fragment.test(r.url()) && r.status() === 503);

    const put = (p: Person, values: [number, number, number]) =>
      p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: values[0], trust: values[1], closeness: values[2] });
    assert.equal((await put(a, [6, 5, 4])).statusCode, 201);
    await fetched;

    const other = new SQLite(path.join(session.testApp.database.dataDir, SQLITE_FILE_NAME));
    try {
      other.exec('begin immediate');
      release();
      const response = await refused;
      // The island leaves a refused answer's body unread, so DevTools never sees it finish: the
      // headers say what it is (test/http/therapist-access-log-outage.test.ts reads such a body).
      assert.match((await response.allHeaders())['content-type'] ?? '', /^text\/html/, 'the server answered with its error page');
    } finally {
      other.exec('rollback');
      other.close();
    }

    // The next event: the fragment is fetched again, answers 200 and is swapped in.
    assert.equal((await put(b, [7, 6, 8])).statusCode, 201);
    await section.locator('.milestones li').filter({ hasText: 'A first check-in' }).filter({ hasText: 'Sam' }).waitFor();
    const after = await section.innerHTML();
    assert.notEqual(after, before, 'the update arrived');
    assert.ok(!after.includes('Please try again'));
    const { sectionStates, swaps } = await page.evaluate(() => {
      const w = window as unknown as { sectionStates: string[]; swaps: number };
      return { sectionStates: w.sectionStates, swaps: w.swaps };
    });
    assert.equal(swaps, 1, 'one swap: the 503 swapped nothing in');
    assert.ok(
      sectionStates.every((html) => !html.includes('Please try again')),
      'the error page was never in the section',
    );
    assert.equal(
      sectionStates.filter((html) => html !== after && html !== before).length,
      0,
      'the section only ever showed what it had, then the update',
    );
    assert.equal(await page.getByRole('heading', { name: 'Please try again in a moment' }).count(), 0);
    await onPage.assertSamePage();
    await session.checkPage(therapist, 'the progress page after a refused and a shown update');

    // The access log holds the page, its stream and the one fragment shown, not the one refused
    // (and the caseload the therapist opened on the way, itself a read of the couple's names).
    const log = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries as Array<{ what: string }>;
    assert.deepEqual(log.map((e) => e.what).sort(), [
      '/caseload',
      '/spaces/:spaceId/live',
      '/spaces/:spaceId/live/progress',
      '/spaces/:spaceId/progress',
    ]);
  });
});
