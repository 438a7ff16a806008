import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { followAll } from '../support/paging.js';
import { AgreementLogStore } from '../../src/features/agreement-log/store.js';
import { newId } from '../../src/platform/db/ids.js';

/**
 * The agreement log is read a month at a time (issue #24), on the page and in the API: the newest
 * month with an occasion first, "Earlier months" a plain link to the month before that has one
 * (empty months skipped), and back to the newest. Each month shows what the reader may see of it
 * and no more: a private note stays its author's in every month, and nobody outside the space
 * reads any month of it.
 */

const CANARY = 'PRIVATE-CANARY-ALEX-months-3b8';
const LATE = 'We say where we are when we are late';

/** Alex's occasions over January, March and April 2024 (none in February); January's carry a private note. */
async function threeMonths(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app);
  const agreementId = await acceptedAgreement(a, b, spaceId, LATE, [a.id, b.id]);
  const log = new AgreementLogStore(app.mend.store.db, app.mend.vault);
  const days = ['2024-01-05', '2024-01-20', '2024-03-02', '2024-03-31', '2024-04-01', '2024-04-09'];
  const ids: Record<string, string> = {};
  for (const [i, day] of days.entries()) {
    ids[day] = newId();
    await log.add({
      id: ids[day],
      agreementId,
      spaceId,
      occurredOn: day,
      kept: i % 2 === 0,
      loggedBy: a.id,
      note: day.startsWith('2024-01')
        ? { text: `${CANARY} ${day}`, visibility: 'private' }
        : { text: `shared note ${day}`, visibility: 'shared' },
      now: `${day}T20:00:00.000Z`,
    });
  }
  return { a, b, spaceId, agreementId, ids };
}

const occasionIds = (html: string) => [...html.matchAll(/<tr id="occasion-([^"]+)"/g)].map((m) => m[1]!);
const link = (html: string, text: string) =>
  new RegExp(`<a href="([^"]+)"(?: rel="next")?>${text}</a>`).exec(html)?.[1]?.replaceAll('&amp;', '&');

describeEachDatabase('the agreement log, a month at a time', (get) => {
  test('the page: the newest month, then "Earlier months" back over an empty month, and back to the newest', async () => {
    const { app } = get();
    const o = await threeMonths(app);
    const page = `/spaces/${o.spaceId}/agreement-log`;
    for (const reader of [o.a, o.b]) {
      const client = await pagesAs(app, reader);
      const april = (await client.get(page)).body;
      assert.deepEqual(occasionIds(april), [o.ids['2024-04-09'], o.ids['2024-04-01']], 'April only, newest first');
      assert.match(april, /The occasions of April 2024, newest first\./);
      assert.match(april, /<caption class="visually-hidden">Log of We say where we are when we are late, April 2024<\/caption>/);
      assert.match(april, /<nav class="history-links cluster" aria-label="More of this history">/, 'the links are a named navigation');
      assert.equal(link(april, 'Back to the newest'), undefined, 'the newest month has no way back to itself');
      assert.equal(link(april, 'Earlier months'), `${page}?month=2024-03`);

      const march = (await client.get(link(april, 'Earlier months')!)).body;
      assert.deepEqual(occasionIds(march), [o.ids['2024-03-31'], o.ids['2024-03-02']]);
      assert.equal(link(march, 'Earlier months'), `${page}?month=2024-01`, 'February had nothing: it is skipped');
      assert.equal(link(march, 'Back to the newest'), page);

      const january = (await client.get(link(march, 'Earlier months')!)).body;
      assert.deepEqual(occasionIds(january), [o.ids['2024-01-20'], o.ids['2024-01-05']]);
      assert.equal(link(january, 'Earlier months'), undefined, 'nothing older is left');
      assert.equal(january.includes(CANARY), reader === o.a, "January's private notes are on their author's page only");
      for (const month of [april, march]) assert.ok(!month.includes(CANARY), 'a month shows no note of another month');

      const february = (await client.get(`${page}?month=2024-02`)).body;
      assert.deepEqual(occasionIds(february), []);
      assert.match(february, /Nothing logged in February 2024\./);
      for (const bad of ['2024-13', 'april', '2024-4', '../2024-01']) {
        const shown = (await client.get(`${page}?month=${encodeURIComponent(bad)}`)).body;
        assert.deepEqual(occasionIds(shown), occasionIds(april), `?month=${bad} shows the newest month`);
      }
      // The live section the island swaps in keeps to the month of its page.
      assert.match(march, new RegExp(`data-live-fragment="/spaces/${o.spaceId}/live/agreement-log\\?month=2024-03"`));
      assert.match(april, new RegExp(`data-live-fragment="/spaces/${o.spaceId}/live/agreement-log"`));
      const fragment = (await client.get(`/spaces/${o.spaceId}/live/agreement-log?month=2024-01`)).body;
      assert.deepEqual(occasionIds(fragment), occasionIds(january));
      assert.equal(fragment.includes(CANARY), reader === o.a);
    }
  });

  test('confirming an occasion of an earlier month comes back to that month', async () => {
    const { app } = get();
    const o = await threeMonths(app);
    const sam = await pagesAs(app, o.b);
    const january = `/spaces/${o.spaceId}/agreement-log?month=2024-01`;
    const page = (await sam.get(january)).body;
    const action = `/spaces/${o.spaceId}/agreement-log/entries/${o.ids['2024-01-05']}/review?month=2024-01`;
    assert.ok(page.includes(`action="${action}"`), 'the form keeps the month');
    const res = await sam.post(action, { review: 'confirmed', note: '' });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, january);
    assert.match((await sam.get(january)).body, new RegExp(`<tr id="occasion-${o.ids['2024-01-05']}">[^]*?confirmed`));
  });

  test('nobody outside the space reads any month of its log, on the page or in the API', async () => {
    const { app } = get();
    const o = await threeMonths(app);
    const other = await couple(app, ['Kim', 'Lou']);
    const stranger = await signUp(app, 'Stranger');
    for (const outsider of [stranger, other.a] as Person[]) {
      const client = await pagesAs(app, outsider);
      for (const url of [`/spaces/${o.spaceId}/agreement-log?month=2024-01`, `/spaces/${o.spaceId}/live/agreement-log?month=2024-01`]) {
        const res = await client.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes(CANARY) && !res.body.includes('shared note'), url);
      }
      const api = await outsider.api.get(`/api/v1/spaces/${o.spaceId}/agreement-log?month=2024-01`);
      assert.equal(api.statusCode, 404);
      assert.ok(!api.body.includes(CANARY));
    }
  });

  test('the API: ?month= lists that month, a page at a time, and names the earlier month to ask for', async () => {
    const { app } = get();
    const o = await threeMonths(app);
    const t = await activeTherapist(app, o.a, o.b, o.spaceId);
    const list = `/api/v1/spaces/${o.spaceId}/agreement-log`;
    const april = json(await o.b.api.get(`${list}?month=2024-04`));
    assert.deepEqual(
      april.logEntries.map((e: { id: string }) => e.id),
      [o.ids['2024-04-09'], o.ids['2024-04-01']],
    );
    assert.equal(april.earlierMonth, '2024-03');
    assert.equal(april.next, null);
    assert.equal(json(await o.b.api.get(`${list}?month=2024-03`)).earlierMonth, '2024-01', 'an empty month is skipped');
    assert.equal(json(await o.b.api.get(`${list}?month=2024-01`)).earlierMonth, null);
    assert.equal('earlierMonth' in json(await o.b.api.get(list)), false, 'without a month, the list is as before');

    const first = json(await o.b.api.get(`${list}?month=2024-01&limit=1`));
    assert.match(first.next, new RegExp(`^${list}\\?month=2024-01&limit=1&cursor=[A-Za-z0-9_-]+$`), 'next keeps the month');
    for (const [reader, canary] of [
      [o.a, true],
      [o.b, false],
      [t, false],
    ] as const) {
      const january = await followAll(reader.api, `${list}?month=2024-01&limit=1`, 'logEntries');
      assert.deepEqual(
        january.items.map((e) => (e as { id: string }).id),
        [o.ids['2024-01-20'], o.ids['2024-01-05']],
      );
      assert.equal(january.pages, 2);
      assert.equal(january.bodies.includes(CANARY), canary, 'a private note in its author’s pages only');
    }
    for (const bad of ['2024-13', '2024-1', 'april']) {
      const res = await o.a.api.get(`${list}?month=${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(json(res).error.code, 'invalid_input');
    }
  });
});
