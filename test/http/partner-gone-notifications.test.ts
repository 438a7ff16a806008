import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { counts, onlyTold, toldTo } from '../support/told.js';

/**
 * Issue #18: a partner leaving the space, or deleting their account, tells the partner who stays —
 * through the API and the pages — in words that name no one, with a link to the space. The
 * notification outlives the account of the one who left (its actor is cleared, never the row).
 * A therapist is never told, nor another couple; a therapist leaving tells nobody.
 */
type Door = 'api' | 'page';
const DOORS: Door[] = ['api', 'page'];

async function setUp(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app, ['Alexandrina', 'Samwise']);
  const t = await activeTherapist(app, a, b, spaceId, 'Dr Quillfeather');
  const other = await couple(app, ['Kim', 'Lou']);
  return { a, b, t, spaceId, strangers: [other.a, other.b] };
}

const NAMES = ['Alexandrina', 'Samwise', 'Quillfeather'];

async function leave(app: FastifyInstance, door: Door, p: Person, spaceId: string): Promise<void> {
  if (door === 'api') {
    // Leaving asks for the password (issue #19).
    assert.equal((await p.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: p.password })).statusCode, 204);
    return;
  }
  const pages = await pagesAs(app, p);
  await pages.get(`/spaces/${spaceId}/leave`);
  assert.equal((await pages.post(`/spaces/${spaceId}/leave`, { password: p.password })).statusCode, 303);
}

async function deleteAccount(app: FastifyInstance, door: Door, p: Person): Promise<void> {
  if (door === 'api') {
    assert.equal((await p.api.delete('/api/v1/me', { password: p.password })).statusCode, 204);
    return;
  }
  const pages = await pagesAs(app, p);
  await pages.get('/account/delete');
  const res = await pages.post('/account/delete', { password: p.password });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /Your account is deleted/);
}

describeEachDatabase('a partner who leaves or deletes their account', (get) => {
  for (const door of DOORS) {
    test(`leaving tells the partner who stays, naming no one; the notification outlives the leaver’s account (${door})`, async () => {
      const { app } = get();
      const { a, b, t, spaceId, strangers } = await setUp(app);
      await leave(app, door, b, spaceId);
      const told = await onlyTold(a, 'partner_left', [b, t, ...strangers], NAMES, { link: `/spaces/${spaceId}` });
      assert.equal(told.spaceId, spaceId);
      const pa = await pagesAs(app, a);
      assert.equal((await pa.get(`/spaces/${spaceId}`)).statusCode, 200, 'the link goes to the space');

      // The one who left deletes their account later: what Alexandrina was told stays.
      await deleteAccount(app, door, b);
      assert.equal((await counts(a)).partner_left, 1);
      assert.equal((await counts(a)).partner_deleted_account, undefined, 'no longer in the space: nothing more is said');
      const row = await app.mend.store.db
        .selectFrom('notifications')
        .select(['actor_id'])
        .where('account_id', '=', a.id)
        .where('type', '=', 'partner_left')
        .executeTakeFirstOrThrow();
      assert.equal(row.actor_id, null, 'the actor is cleared with the account, the notification kept');
    });

    test(`deleting an account tells the partner who stays, once, with a link to the space’s note (${door})`, async () => {
      const { app } = get();
      const { a, b, t, spaceId, strangers } = await setUp(app);
      const other = await couple(app, ['Robin', 'Remy']);
      // Samwise is in a second space too, alone: nobody there to tell.
      const alone = json(await b.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
      assert.ok(alone);
      await deleteAccount(app, door, b);
      const link = `/spaces/${spaceId}#notices-heading`;
      await onlyTold(a, 'partner_deleted_account', [t, ...strangers, other.a, other.b], NAMES, { link });
      const stored = await app.mend.store.db
        .selectFrom('notifications')
        .select(['actor_id', 'space_id'])
        .where('account_id', '=', a.id)
        .where('type', '=', 'partner_deleted_account')
        .executeTakeFirstOrThrow();
      assert.deepEqual(stored, { actor_id: null, space_id: spaceId });
      const space = await (await pagesAs(app, a)).get(link.split('#')[0]!);
      assert.match(space.body, /id="notices-heading"/);
      assert.match(space.body, /[Pp]artner deleted their account/);
    });
  }

  test('a therapist leaving tells nobody', async () => {
    const { app } = get();
    const { a, b, t, spaceId } = await setUp(app);
    const before = await Promise.all([a, b].map(async (p) => (await toldTo(p)).list.length));
    await leave(app, 'api', t, spaceId);
    assert.deepEqual(await Promise.all([a, b].map(async (p) => (await toldTo(p)).list.length)), before);
  });

  test('the last partner leaving tells nobody (the space goes with them)', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    await leave(app, 'api', b, spaceId);
    assert.equal((await counts(a)).partner_left, 1);
    const before = (await toldTo(b)).list.length;
    await leave(app, 'api', a, spaceId);
    assert.equal((await toldTo(b)).list.length, before);
    // The space is gone with everything in it, its notifications too (their links would lead nowhere).
    assert.equal((await counts(a)).partner_left, undefined);
  });
});
