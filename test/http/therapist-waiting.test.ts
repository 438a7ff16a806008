import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { NOTIFICATION_MESSAGES } from '../../src/core/notification-types.js';

/**
 * Joining tells those it concerns: the partner who invited learns their partner is in; a therapist
 * who joins waits on the partners' consent, and each partner who has not given it is told
 * (through the API's join and the join page alike), the therapist and a stranger never are, and
 * the words name no one and quote nothing.
 */
const WAITING = NOTIFICATION_MESSAGES.therapist_waiting;
const JOINED = NOTIFICATION_MESSAGES.partner_joined;

const messages = async (p: Person): Promise<string[]> =>
  json(await p.api.get('/api/v1/me/notifications')).notifications.map((n: { message: string }) => n.message);

async function inviteTherapist(app: FastifyInstance, by: Person, spaceId: string): Promise<{ t: Person; code: string }> {
  const t = await signUp(app, 'Dr Quill');
  const { code } = json(await by.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  return { t, code };
}

describeEachDatabase('a therapist waiting for consent', (get) => {
  test('joining through the API: both partners are told, the therapist and another couple are not', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const other = await couple(app, ['Kim', 'Lou']);
    const { t, code } = await inviteTherapist(app, a, spaceId);
    assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    for (const p of [a, b])
      assert.deepEqual(
        (await messages(p)).filter((m) => m === WAITING),
        [WAITING],
        p.displayName,
      );
    for (const p of [t, other.a, other.b]) assert.ok(!(await messages(p)).includes(WAITING), p.displayName);
    const body = (await a.api.get('/api/v1/me/notifications')).body;
    assert.ok(!body.includes('Dr Quill'), 'the notification does not name the therapist');
  });

  test('joining through the page: only the partner who has not consented yet is told, once', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const { t, code } = await inviteTherapist(app, a, spaceId);
    const page = await pagesAs(app, t);
    await page.get(`/join/${code}`);
    const joined = await page.post(`/join/${code}`, {});
    assert.equal(joined.statusCode, 303, joined.body);
    assert.equal(joined.headers.location, '/caseload');
    assert.equal((await messages(a)).filter((m) => m === WAITING).length, 1);
    assert.equal((await messages(b)).filter((m) => m === WAITING).length, 1);
    // After a consents, the notification is about what was waiting; nothing new is sent to anyone.
    assert.ok((await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: a.password })).statusCode < 300);
    assert.equal((await messages(b)).filter((m) => m === WAITING).length, 1);
    assert.ok(!(await messages(t)).includes(WAITING));
  });

  test('a partner joining tells the partner who invited, not themselves, and nobody that a therapist waits', async () => {
    const { app } = get();
    const { a, b } = await couple(app);
    assert.deepEqual(
      (await messages(a)).filter((m) => m === JOINED),
      [JOINED],
    );
    assert.ok(!(await messages(b)).includes(JOINED));
    for (const p of [a, b]) assert.ok(!(await messages(p)).includes(WAITING));
  });

  test('a therapist joining is not announced as a partner', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const { t, code } = await inviteTherapist(app, a, spaceId);
    assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    assert.equal((await messages(a)).filter((m) => m === JOINED).length, 1, 'only the partner joining, earlier');
    assert.ok(!(await messages(b)).includes(JOINED));
  });

  test('a partner alone is asked for their own consent, not "both of you"', async () => {
    const { app } = get();
    const jo = await signUp(app, 'Jo');
    const spaceId = json(await jo.api.post('/api/v1/spaces', { name: 'Jo alone' })).space.id as string;
    const { t, code } = await inviteTherapist(app, jo, spaceId);
    assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    const mine = await messages(jo);
    assert.deepEqual(
      mine.filter((m) => m === NOTIFICATION_MESSAGES.therapist_waiting_alone),
      [NOTIFICATION_MESSAGES.therapist_waiting_alone],
    );
    assert.ok(!mine.some((m) => /both of you/.test(m)), mine.join(' | '));
    assert.ok(!(await messages(t)).includes(NOTIFICATION_MESSAGES.therapist_waiting_alone));
    const page = await (await pagesAs(app, jo)).get('/notifications');
    assert.match(page.body, /Nothing is shared with them until you agree\./);
  });
});
