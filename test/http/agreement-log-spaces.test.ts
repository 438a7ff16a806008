import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * The agreement log's page forms post to an address that names a space. An agreement or an
 * occasion of another space is not found there (404, as for a stranger), even when the person
 * belongs to both spaces: nothing is logged, confirmed or disputed in either, and neither partner's
 * private note comes back on the way. (The JSON API's addresses name no space; it is not concerned.)
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-spaces-51f', b: 'PRIVATE-CANARY-SAM-spaces-9ae' };
const today = localDate(new Date(), 'UTC');

async function ok(p: Promise<Response>, what: string): Promise<Response> {
  const res = await p;
  assert.ok(res.statusCode < 300, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

/** Alex and Sam share two spaces; in each, an agreement both keep and an occasion each with a private note. */
async function twoSpaces(app: FastifyInstance) {
  const { a, b, spaceId: here } = await couple(app);
  const there = json(await ok(a.api.post('/api/v1/spaces', { name: 'Us, the second time' }), 'second space')).space.id as string;
  const { code } = json(await ok(a.api.post(`/api/v1/spaces/${there}/invitations`, {}), 'invitation')).invitation;
  await ok(b.api.post(`/api/v1/invitations/${code}/accept`), 'join the second space');
  const agreement = async (spaceId: string, text: string) => {
    const id = json(
      await ok(a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text, committedBy: [a.id, b.id], cadence: 'daily' }), 'agreement'),
    ).agreement.id as string;
    await ok(b.api.post(`/api/v1/agreements/${id}/accept`), 'accept');
    return id;
  };
  const log = async (who: Person, agreementId: string, canary: string) =>
    json(
      await ok(
        who.api.post(`/api/v1/agreements/${agreementId}/log`, {
          occurredOn: today,
          kept: true,
          note: { text: `${canary} private`, visibility: 'private' },
        }),
        'log',
      ),
    ).logEntry.id as string;
  const spaces = {
    here: { id: here, agreement: await agreement(here, 'We say where we are when we are late') },
    there: { id: there, agreement: await agreement(there, 'We keep Sunday mornings for the two of us') },
  };
  const occasions = {
    here: { a: await log(a, spaces.here.agreement, CANARY.a), b: await log(b, spaces.here.agreement, CANARY.b) },
    there: { a: await log(a, spaces.there.agreement, CANARY.a), b: await log(b, spaces.there.agreement, CANARY.b) },
  };
  return { a, b, spaces, occasions };
}

/** Both spaces' logs as `who` reads them through the API: each occasion's id, who logged it and its status. */
async function logs(who: Person, spaceIds: string[]): Promise<string> {
  const out: string[] = [];
  for (const id of spaceIds) {
    const entries = json(await ok(who.api.get(`/api/v1/spaces/${id}/agreement-log`), 'read the log')).logEntries as Array<{
      id: string;
      loggedBy: string;
      status: string;
      reviewNote: unknown;
    }>;
    out.push(`${id}: ${entries.map((e) => `${e.id} ${e.loggedBy} ${e.status} ${JSON.stringify(e.reviewNote)}`).join('; ')}`);
  }
  return out.join('\n');
}

describeEachDatabase('the agreement log’s page forms stay in their space', (get) => {
  test('logging another space’s agreement at this space’s address: 404, nothing logged in either space', async () => {
    const { app } = get();
    const o = await twoSpaces(app);
    const ids = [o.spaces.here.id, o.spaces.there.id];
    const before = await logs(o.a, ids);
    const alex = await pagesAs(app, o.a);
    const hereLog = `/spaces/${o.spaces.here.id}/agreement-log`;
    await alex.get(hereLog);

    const note = `${CANARY.a} sent to the wrong space`;
    const wrong = await alex.post(`${hereLog}/${o.spaces.there.agreement}`, { occurredOn: today, kept: 'yes', note, visibility: 'shared' });
    assert.equal(wrong.statusCode, 404);
    // With problems in the form too, the answer is the same: nothing of the other space is checked here.
    await alex.get(hereLog); // (a 404 page has no form, so the next form comes from the log page again)
    const wrongAndInvalid = await alex.post(`${hereLog}/${o.spaces.there.agreement}`, { occurredOn: 'someday', note });
    assert.equal(wrongAndInvalid.statusCode, 404);
    for (const res of [wrong, wrongAndInvalid]) {
      assert.ok(!res.body.includes(CANARY.b), 'Sam’s private note is not in the answer');
      assert.ok(!res.body.includes('Sunday mornings'), 'nor the other space’s agreement');
    }
    assert.equal(await logs(o.a, ids), before, 'nothing logged in either space');

    // The same form at its own space's address logs it: the 404 was the address, not the form.
    const thereLog = `/spaces/${o.spaces.there.id}/agreement-log`;
    await alex.get(thereLog);
    assert.equal((await alex.post(`${thereLog}/${o.spaces.there.agreement}`, { occurredOn: today, kept: 'yes' })).statusCode, 303);
    assert.notEqual(await logs(o.a, ids), before);

    const sam = await pagesAs(app, o.b);
    for (const log of [hereLog, thereLog]) {
      const page = (await sam.get(log)).body;
      assert.ok(!page.includes(CANARY.a), 'Alex’s private words never reach Sam');
      assert.ok(!page.includes('sent to the wrong space'));
    }
  });

  test('confirming or disputing another space’s occasion at this space’s address: 404, nothing reviewed in either space', async () => {
    const { app } = get();
    const o = await twoSpaces(app);
    const ids = [o.spaces.here.id, o.spaces.there.id];
    const before = await logs(o.b, ids);
    const sam = await pagesAs(app, o.b);
    const hereLog = `/spaces/${o.spaces.here.id}/agreement-log`;
    await sam.get(hereLog);

    for (const review of ['confirmed', 'disputed']) {
      await sam.get(hereLog);
      const wrong = await sam.post(`${hereLog}/entries/${o.occasions.there.a}/review`, {
        review,
        note: `${CANARY.b} reviewed in the wrong space`,
      });
      assert.equal(wrong.statusCode, 404, review);
      assert.ok(!wrong.body.includes(CANARY.a), 'Alex’s private note is not in the answer');
    }
    // Sam's own occasion of the other space is not found here either (never "not yours to review").
    await sam.get(hereLog);
    assert.equal((await sam.post(`${hereLog}/entries/${o.occasions.there.b}/review`, { review: 'confirmed' })).statusCode, 404);
    assert.equal(await logs(o.b, ids), before, 'nothing confirmed or disputed in either space');

    // At its own space's address the same review goes through.
    const thereLog = `/spaces/${o.spaces.there.id}/agreement-log`;
    await sam.get(thereLog);
    assert.equal((await sam.post(`${thereLog}/entries/${o.occasions.there.a}/review`, { review: 'confirmed' })).statusCode, 303);
    assert.match(await logs(o.b, ids), new RegExp(`${o.occasions.there.a} ${o.a.id} confirmed`));

    const alex = await pagesAs(app, o.a);
    for (const log of [hereLog, thereLog]) {
      const page = (await alex.get(log)).body;
      assert.ok(!page.includes(CANARY.b), 'Sam’s private words never reach Alex');
      assert.ok(!page.includes('reviewed in the wrong space'));
    }
  });
});
