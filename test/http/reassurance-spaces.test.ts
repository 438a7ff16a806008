import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * The reassurance page's answer form posts to an address that names a space. A call of another
 * space is not found there (404, as for a stranger), even when the person belongs to both spaces:
 * nothing is answered in either, whatever was sent (words, nothing, a call already answered), and
 * neither partner's private note comes back on the way. (The JSON API's answer address names no
 * space; it is not concerned.)
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-rs-2b8', b: 'PRIVATE-CANARY-SAM-rs-e61' };

async function ok(p: Promise<Response>, what: string): Promise<Response> {
  const res = await p;
  assert.ok(res.statusCode < 300, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

const ask = async (who: Person, spaceId: string, canary: string) =>
  json(
    await ok(
      who.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: `${canary} private`, visibility: 'private' } }),
      'ask',
    ),
  ).reassuranceRequest.id as string;

/** Alex and Sam share two spaces; in each, each has asked for reassurance with a private note. */
async function twoSpaces(app: FastifyInstance) {
  const { a, b, spaceId: here } = await couple(app);
  const there = json(await ok(a.api.post('/api/v1/spaces', { name: 'Us, the second time' }), 'second space')).space.id as string;
  const { code } = json(await ok(a.api.post(`/api/v1/spaces/${there}/invitations`, {}), 'invitation')).invitation;
  await ok(b.api.post(`/api/v1/invitations/${code}/accept`), 'join the second space');
  const calls = {
    here: { a: await ask(a, here, CANARY.a), b: await ask(b, here, CANARY.b) },
    there: { a: await ask(a, there, CANARY.a), b: await ask(b, there, CANARY.b) },
  };
  return { a, b, here, there, calls };
}

/** Both spaces' calls as `who` reads them through the API: id, who answered and what. */
async function state(who: Person, spaceIds: string[]): Promise<string> {
  const out: string[] = [];
  for (const id of spaceIds) {
    const list = json(await ok(who.api.get(`/api/v1/spaces/${id}/reassurance-requests`), 'read the calls')).reassuranceRequests as Array<{
      id: string;
      answeredBy: string | null;
      answer: string | null;
    }>;
    out.push(`${id}: ${list.map((r) => `${r.id} ${r.answeredBy} ${r.answer}`).join('; ')}`);
  }
  return out.join('\n');
}

describeEachDatabase('the reassurance page’s answer form stays in its space', (get) => {
  test('answering another space’s call at this space’s address: 404, nothing answered in either space', async () => {
    const { app } = get();
    const o = await twoSpaces(app);
    const ids = [o.here, o.there];
    const before = await state(o.a, ids);
    const alex = await pagesAs(app, o.a);
    const here = `/spaces/${o.here}/reassurance`;

    // Words, nothing at all, and Alex's own call of the other space: each is not found here.
    for (const [call, answer] of [
      [o.calls.there.b, 'sent to the wrong space'],
      [o.calls.there.b, ''],
      [o.calls.there.a, 'sent to the wrong space'],
    ] as const) {
      await alex.get(here); // (a 404 page has no form, so each form comes from the page again)
      const wrong = await alex.post(`${here}/${call}/answer`, { answer });
      assert.equal(wrong.statusCode, 404, `${call} ${JSON.stringify(answer)}`);
      assert.ok(!wrong.body.includes(CANARY.b), 'Sam’s private note is not in the answer');
      assert.ok(!wrong.body.includes('error-summary'), 'no form problem of the other space is checked here');
    }
    assert.equal(await state(o.a, ids), before, 'nothing answered in either space');

    // At its own space's address the same answer goes through: the 404 was the address, not the form.
    const there = `/spaces/${o.there}/reassurance`;
    await alex.get(there);
    assert.equal((await alex.post(`${there}/${o.calls.there.b}/answer`, { answer: 'I am here, love.' })).statusCode, 303);
    const after = await state(o.a, ids);
    assert.match(after, new RegExp(`${o.calls.there.b} ${o.a.id} I am here, love\\.`));
    assert.equal(after.split('\n')[0], before.split('\n')[0], 'this space untouched');

    // Answered now, it is still not found at the other address (never "already answered" there).
    await alex.get(here);
    assert.equal((await alex.post(`${here}/${o.calls.there.b}/answer`, { answer: 'again' })).statusCode, 404);
    assert.equal(await state(o.a, ids), after);

    const sam = await pagesAs(app, o.b);
    for (const page of [here, there]) {
      const body = (await sam.get(page)).body;
      assert.ok(!body.includes(CANARY.a), 'Alex’s private words never reach Sam');
      assert.ok(!body.includes('sent to the wrong space'));
    }
    for (const page of [here, there]) assert.ok(!(await alex.get(page)).body.includes(CANARY.b), 'Sam’s private words never reach Alex');
  });

  test('the JSON API, whose address names no space, still answers a call of either space', async () => {
    const { app } = get();
    const o = await twoSpaces(app);
    const res = await o.a.api.post(`/api/v1/reassurance-requests/${o.calls.there.b}/answer`, { text: 'Here, always.' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json(res).reassuranceRequest.note, null, 'Sam’s private note is not in Alex’s answer');
    assert.ok(!res.body.includes(CANARY.b));
  });
});
