import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import * as sealedPairsOpened from '../../src/platform/db/migrations/0012-sealed-pairs-opened.js';

interface EntryOut {
  id: string;
  authorId: string;
  text?: string;
  sealed?: true;
}

const halves = async (p: Person, journeyId: string): Promise<EntryOut[]> =>
  (json(await p.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<EntryOut & { prompt: string }>).filter(
    (e) => e.prompt === 'what_happened',
  );

async function write(p: Person, journeyId: string, text: string): Promise<string> {
  const res = await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text, visibility: 'sealed' });
  assert.equal(res.statusCode, 201, res.body);
  return json(res).entry.id;
}

/** A couple with a journey (a broke trust) and an active therapist. */
async function journeyWithTherapist(app: FastifyInstance): Promise<{ a: Person; b: Person; t: Person; journeyId: string }> {
  const { a, b, spaceId } = await couple(app);
  const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
  return { a, b, t: await activeTherapist(app, a, b, spaceId), journeyId };
}

describeEachDatabase('a sealed pair that opened stays open', (get) => {
  test('deleting one’s own half does not seal the partner’s again; it shows as removed by its author; writing again is read at once', async () => {
    const { app } = get();
    const { a, b, t, journeyId } = await journeyWithTherapist(app);
    const aHalf = await write(a, journeyId, 'CANARY-A-FIRST');
    assert.deepEqual(
      (await halves(b, journeyId)).map((e) => e.text),
      [undefined],
      'sealed to b before b writes',
    );
    await write(b, journeyId, 'CANARY-B-HALF');
    assert.ok(
      (await halves(a, journeyId)).some((e) => e.text === 'CANARY-B-HALF'),
      'opened for a',
    );

    // a deletes their half: b's half stays open for a, and for the therapist.
    assert.equal((await a.api.delete(`/api/v1/entries/${aHalf}`)).statusCode, 204);
    for (const reader of [a, t]) {
      const seen = await halves(reader, journeyId);
      assert.deepEqual(
        seen.map((e) => [e.authorId, e.text]),
        [[b.id, 'CANARY-B-HALF']],
        'the remaining half is still open',
      );
      assert.ok(!seen.some((e) => e.sealed));
    }
    for (const reader of [a, b, t]) {
      const view = json(await reader.api.get(`/api/v1/journeys/${journeyId}`)).journey;
      assert.deepEqual(
        view.openedPairs.map((o: { prompt: string; removedBy: string[] }) => [o.prompt, o.removedBy]),
        [['what_happened', [a.id]]],
      );
      assert.deepEqual(view.sealedWaiting, []);
    }
    const bPage = await (await pagesAs(app, b)).get(`/journeys/${journeyId}/steps/1`);
    assert.match(bPage.body, /Alex removed their entry after both had opened/);
    assert.ok(!bPage.body.includes('CANARY-A-FIRST'), 'the deleted words are gone');
    const aPage = await (await pagesAs(app, a)).get(`/journeys/${journeyId}/steps/1`);
    assert.ok(aPage.body.includes('CANARY-B-HALF'));
    assert.match(aPage.body, /You removed your entry after both had opened/);
    assert.match(aPage.body, /your partner can read what you save here straight away/);
    assert.doesNotMatch(aPage.body, /stays sealed until you write yours/);
    const tPage = await (await pagesAs(app, t)).get(`/journeys/${journeyId}/steps/1`);
    assert.ok(tPage.body.includes('CANARY-B-HALF'));

    // Writing again does not seal anything: b reads the new half at once, a still reads b's.
    await write(a, journeyId, 'CANARY-A-AGAIN');
    assert.ok((await halves(b, journeyId)).some((e) => e.text === 'CANARY-A-AGAIN'));
    assert.ok((await halves(a, journeyId)).some((e) => e.text === 'CANARY-B-HALF'));
    const after = json(await b.api.get(`/api/v1/journeys/${journeyId}`)).journey.openedPairs;
    assert.deepEqual(
      after.map((o: { removedBy: string[] }) => o.removedBy),
      [[]],
    );
  });

  test('a pair that never opened still seals: a half alone is a stub to the partner and nothing to the therapist', async () => {
    const { app } = get();
    const { a, b, t, journeyId } = await journeyWithTherapist(app);
    const first = await write(a, journeyId, 'CANARY-ALONE');
    assert.equal((await a.api.delete(`/api/v1/entries/${first}`)).statusCode, 204);
    await write(a, journeyId, 'CANARY-ALONE-2');
    const seenByB = await halves(b, journeyId);
    assert.deepEqual(
      seenByB.map((e) => e.sealed),
      [true],
    );
    assert.ok(!JSON.stringify(seenByB).includes('CANARY-ALONE'));
    assert.deepEqual(await halves(t, journeyId), []);
    assert.deepEqual(json(await b.api.get(`/api/v1/journeys/${journeyId}`)).journey.openedPairs, []);
  });

  test('migration 0012 records the pairs already open, and no pair with only one half', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const open = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const half = json(await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'broken_promise', brokeTrust: [b.id] })).journey.id;
    await write(a, open, 'OPEN-A');
    await write(b, open, 'OPEN-B');
    await write(b, half, 'HALF-B');
    // As a database from before the migration: no record, then the migration runs on its data.
    const db = app.mend.store.db;
    const migrating = db as unknown as Kysely<unknown>;
    await sealedPairsOpened.down(migrating);
    await sealedPairsOpened.up(migrating);
    const rows = await db
      .selectFrom('sealed_pair_openings')
      .select(['journey_id', 'prompt', 'first_author_id', 'second_author_id'])
      .execute();
    assert.deepEqual(
      rows.filter((r) => r.journey_id === open || r.journey_id === half),
      [{ journey_id: open, prompt: 'what_happened', first_author_id: a.id, second_author_id: b.id }],
    );
  });
});
