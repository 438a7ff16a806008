import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { followAll, manyThroughStores } from '../support/paging.js';
import { TherapistStore } from '../../src/features/therapists/store.js';

const unique = (items: Array<{ id: string }>) => new Set(items.map((i) => i.id)).size;

describeEachDatabase('lists are read a page at a time, to the end', (get) => {
  test('130 calls for reassurance are all reachable by following next; private notes stay with their author', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    for (let i = 0; i < 130; i++) {
      const note = i % 10 === 0 ? { text: `SamPrivateCanary${i}`, visibility: 'private' } : { text: `shared ${i}`, visibility: 'shared' };
      assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note })).statusCode, 201);
    }
    const list = `/api/v1/spaces/${spaceId}/reassurance-requests`;
    const asSam = await followAll(b.api, list, 'reassuranceRequests');
    assert.equal(asSam.items.length, 130);
    assert.equal(unique(asSam.items), 130);
    assert.equal(asSam.pages, 3, 'pages of 50 when no limit is asked');
    assert.match(asSam.bodies, /SamPrivateCanary0\b/, "the oldest private note is in its author's copy");
    for (const other of [a, t]) {
      const seen = await followAll(other.api, `${list}?limit=7`, 'reassuranceRequests');
      assert.equal(seen.items.length, 130);
      assert.doesNotMatch(seen.bodies, /SamPrivateCanary/, 'no private note reaches the partner or the therapist');
    }
    const first = json(await a.api.get(list));
    assert.match(first.next, /^\/api\/v1\/spaces\/[^/]+\/reassurance-requests\?limit=50&cursor=[A-Za-z0-9_-]+$/);
  });

  test('a page is stable under new writes: following next neither repeats nor skips', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    for (let i = 0; i < 12; i++) await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {});
    const list = `/api/v1/spaces/${spaceId}/reassurance-requests`;
    const first = json(await a.api.get(`${list}?limit=5`));
    for (let i = 0; i < 3; i++) await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {});
    const rest = await followAll(a.api, first.next, 'reassuranceRequests');
    const all = [...first.reassuranceRequests, ...rest.items];
    assert.equal(all.length, 12);
    assert.equal(unique(all), 12);
  });

  test('a cursor or limit Mend did not make is a 400 that says how to fix it, never a 500', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const list = `/api/v1/spaces/${spaceId}/reassurance-requests`;
    for (const query of [
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('["x"]').toString('base64url')}`,
      'cursor=%25%25',
      'limit=0',
      'limit=201',
      'limit=abc',
      `cursor=${'A'.repeat(2000)}`,
    ]) {
      const res = await a.api.get(`${list}?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(json(res).error.code, 'invalid_input');
    }
    for (const url of [`/api/v1/spaces/${spaceId}/meetings?cursor=nope`, '/api/v1/me/notifications?cursor=nope'])
      assert.equal((await a.api.get(url)).statusCode, 400, url);
  });

  test('meetings and notifications page the same way; the export holds all 130 of each', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    await manyThroughStores(app, spaceId, b.id, 130, (i) => `stored ${i}`);
    const meetings = await followAll(a.api, `/api/v1/spaces/${spaceId}/meetings`, 'meetings');
    assert.equal(meetings.items.length, 130);
    assert.equal(unique(meetings.items), 130);
    for (let i = 0; i < 60; i++) await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {});
    const notifications = await followAll(a.api, '/api/v1/me/notifications?limit=25', 'notifications');
    // One per call, past the old cap of 50; and the one that told Alex that Sam joined.
    const calls = notifications.items.filter((n) => (n as { id: string; type?: string }).type === 'reassurance_requested');
    assert.equal(calls.length, 60, 'one notification per call, past the old cap of 50');
    assert.equal(notifications.items.length, 61);

    await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password });
    const res = await a.api.get('/api/v1/me/export');
    assert.equal(res.statusCode, 200);
    const doc = json(res);
    assert.equal(doc.spaces[0].reassuranceRequests.length, 190);
    assert.equal(doc.spaces[0].meetings.length, 130);
    assert.equal(doc.notifications.length, 61, 'every notification: the 60 calls and the one that Sam joined');
  });

  test('the therapist access log pages past its old cap of 200, for partners only', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const { store, vault } = app.mend;
    await store.db.transaction().execute(async (trx) => {
      const therapists = new TherapistStore(trx, vault);
      for (let i = 0; i < 230; i++)
        await therapists.logView(spaceId, t.id, `view ${i}`, new Date(Date.parse('2024-01-01T00:00:00Z') + i * 1000).toISOString());
    });
    const log = await followAll(a.api, `/api/v1/spaces/${spaceId}/therapist-access-log?limit=100`, 'entries');
    assert.ok(log.items.length >= 230, `${log.items.length} views`);
    assert.match(log.bodies, /"what":"view 0"/, 'the oldest view is there');
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).statusCode, 403);
    const pages = await pagesAs(app, b);
    const page = await pages.get(`/spaces/${spaceId}/therapist/access-log`);
    assert.match(page.body, /rel="next">Older views</);
  });

  test('the pages show older items through plain links, without JavaScript', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    await manyThroughStores(app, spaceId, b.id, 60, (i) => `OldestWords${i}.`);
    const pages = await pagesAs(app, a);
    for (const [path, label, oldest] of [
      [`/spaces/${spaceId}/reassurance`, 'Older requests', 'OldestWords0.'],
      [`/spaces/${spaceId}/meetings`, 'Older meetings', 'OldestWords0.'],
    ] as const) {
      const newest = await pages.get(path);
      assert.equal(newest.statusCode, 200);
      assert.doesNotMatch(newest.body, new RegExp(oldest.replace('.', '\\.')), 'the oldest is not on the newest page');
      const href = new RegExp(`<a href="([^"]+)" rel="next">${label}</a>`).exec(newest.body)?.[1];
      assert.ok(href, `${label} link on ${path}`);
      const older = await pages.get(href.replace(/&amp;/g, '&'));
      assert.equal(older.statusCode, 200);
      assert.ok(older.body.includes(oldest), 'the oldest is on the older page');
      assert.match(older.body, /Back to the newest/);
      assert.doesNotMatch(older.body, new RegExp(`rel="next">${label}`), 'nothing older is left');
    }
    const badCursor = await pages.get(`/spaces/${spaceId}/reassurance?older=nonsense`);
    assert.equal(badCursor.statusCode, 200, 'an old bookmark shows the newest calls');
  });
});
