import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import type { FastifyInstance } from 'fastify';
import { PageClient } from '../support/browser-less.js';
import { activeTherapist, cookieHeader, pagesAs } from '../support/live-people.js';
import { closeOpenStreams, listening, openSse } from '../support/sse.js';

/**
 * Issue #18: the unread count (header, API) and "Waiting for you" (space home, its live fragment,
 * API). What waits is named by kind and link only: the canaries written along the way — private,
 * sealed or shared — never appear in any of these answers, and nobody else can read them.
 */
const CANARY = {
  callNote: 'CANARY-CALL-NOTE-q7',
  question: 'CANARY-QUESTION-w2',
  apology: 'CANARY-APOLOGY-e9',
  agreement: 'CANARY-AGREEMENT-r4',
  occasion: 'CANARY-OCCASION-t1',
  sealed: 'CANARY-SEALED-y6',
};
const canariesIn = (body: string): string[] => Object.values(CANARY).filter((c) => body.includes(c));

afterEach(() => closeOpenStreams());

const kinds = async (p: Person, spaceId: string): Promise<string[]> => {
  const res = await p.api.get(`/api/v1/spaces/${spaceId}/waiting`);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(canariesIn(res.body), []);
  return (json(res).items as Array<{ kind: string }>).map((i) => i.kind);
};
const unread = async (p: Person): Promise<number> => {
  const res = await p.api.get('/api/v1/me/notifications/unread');
  assert.equal(res.statusCode, 200, res.body);
  return json(res).unread as number;
};

/** Alex broke trust (an affair, so questions are open); step 1 done by both, so step 2 is open. */
async function journeyAtStep2(
  app: FastifyInstance,
  before: (o: { a: Person; b: Person; spaceId: string }) => Promise<void> = async () => {},
): Promise<{ a: Person; b: Person; spaceId: string; journeyId: string }> {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  await before({ a, b, spaceId });
  const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
    .id as string;
  for (const p of [a, b]) {
    await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'Ours.' }), 'what happened');
    await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledgement');
  }
  return { a, b, spaceId, journeyId };
}

describeEachDatabase('waiting for you, and the unread count', (get) => {
  test('each thing the partner leaves waits on the other, by kind and link only, and goes once acted on', async () => {
    const { app } = get();
    // Alex (a) broke trust; Sam (b) was hurt. Step 2 is open.
    // Before any journey: Alex proposes an agreement (a space's own, so its link is the agreement log).
    let agreement = '';
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app, async ({ a, b, spaceId }) => {
      agreement = json(
        await succeeded(
          a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: CANARY.agreement, committedBy: [a.id], cadence: 'daily' }),
          'agr',
        ),
      ).agreement.id as string;
      const items = json(await b.api.get(`/api/v1/spaces/${spaceId}/waiting`)).items as Array<{ kind: string; href: string }>;
      assert.deepEqual(
        items.map((i) => i.kind),
        ['agreement', 'checkin'],
      );
      assert.equal(items[0]!.href, `/spaces/${spaceId}/agreement-log`);
      assert.deepEqual(canariesIn(JSON.stringify(items)), []);
      await succeeded(b.api.post(`/api/v1/agreements/${agreement}/accept`), 'accept');
    });
    await succeeded(a.api.post('/api/v1/me/notifications/read', {}), 'read');
    await succeeded(b.api.post('/api/v1/me/notifications/read', {}), 'read');
    assert.deepEqual(await kinds(a, spaceId), ['checkin']);
    assert.equal(await unread(a), 0);

    // Sam asks for reassurance with a private note, and asks a question.
    const call = json(
      await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: CANARY.callNote, visibility: 'private' } }),
        'call',
      ),
    ).reassuranceRequest.id as string;
    const question = json(
      await succeeded(
        b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: CANARY.question, visibility: 'shared' }),
        'q',
      ),
    ).entry.id as string;
    assert.deepEqual((await kinds(a, spaceId)).sort(), ['checkin', 'question', 'reassurance']);
    assert.deepEqual(await kinds(b, spaceId), ['checkin'], 'what Sam asked does not wait on Sam');
    assert.equal(await unread(a), 2);

    // Alex gives his apology; Sam's list grows, Alex's does not.
    const apology = json(await succeeded(a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: CANARY.apology }), 'apology'))
      .apology.id as string;
    assert.deepEqual((await kinds(b, spaceId)).sort(), ['apology', 'checkin']);
    const items = json(await b.api.get(`/api/v1/spaces/${spaceId}/waiting`)).items as Array<{
      kind: string;
      href: string;
      since: string | null;
    }>;
    assert.equal(items.find((i) => i.kind === 'apology')?.href, `/journeys/${journeyId}/steps/2`);
    assert.equal(items.at(-1)?.kind, 'checkin');
    assert.equal(items.at(-1)?.since, null);

    // Alex logs an occasion of the accepted agreement: it waits on Sam to confirm.
    const today = localDate(new Date(), 'UTC');
    const occasion = json(
      await succeeded(
        a.api.post(`/api/v1/agreements/${agreement}/log`, {
          occurredOn: today,
          kept: true,
          note: { text: CANARY.occasion, visibility: 'private' },
        }),
        'log',
      ),
    ).logEntry.id as string;
    assert.ok((await kinds(b, spaceId)).includes('occasion'));
    assert.ok(!(await kinds(b, spaceId)).includes('agreement'), 'an accepted agreement no longer waits');
    // A second occasion of the same agreement: one line with a count, linked to the oldest (issue #20).
    const second = json(await succeeded(a.api.post(`/api/v1/agreements/${agreement}/log`, { occurredOn: today, kept: false }), 'log again'))
      .logEntry.id as string;
    const grouped = (
      json(await b.api.get(`/api/v1/spaces/${spaceId}/waiting`)).items as Array<{ kind: string; href: string; count: number }>
    ).filter((i) => i.kind === 'occasion');
    assert.deepEqual(
      grouped.map((i) => [i.href, i.count]),
      [[`/spaces/${spaceId}/agreement-log?month=${today.slice(0, 7)}#occasion-${occasion}`, 2]],
    );
    const samHome = (await (await pagesAs(app, b)).get(`/spaces/${spaceId}`)).body;
    const lines = [...samHome.matchAll(/data-waiting="occasion"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(lines, ['2 occasions Alex logged for one agreement, to confirm']);
    await succeeded(b.api.post(`/api/v1/agreement-log/${second}/confirm`, {}), 'confirm the second');

    // Sam answers the apology and confirms the occasion; Alex answers the call and the question and checks in.
    await succeeded(b.api.post(`/api/v1/apologies/${apology}/responses`, { received: true }), 'answer apology');
    await succeeded(b.api.post(`/api/v1/agreement-log/${occasion}/confirm`, {}), 'confirm');
    assert.deepEqual(await kinds(b, spaceId), ['checkin']);
    await succeeded(a.api.post(`/api/v1/reassurance-requests/${call}/answer`, { text: 'I am here.' }), 'answer call');
    await succeeded(
      a.api.post(`/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'answer',
        text: 'An answer.',
        visibility: 'shared',
        replyTo: question,
      }),
      'answer',
    );
    await succeeded(a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 4, trust: 4, closeness: 4 }), 'check in');
    assert.deepEqual(await kinds(a, spaceId), []);

    // Reading lowers the count.
    assert.ok((await unread(b)) > 0);
    await succeeded(b.api.post('/api/v1/me/notifications/read', {}), 'read');
    assert.equal(await unread(b), 0);
  });

  test('a sealed half waits on the other partner without a word of it; nobody else may read the list', async () => {
    const { app } = get();
    const { a, b, spaceId } = await journeyAtStep2(app);
    const breach = json(await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] }), 'breach'));
    const second = breach.journey.id as string;
    await succeeded(
      b.api.post(`/api/v1/journeys/${second}/entries`, { prompt: 'what_happened', text: CANARY.sealed, visibility: 'sealed' }),
      'sealed',
    );
    const items = json(await a.api.get(`/api/v1/spaces/${spaceId}/waiting`)).items as Array<{ kind: string; href: string }>;
    assert.deepEqual(
      items.filter((i) => i.kind === 'sealed_half').map((i) => i.href),
      [`/journeys/${second}/steps/1#what_happened-heading`],
    );

    const therapist = await activeTherapist(app, a, b, spaceId);
    const stranger = await signUp(app, 'Stranger');
    const pending = await signUp(app, 'Dr Pending');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    assert.equal((await pending.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);

    const asTherapist = await therapist.api.get(`/api/v1/spaces/${spaceId}/waiting`);
    assert.equal(asTherapist.statusCode, 200);
    assert.deepEqual(json(asTherapist).items, [], 'nothing waits on a therapist, and nothing of the couple’s is listed');
    for (const other of [stranger, pending]) {
      const res = await other.api.get(`/api/v1/spaces/${spaceId}/waiting`);
      assert.equal(res.statusCode, 404, res.body);
      assert.deepEqual(canariesIn(res.body), []);
    }
    assert.equal((await new ApiClient(app).get(`/api/v1/spaces/${spaceId}/waiting`)).statusCode, 401);
    assert.equal((await new ApiClient(app).get('/api/v1/me/notifications/unread')).statusCode, 401);
    assert.equal(await unread(stranger), 0, 'a count is one’s own: the couple’s notifications are not the stranger’s');

    // The pages: the partner's home has the panel and the count; the therapist's has neither panel nor fragment.
    // Two calls for reassurance are numbered, so no two links read the same.
    for (let i = 0; i < 2; i += 1) await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {}), 'call');
    const pa = await pagesAs(app, a);
    const home = await pa.get(`/spaces/${spaceId}`);
    const calls = [...home.body.matchAll(/data-waiting="reassurance"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    assert.deepEqual(calls, ['Sam asked for reassurance, 1 of 2', 'Sam asked for reassurance, 2 of 2']);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<h2 id="waiting-heading">Waiting for you<\/h2>/);
    assert.match(
      home.body,
      /data-waiting="sealed_half"><a href="\/journeys\/[^"]+\/steps\/1#what_happened-heading">Sam wrote their half: write yours to open both<\/a>/,
    );
    const n = await unread(a);
    assert.ok(n > 0);
    assert.match(
      home.body,
      new RegExp(
        `data-unread="${n}" aria-label="Notifications, ${n} unread">Notifications<span class="unread-badge" aria-hidden="true">${n}</span></a>`,
      ),
    );
    assert.deepEqual(canariesIn(home.body), []);
    const fragment = await pa.get(`/spaces/${spaceId}/live/waiting`);
    assert.equal(fragment.statusCode, 200);
    assert.match(fragment.body, /^<section class="waiting-panel"/);
    assert.match((await pa.get('/live/unread')).body, new RegExp(`"Notifications, ${n} unread"`));

    const pt = await pagesAs(app, therapist);
    const therapistHome = await pt.get(`/spaces/${spaceId}`);
    assert.equal(therapistHome.statusCode, 200);
    assert.doesNotMatch(therapistHome.body, /Waiting for you|data-waiting/);
    assert.equal((await pt.get(`/spaces/${spaceId}/live/waiting`)).statusCode, 404);
    for (const other of [stranger, pending]) {
      const res = await (await pagesAs(app, other)).get(`/spaces/${spaceId}/live/waiting`);
      assert.equal(res.statusCode, 404);
      assert.deepEqual(canariesIn(res.body), []);
    }
    assert.equal((await new PageClient(app).get(`/spaces/${spaceId}/live/waiting`)).statusCode, 401);
    assert.equal((await new PageClient(app).get('/live/unread')).statusCode, 401);

    // Read everything: the header has no count at all.
    await succeeded(a.api.post('/api/v1/me/notifications/read', {}), 'read');
    const after = await pa.get('/notifications');
    assert.match(after.body, /<a href="\/notifications" id="notifications-link" data-unread="0" aria-current="page">Notifications<\/a>/);
  });

  test('a partner on their own is waited on only by their check-in', async () => {
    const { app } = get();
    const solo = await signUp(app, 'Robin');
    const spaceId = json(await solo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    assert.deepEqual(await kinds(solo, spaceId), ['checkin']);
    await succeeded(
      solo.api.put(`/api/v1/spaces/${spaceId}/checkins/${localDate(new Date(), 'UTC')}`, { safety: 3, trust: 3, closeness: 3 }),
      'in',
    );
    assert.deepEqual(await kinds(solo, spaceId), []);
    const page = await (await pagesAs(app, solo)).get(`/spaces/${spaceId}`);
    assert.match(page.body, /<p>Nothing is waiting for you\.<\/p>/);
  });

  test('a notification written or read tells the person’s own streams, and no one else’s', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await journeyAtStep2(app);
    const pa = await pagesAs(app, a);
    const pb = await pagesAs(app, b);
    const aOwn = await openSse(`${base}/live`, { cookie: cookieHeader(pa) });
    const aSpace = await openSse(`${base}/spaces/${spaceId}/live?own=1`, { cookie: cookieHeader(pa) });
    const aPlain = await openSse(`${base}/spaces/${spaceId}/live`, { cookie: cookieHeader(pa) });
    const bOwn = await openSse(`${base}/live`, { cookie: cookieHeader(pb) });
    assert.equal(aOwn.status, 200);
    assert.equal((await openSse(`${base}/live`)).status, 401, 'signed out: no stream');

    // Sam asks for reassurance: Alex's own streams hear `unread`; the plain one only the space's event.
    await succeeded(
      b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: CANARY.callNote, visibility: 'private' } }),
      'call',
    );
    assert.deepEqual(await aOwn.waitForEvents(1), [{ event: 'unread', data: '{"kind":"unread"}' }]);
    const onSpace = await aSpace.waitForEvents(2);
    assert.deepEqual(onSpace.map((e) => e.event).sort(), ['reassurance_requested', 'unread']);
    await aPlain.waitForEvents(1);
    // Alex reads: his own streams hear it again.
    await succeeded(a.api.post('/api/v1/me/notifications/read', {}), 'read');
    await aOwn.waitForEvents(2);
    assert.deepEqual(
      aPlain.events.map((e) => e.event),
      ['reassurance_requested'],
    );
    assert.deepEqual(bOwn.events, [], 'Sam is told nothing of Alex’s count');
    for (const s of [aOwn, aSpace, aPlain, bOwn]) assert.deepEqual(canariesIn(s.raw), []);
  });
});
