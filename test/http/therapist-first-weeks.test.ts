import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { NOTIFICATION_MESSAGES } from '../../src/core/notification-types.js';

/**
 * Issue #20, a therapist's first weeks: they are told once that their access began (when the last
 * partner agrees, by the API or the page, and by nothing else), each page of theirs leads back to
 * "Your couples" and to the decision guide, and a partner whose consent they wait for sees it in
 * "Waiting for you" until they give it. Nothing private reaches the therapist on the way.
 */
const BEGAN = NOTIFICATION_MESSAGES.therapist_access_began;
const CANARY = 'CANARY-THERAPIST-FIRST-WEEKS';

interface Told {
  type: string;
  message: string;
  link: string;
}
const notifications = async (p: Person): Promise<Told[]> => json(await p.api.get('/api/v1/me/notifications')).notifications;
const waitingKinds = async (p: Person, spaceId: string): Promise<Array<{ kind: string; href: string; since: string | null }>> =>
  json(await p.api.get(`/api/v1/spaces/${spaceId}/waiting`)).items;

async function joinedTherapist(app: FastifyInstance, by: Person, spaceId: string): Promise<Person> {
  const t = await signUp(app, 'Dr Quill');
  const { code } = json(await by.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  return t;
}

describeEachDatabase('a therapist’s first weeks', (get) => {
  test('the last consent tells the therapist once that access began, with a link to the space and nothing private', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const today = new Date().toISOString().slice(0, 10);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 3,
      trust: 2,
      closeness: 4,
      note: { text: CANARY, visibility: 'private' },
    });
    const t = await joinedTherapist(app, a, spaceId);
    const before = { a: (await notifications(a)).length, b: (await notifications(b)).length };

    assert.ok((await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password })).statusCode < 300);
    assert.deepEqual(await notifications(t), [], 'one consent of two: nothing yet');

    // The last consent, through the page form.
    const sam = await pagesAs(app, b);
    await sam.get(`/spaces/${spaceId}`);
    const agreed = await sam.post(`/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password });
    assert.equal(agreed.statusCode, 303, agreed.body.slice(0, 300));

    const told = await notifications(t);
    assert.deepEqual(
      told.map((n) => [n.type, n.message, n.link]),
      [['therapist_access_began', BEGAN, `/spaces/${spaceId}`]],
    );
    const raw = (await t.api.get('/api/v1/me/notifications')).body;
    for (const word of ['Alex', 'Sam', CANARY]) assert.ok(!raw.includes(word), `no ${word} in the therapist’s notifications`);
    // The partners are told nothing new; agreeing again changes nothing.
    assert.equal((await notifications(a)).length, before.a);
    assert.equal((await notifications(b)).length, before.b);
    await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password });
    assert.equal((await notifications(t)).length, 1, 'told once');
    // The notifications page offers the link, and the space page it leads to shows nothing private.
    const lee = await pagesAs(app, t);
    assert.match((await lee.get('/notifications')).body, new RegExp(`href="/spaces/${spaceId}"`));
    const space = await lee.get(`/spaces/${spaceId}`);
    assert.equal(space.statusCode, 200);
    assert.ok(!space.body.includes(CANARY));
  });

  test('a therapist removed and the other couple hear nothing; a partner alone turns access on with one consent', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const other = await couple(app, ['Kim', 'Lou']);
    const t = await joinedTherapist(app, a, spaceId);
    await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/revoke`);
    assert.deepEqual(await notifications(t), []);
    for (const p of [a, b, other.a, other.b]) assert.ok(!(await notifications(p)).some((n) => n.type === 'therapist_access_began'));

    const solo = await signUp(app, 'Robin');
    const soloSpace = json(await solo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const t2 = await joinedTherapist(app, solo, soloSpace);
    assert.ok(
      (await solo.api.post(`/api/v1/spaces/${soloSpace}/therapists/${t2.id}/consent`, { password: solo.password })).statusCode < 300,
    );
    assert.deepEqual(
      (await notifications(t2)).map((n) => n.type),
      ['therapist_access_began'],
    );
  });

  test('a partner whose consent is awaited sees it in “Waiting for you” until they give it; the therapist never does', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const t = await joinedTherapist(app, a, spaceId);
    for (const p of [a, b]) {
      const items = (await waitingKinds(p, spaceId)).filter((i) => i.kind === 'therapist');
      assert.deepEqual(items, [{ kind: 'therapist', href: `/spaces/${spaceId}#therapist-${t.id}`, since: items[0]?.since, count: 1 }]);
    }
    const home = (await (await pagesAs(app, a)).get(`/spaces/${spaceId}`)).body;
    assert.match(
      home,
      new RegExp(
        `<li data-waiting="therapist"><a href="/spaces/${spaceId}#therapist-${t.id}">A therapist waiting for your agreement</a></li>`,
      ),
    );
    assert.match(home, new RegExp(`<div class="therapist" id="therapist-${t.id}">`), 'the link lands on the consent form');
    assert.ok(!/data-waiting="therapist"[^<]*<a[^>]*>[^<]*Quill/.test(home), 'the item does not name the therapist');

    await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password });
    assert.ok(!(await waitingKinds(a, spaceId)).some((i) => i.kind === 'therapist'), 'gone once given');
    assert.ok(
      (await waitingKinds(b, spaceId)).some((i) => i.kind === 'therapist'),
      'still waiting on Sam',
    );
    await b.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: b.password });
    for (const p of [a, b]) assert.ok(!(await waitingKinds(p, spaceId)).some((i) => i.kind === 'therapist'));
    assert.deepEqual(await waitingKinds(t, spaceId), []);
  });

  test('a therapist’s pages lead back to “Your couples” and to the decision guide; a partner’s header does not', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
    const t = await activeTherapist(app, a, b, spaceId);
    const lee = await pagesAs(app, t);
    const guide = `href="/spaces/${spaceId}/decision-guide"`;
    const journeyId = json(await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    for (const path of [
      `/spaces/${spaceId}`,
      `/journeys/${journeyId}`,
      `/spaces/${spaceId}/progress`,
      `/spaces/${spaceId}/session-summary`,
      `/spaces/${spaceId}/decision-guide`,
    ]) {
      const res = await lee.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.match(res.body, /<header class="site-header">[\s\S]*<a href="\/caseload">Your couples<\/a>[\s\S]*<\/header>/, path);
    }
    assert.ok((await lee.get(`/spaces/${spaceId}`)).body.includes(guide), 'the space page links to the guide');
    assert.ok((await lee.get(`/spaces/${spaceId}/progress`)).body.includes(guide), 'so does the progress page');
    const caseload = (await lee.get('/caseload')).body;
    assert.match(caseload, new RegExp(`href="/spaces/${spaceId}"`));

    const alex = (await (await pagesAs(app, a)).get(`/spaces/${spaceId}`)).body;
    assert.doesNotMatch(alex, /href="\/caseload"/, 'a partner has no caseload');
  });
});
