import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { buildApp } from '../../src/app.js';
import { projectRoot } from '../../src/platform/http/paths.js';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, newPerson, sharingNumbers, signUp, type Person } from '../support/api-client.js';
import { createTestDatabase, DIALECTS, skipReason } from '../support/databases.js';
import { openSse, closeOpenStreams, listening } from '../support/sse.js';
import { activeTherapist, apiEvents, pageEvents, pagesAs } from '../support/live-people.js';
import { expectCannotSubscribe, expectEndsUnheard } from '../support/live-privacy.js';

// A test that fails half-way leaves its streams open; they would keep this file running.
afterEach(closeOpenStreams);

const today = () => localDate(new Date(), 'UTC');
const pulse = (v = 6) => ({ safety: v, trust: v, closeness: v });

describeEachDatabase('live updates (server-sent events)', (get) => {
  test('the partner’s stream gets a check-in event — kind, account and date only — when the other checks in', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const stream = await apiEvents(base, b, spaceId);
    assert.equal(stream.status, 200);
    assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
    assert.equal(stream.headers['cache-control'], 'no-store');
    assert.equal(stream.headers['x-accel-buffering'], 'no');

    const put = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      ...pulse(4),
      note: { text: 'LIVE-NOTE-PRIVATE', visibility: 'private' },
    });
    assert.equal(put.statusCode, 201, put.body);
    const [event] = await stream.waitForEvents(1);
    assert.equal(event!.event, 'checkin');
    assert.deepEqual(JSON.parse(event!.data), { kind: 'checkin', accountId: a.id, date: today() });
    assert.ok(!stream.raw.includes('LIVE-NOTE'), 'no note text in the stream');
    stream.close();
  });

  test('the page stream (cookie session) gets the event when the partner checks in on the page', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const bPages = await pagesAs(app, b);
    const stream = await pageEvents(base, bPages, spaceId);
    assert.equal(stream.status, 200);

    const aPages = await pagesAs(app, a);
    await aPages.get(`/spaces/${spaceId}/check-in`);
    const posted = await aPages.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      safety: '7',
      trust: '6',
      closeness: '5',
      day: 'good',
      note: 'LIVE-PAGE-NOTE',
      visibility: 'shared',
      numbers: 'shared',
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const [event] = await stream.waitForEvents(1);
    assert.deepEqual(JSON.parse(event!.data), { kind: 'checkin', accountId: a.id, date: today() });
    assert.ok(!stream.raw.includes('LIVE-PAGE-NOTE'));

    // The island's fragment shows the scores, never the note; the check-in page shows the same section.
    const fragment = await bPages.get(`/spaces/${spaceId}/live/partner-today`);
    assert.equal(fragment.statusCode, 200);
    assert.match(fragment.body, /checked in today: safety 7, trust 6, closeness 5 — a good day/);
    assert.ok(!fragment.body.includes('LIVE-PAGE-NOTE'));
    const page = await bPages.get(`/spaces/${spaceId}/check-in`);
    assert.match(page.body, /checked in today: safety 7, trust 6, closeness 5/);
    assert.match(page.body, /<script type="module" src="\/static\/live\.[0-9a-f]{12}\.js"><\/script>/);
    stream.close();
  });

  test('the partner-today section names the partner for a partner, and both partners for a therapist', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { ...pulse(6), numbersShared: true });
    const heading = (body: string) => /<h2 id="h-partner-today">([^<]*)<\/h2>/.exec(body)?.[1];

    const bFragment = await (await pagesAs(app, b)).get(`/spaces/${spaceId}/live/partner-today`);
    assert.equal(heading(bFragment.body), 'Alex’s check-in');
    const tFragment = await (await pagesAs(app, therapist)).get(`/spaces/${spaceId}/live/partner-today`);
    assert.equal(tFragment.statusCode, 200);
    assert.equal(heading(tFragment.body), 'Alex’s and Sam’s check-ins');
    assert.ok(!tFragment.body.includes('Your partner'), 'a therapist is nobody’s partner here');
    assert.match(tFragment.body, /Alex checked in today: safety 6/);
    assert.match(tFragment.body, /Sam has not checked in for these days yet/);
  });

  test('a stranger, a signed-out caller, a bad token and a revoked therapist cannot subscribe; an active therapist can', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const stranger = await signUp(app, 'Stranger');
    const former = await activeTherapist(app, a, b, spaceId, 'Dr Former');
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${former.id}`)).statusCode, 204);
    const therapist = await activeTherapist(app, a, b, spaceId, 'Dr Current');

    // The API and the pages give the same answers, never a redirect an EventSource would follow.
    await expectCannotSubscribe(app, base, spaceId, [stranger, former]);
    assert.equal((await openSse(`${base}/api/v1/spaces/${spaceId}/events`, { authorization: 'Bearer not-a-real-token' })).status, 401);
    assert.equal((await apiEvents(base, stranger, 'no-such-space')).status, 404);
    assert.equal((await (await pagesAs(app, stranger)).get(`/spaces/${spaceId}/live/partner-today`)).statusCode, 404);

    // Without Accept: text/event-stream there is no stream, only an ordinary answer.
    const plain = await app.inject({
      method: 'GET',
      url: `/api/v1/spaces/${spaceId}/events`,
      headers: { authorization: `Bearer ${b.api.token}` },
    });
    assert.equal(plain.statusCode, 400);
    assert.equal(json(plain).error.code, 'invalid_input');

    const stream = await apiEvents(base, therapist, spaceId);
    assert.equal(stream.status, 200);
    await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse(5));
    const [event] = await stream.waitForEvents(1);
    assert.deepEqual(JSON.parse(event!.data), { kind: 'checkin', accountId: b.id, date: today() });
    stream.close();
  });

  test('a private entry and a closed sealed pair produce no event; a shared entry and an opened pair do; no event carries text', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] });
    assert.equal(breach.statusCode, 201, breach.body);
    const journeyId = json(breach).journey.id as string;
    const streams = {
      a: await apiEvents(base, a, spaceId),
      b: await apiEvents(base, b, spaceId),
      therapist: await apiEvents(base, therapist, spaceId),
    };

    const write = async (who: Person, body: Record<string, unknown>) => {
      const res = await who.api.post(`/api/v1/journeys/${journeyId}/entries`, body);
      assert.equal(res.statusCode, 201, res.body);
      return json(res).entry.id as string;
    };
    await write(a, { prompt: 'what_happened', text: 'LIVE-SEALED-A', visibility: 'sealed' });
    await write(b, { prompt: 'what_happened', text: 'LIVE-SEALED-B', visibility: 'sealed' });
    for (const p of [a, b]) assert.equal((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
    const laterShared = await write(b, { prompt: 'what_hurts', text: 'LIVE-PRIVATE-HURT-LATER-SHARED', visibility: 'private' });
    await write(b, { prompt: 'what_hurts', text: 'LIVE-PRIVATE-HURT', visibility: 'private' });
    const sharedId = await write(b, { prompt: 'what_hurts', text: 'LIVE-SHARED-HURT', visibility: 'shared' });
    const apology = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'LIVE-APOLOGY I am sorry that I lied to you.' });
    assert.equal(apology.statusCode, 201, apology.body);
    const apologyId = json(apology).apology.id as string;
    assert.equal((await b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: true })).statusCode, 201);
    const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
      text: 'LIVE-AGREEMENT I tell you where I am.',
      committedBy: [a.id],
      cadence: 'daily',
      journeyId,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const agreementId = json(proposed).agreement.id as string;
    assert.equal((await b.api.post(`/api/v1/agreements/${agreementId}/accept`)).statusCode, 200);
    // Sharing a private entry later is news from then on.
    assert.equal((await b.api.put(`/api/v1/entries/${laterShared}/visibility`, { visibility: 'shared' })).statusCode, 200);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      ...pulse(6),
      note: { text: 'LIVE-CHECKIN-NOTE', visibility: 'shared' },
    });

    for (const [who, stream] of Object.entries(streams)) {
      const got = await stream.waitForEvents(10);
      assert.deepEqual(
        got.map((e) => JSON.parse(e.data)),
        [
          { kind: 'entries_revealed', journeyId },
          // Who has acknowledged step 1 is shown to every member (the steps' "waiting for").
          { kind: 'journey_acknowledged', journeyId },
          { kind: 'journey_acknowledged', journeyId },
          { kind: 'journey_entry', journeyId, id: sharedId },
          // A delivered apology is read like shared text, and so is its answer.
          { kind: 'apology', journeyId, id: apologyId },
          { kind: 'apology', journeyId, id: apologyId },
          { kind: 'agreement', id: agreementId },
          { kind: 'agreement', id: agreementId },
          { kind: 'journey_entry', journeyId, id: laterShared },
          { kind: 'checkin', accountId: a.id, date: today() },
        ],
        `${who} sees only what every member may see, in order`,
      );
      assert.ok(!/LIVE-(PRIVATE|SEALED|SHARED|CHECKIN|APOLOGY|AGREEMENT)/.test(stream.raw), `${who}: no text in the stream`);
      stream.close();
    }
  });

  test('a stream ends at once when its session is signed out everywhere or its therapist is revoked, before any further event', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const bStream = await apiEvents(base, b, spaceId);
    const tStream = await apiEvents(base, therapist, spaceId);
    const aStream = await apiEvents(base, a, spaceId);

    assert.equal((await b.api.delete('/api/v1/sessions/current')).statusCode, 204);
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${therapist.id}`)).statusCode, 204);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse(3));

    await aStream.waitForEvents(1);
    await expectEndsUnheard(bStream, 'the signed-out session hears nothing more');
    await expectEndsUnheard(tStream, 'the revoked therapist hears nothing more');
    aStream.close();
  });

  test('one account may hold only a few streams open on one server', async () => {
    const { app } = get();
    const base = await listening(app);
    const { b, spaceId } = await couple(app);
    const open = [];
    for (let i = 0; i < 6; i++) {
      const s = await apiEvents(base, b, spaceId);
      assert.equal(s.status, 200, `stream ${i + 1}`);
      open.push(s);
    }
    const refused = await apiEvents(base, b, spaceId);
    assert.equal(refused.status, 429);
    assert.equal(JSON.parse(refused.body).error.code, 'rate_limited');
    open[0]!.close();
    await open[0]!.ended;
    // The server notices the closed connection and frees its place.
    let again = await apiEvents(base, b, spaceId);
    while (again.status === 429) again = await apiEvents(base, b, spaceId);
    assert.equal(again.status, 200);
    for (const s of [...open, again]) s.close();
  });

  test('editing only a private check-in note sends no event; new scores, a day mark or a note that is or was shared do', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    // Shared numbers: their changes are news for every member (kept ones: checkin-numbers.test.ts).
    await sharingNumbers(a, b);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const streams = [await apiEvents(base, b, spaceId), await apiEvents(base, therapist, spaceId)];
    const put = (who: Person, body: Record<string, unknown>) => who.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, body);
    const aEvent = { kind: 'checkin', accountId: a.id, date: today() };
    const bEvent = { kind: 'checkin', accountId: b.id, date: today() };

    assert.equal((await put(a, { ...pulse(4), note: { text: 'LIVE-FIRST', visibility: 'private' } })).statusCode, 201);
    assert.equal((await put(a, { ...pulse(4), note: { text: 'LIVE-EDITED-PRIVATELY', visibility: 'private' } })).statusCode, 200);
    // The same on the page: same scores, another private note.
    const aPages = await pagesAs(app, a);
    await aPages.get(`/spaces/${spaceId}/check-in`);
    const posted = await aPages.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      safety: '4',
      trust: '4',
      closeness: '4',
      day: '',
      note: 'LIVE-PAGE-PRIVATE',
      visibility: 'private',
    });
    assert.equal(posted.statusCode, 303, posted.body);
    // A later event that every member may see proves nothing was sent in between.
    assert.equal((await put(b, pulse(7))).statusCode, 201);
    assert.equal((await put(a, { ...pulse(4), day: 'hard', note: { text: 'LIVE-PRIVATE-AGAIN', visibility: 'private' } })).statusCode, 200);
    assert.equal((await put(a, { ...pulse(4), day: 'hard', note: { text: 'LIVE-NOW-SHARED', visibility: 'shared' } })).statusCode, 200);
    assert.equal(
      (await put(a, { ...pulse(4), day: 'hard', note: { text: 'LIVE-PRIVATE-AFTER-SHARED', visibility: 'private' } })).statusCode,
      200,
    );
    assert.equal((await put(a, { ...pulse(4), day: 'hard', note: { text: 'LIVE-PRIVATE-QUIET', visibility: 'private' } })).statusCode, 200);
    assert.equal((await put(a, { ...pulse(5), day: 'hard', note: { text: 'LIVE-PRIVATE-QUIET', visibility: 'private' } })).statusCode, 200);
    for (const stream of streams) {
      const got = await stream.waitForEvents(6);
      // first check-in, b's, the day mark, shared now, shared before, new scores — not the private edits.
      assert.deepEqual(
        got.map((e) => JSON.parse(e.data)),
        [aEvent, bEvent, aEvent, aEvent, aEvent, aEvent],
      );
      assert.ok(!stream.raw.includes('LIVE-'), 'no note text in the stream');
    }
    // And nothing after the last one: one more event from b arrives next.
    assert.equal((await put(b, pulse(8))).statusCode, 200);
    for (const stream of streams) {
      const got = await stream.waitForEvents(7);
      assert.deepEqual(JSON.parse(got[6]!.data), bEvent);
      stream.close();
    }
  });

  test('connections dropped while their access is being checked leave no stream behind', async () => {
    const { app } = get();
    const base = await listening(app);
    const { b, spaceId } = await couple(app);
    const url = new URL(`${base}/api/v1/spaces/${spaceId}/events`);
    const dropped = Array.from(
      { length: 24 },
      () =>
        new Promise<void>((resolve) => {
          const request = http.get(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${b.api.token}` } });
          request.on('error', () => resolve());
          request.on('close', () => resolve());
          // Gone as soon as the request is sent, before the server has finished checking it.
          request.on('finish', () => request.destroy());
        }),
    );
    await Promise.all(dropped);
    // Let the server see every close, and finish every handler still checking access.
    while ((await new Promise<number>((resolve, reject) => app.server.getConnections((e, n) => (e ? reject(e) : resolve(n))))) > 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; i < 3; i++) assert.equal((await b.api.get(`/api/v1/spaces/${spaceId}`)).statusCode, 200);
    const open = [];
    for (let i = 0; i < 6; i++) {
      const s = await apiEvents(base, b, spaceId);
      assert.equal(s.status, 200, `stream ${i + 1} of the account's six`);
      open.push(s);
    }
    for (const s of open) s.close();
  });

  test('the events route is in the OpenAPI document as a text/event-stream', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const op = doc.paths['/api/v1/spaces/{spaceId}/events']?.get;
    assert.ok(op, 'documented');
    assert.ok(op.responses['200'].content['text/event-stream'], 'as an event stream');
    assert.match(op.description, /never text/);
  });
});

describe('live streams: heartbeats and shutdown', () => {
  for (const dialect of DIALECTS) {
    test(`an idle stream gets keep-alive comments, and closing the app ends it [${dialect}]`, async (t) => {
      const skip = await skipReason(dialect);
      if (skip) return t.skip(skip);
      const database = await createTestDatabase(dialect);
      const config = loadConfig({
        MEND_DATA_DIR: database.dataDir,
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
        LOG_LEVEL: 'silent',
      });
      const app = await buildApp(config, { liveHeartbeatMs: 20 });
      try {
        const base = await listening(app);
        const { b, spaceId } = await couple(app);
        const stream = await apiEvents(base, b, spaceId);
        await stream.waitForComments(3);
        assert.ok(
          stream.comments.slice(1).every((c) => c === 'still here'),
          'heartbeats are comments, not events',
        );
        assert.equal(stream.events.length, 0);
        await app.close();
        await stream.ended;
      } finally {
        await app.close();
        await database.drop();
      }
    });
  }

  for (const dialect of DIALECTS) {
    test(`opening a stream and its heartbeats check the session without extending it [${dialect}]`, async (t) => {
      const skip = await skipReason(dialect);
      if (skip) return t.skip(skip);
      const database = await createTestDatabase(dialect);
      const config = loadConfig({
        MEND_DATA_DIR: database.dataDir,
        ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
        LOG_LEVEL: 'silent',
      });
      const app = await buildApp(config, { liveHeartbeatMs: 20 });
      try {
        const base = await listening(app);
        const { a, b, spaceId } = await couple(app);
        const db = app.mend.store.db;
        // Seen an hour ago: any authenticated request now would extend the session.
        const lastSeenAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
        const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
        const bPages = await pagesAs(app, b);
        await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('account_id', '=', b.id).execute();
        const pageStream = await pageEvents(base, bPages, spaceId);
        const apiStream = await apiEvents(base, b, spaceId);
        // Opening a stream is not a person's use of the session either (automatic-requests.test.ts).
        await pageStream.waitForComments(4);
        await apiStream.waitForComments(4);
        await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse(5));
        await pageStream.waitForEvents(1);
        await apiStream.waitForEvents(1);
        const rows = await db.selectFrom('sessions').select(['last_seen_at', 'expires_at']).where('account_id', '=', b.id).execute();
        assert.equal(rows.length, 2);
        for (const row of rows) assert.deepEqual([String(row.last_seen_at), String(row.expires_at)], [lastSeenAt, expiresAt]);
        pageStream.close();
        apiStream.close();
      } finally {
        await app.close();
        await database.drop();
      }
    });
  }

  test('the server process exits 0 on SIGTERM while a browser holds a live stream open [sqlite]', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-live-sigterm-'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src', 'main.ts')], {
      cwd: projectRoot(),
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MEND_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`Mend exited with ${child.exitCode}`);
        const ok = await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const person = newPerson('Ash');
      const account = await fetch(`${base}/api/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person),
      }).then((r) => r.json() as Promise<{ token: string }>);
      const space = await fetch(`${base}/api/v1/spaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` },
        body: '{}',
      }).then((r) => r.json() as Promise<{ space: { id: string } }>);
      const stream = await openSse(`${base}/api/v1/spaces/${space.space.id}/events`, { authorization: `Bearer ${account.token}` });
      assert.equal(stream.status, 200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      await stream.ended;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
