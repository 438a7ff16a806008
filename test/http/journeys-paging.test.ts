import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { followAll } from '../support/paging.js';
import { EntryStore, type Entry } from '../../src/features/journey/entries-store.js';
import { ApologyStore, type Apology } from '../../src/features/journey/apologies-store.js';
import { newId } from '../../src/platform/db/ids.js';
import type { PromptKey } from '../../src/core/journey/index.js';
import type { Visibility } from '../../src/core/visibility/index.js';

const START = Date.parse('2024-01-01T00:00:00.000Z');

/** Newest first, ties broken by id: the order every paged list promises. */
const newestFirst = (x: { createdAt: string; id: string }, y: { createdAt: string; id: string }) =>
  x.createdAt !== y.createdAt ? (x.createdAt < y.createdAt ? 1 : -1) : x.id < y.id ? 1 : -1;

async function breach(person: Person, spaceId: string, brokeTrust: string): Promise<string> {
  const res = await person.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [brokeTrust] });
  assert.equal(res.statusCode, 201, res.body);
  return json(res).journey.id as string;
}

/**
 * 130 entries written straight through the store, two to each millisecond (so the id decides
 * their order), every fifth private; then an opened sealed pair and Sam's unopened sealed half.
 */
async function manyEntries(app: FastifyInstance, journeyId: string, alex: string, sam: string): Promise<Entry[]> {
  const written: Entry[] = [];
  const entry = (i: number, authorId: string, prompt: PromptKey, visibility: Visibility, text: string): Entry => {
    const at = new Date(START + Math.floor(i / 2)).toISOString();
    return { id: newId(), journeyId, prompt, authorId, visibility, text, replyTo: null, createdAt: at, updatedAt: at };
  };
  for (let i = 0; i < 130; i++) {
    const authorId = i % 2 === 0 ? alex : sam;
    const who = authorId === alex ? 'Alex' : 'Sam';
    written.push(
      entry(i, authorId, 'why_im_doing_this', i % 5 === 0 ? 'private' : 'shared', i % 5 === 0 ? `${who}PrivateCanary${i}.` : `shared ${i}`),
    );
  }
  written.push(
    entry(200, alex, 'what_happened', 'sealed', 'Alex opened half'),
    entry(201, sam, 'what_happened', 'sealed', 'Sam opened half'),
  );
  written.push(entry(202, sam, 'trust_looks_like', 'sealed', 'SamSealedCanary.'));
  const { store, vault } = app.mend;
  await store.db.transaction().execute(async (trx) => {
    const entries = new EntryStore(trx, vault);
    for (const e of written) assert.ok(await entries.insert(e));
  });
  return written;
}

describeEachDatabase('journey lists are read a page at a time, to the end', (get) => {
  test('entries: every visible one exactly once, newest first; a partner’s private entry on no page; an unopened half a stub', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const journeyId = await breach(a, spaceId, b.id);
    const written = await manyEntries(app, journeyId, a.id, b.id);
    const list = `/api/v1/journeys/${journeyId}/entries`;

    const expected = {
      // Each partner: their own, the other's shared, and the other's sealed halves (full once opened, else a stub).
      alex: written.filter((e) => e.authorId === a.id || e.visibility !== 'private'),
      sam: written.filter((e) => e.authorId === b.id || e.visibility !== 'private'),
      // The therapist: shared entries and the pair that opened; nothing private, no unopened half.
      therapist: written.filter((e) => e.visibility === 'shared' || e.prompt === 'what_happened'),
    };
    for (const [who, person, limit] of [
      ['alex', a, 7],
      ['sam', b, 50],
      ['therapist', t, 200],
    ] as const) {
      const seen = await followAll(person.api, `${list}?limit=${limit}`, 'entries');
      const want = [...expected[who]].sort(newestFirst).map((e) => e.id);
      assert.deepEqual(
        seen.items.map((e) => e.id),
        want,
        `${who}: every visible entry once, newest first`,
      );
      assert.equal(seen.pages, Math.max(1, Math.ceil(want.length / limit)), `${who}: full pages; hidden entries took no place`);
    }

    const asAlex = await followAll(a.api, `${list}?limit=7`, 'entries');
    assert.doesNotMatch(asAlex.bodies, /SamPrivateCanary|SamSealedCanary/, 'Sam’s private words and unopened half reach no page of Alex’s');
    assert.match(asAlex.bodies, /AlexPrivateCanary0\./, 'Alex’s own private entry, the oldest, is on Alex’s last page');
    assert.match(asAlex.bodies, /Sam opened half/);
    const stub = asAlex.items.find((e) => e.id === written.at(-1)!.id) as Record<string, unknown> | undefined;
    assert.deepEqual(
      stub && { sealed: stub.sealed, text: stub.text },
      { sealed: true, text: undefined },
      'Sam’s unopened half is a stub for Alex',
    );
    const asSam = await followAll(b.api, list, 'entries');
    assert.doesNotMatch(asSam.bodies, /AlexPrivateCanary/);
    assert.equal(asSam.pages, 3, 'pages of 50 when no limit is asked');
    const asTherapist = await followAll(t.api, `${list}?limit=9`, 'entries');
    assert.doesNotMatch(asTherapist.bodies, /PrivateCanary|SamSealedCanary|"sealed":true/);

    const first = json(await a.api.get(`${list}?limit=7`));
    assert.equal(first.entries.length, 7);
    assert.match(first.next, /^\/api\/v1\/journeys\/[^/]+\/entries\?limit=7&cursor=[A-Za-z0-9_-]+$/);

    // The export reads the whole journey, past any page size, through the same rules.
    await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password });
    const res = await a.api.get('/api/v1/me/export');
    assert.equal(res.statusCode, 200);
    const exported = json(res).spaces[0].journeys[0].entries as Array<{ id: string }>;
    assert.deepEqual(new Set(exported.map((e) => e.id)), new Set(expected.alex.map((e) => e.id)));
    assert.doesNotMatch(res.body, /SamPrivateCanary|SamSealedCanary/);
  });

  test('journeys: all reachable by following next, newest first', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await breach(i % 2 ? a : b, spaceId, i % 2 ? b.id : a.id));
    const list = `/api/v1/spaces/${spaceId}/journeys`;
    for (const person of [a, b]) {
      const seen = await followAll(person.api, `${list}?limit=5`, 'journeys');
      assert.equal(seen.pages, 3);
      assert.deepEqual(new Set(seen.items.map((j) => j.id)), new Set(ids));
      const order = (seen.items as Array<{ id: string; openedAt: string }>).map((j) => ({ id: j.id, createdAt: j.openedAt }));
      assert.deepEqual(order, [...order].sort(newestFirst), 'newest first');
    }
    const whole = json(await a.api.get(list));
    assert.equal(whole.journeys.length, 12);
    assert.equal(whole.next, null, 'the last page says so');
    const stranger = (await couple(app, ['Kim', 'Lou'])).a;
    assert.equal((await stranger.api.get(`${list}?limit=5`)).statusCode, 404, 'another couple’s journeys are not found, on any page');
  });

  test('apologies: delivered ones page for both; a draft is its author’s alone and takes no place on another’s page', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const journeyId = await breach(a, spaceId, b.id);
    const written: Apology[] = [];
    for (let i = 0; i < 26; i++) {
      const at = new Date(START + Math.floor(i / 2)).toISOString();
      const draft = i % 9 === 4;
      written.push({
        id: newId(),
        journeyId,
        authorId: b.id,
        text: draft ? `SamDraftCanary${i}.` : `sorry ${i}`,
        parts: null,
        createdAt: at,
        deliveredAt: draft ? null : at,
      });
    }
    const { store, vault } = app.mend;
    await store.db.transaction().execute(async (trx) => {
      const apologies = new ApologyStore(trx, vault);
      for (const apology of written) await apologies.insert(apology);
    });
    const answered = written[0]!;
    const answer = await a.api.post(`/api/v1/apologies/${answered.id}/responses`, { received: true, sincere: true });
    assert.equal(answer.statusCode, 201, answer.body);

    const list = `/api/v1/journeys/${journeyId}/apologies`;
    const delivered = written
      .filter((x) => x.deliveredAt !== null)
      .sort(newestFirst)
      .map((x) => x.id);
    for (const person of [a, t]) {
      const seen = await followAll(person.api, `${list}?limit=4`, 'apologies');
      assert.deepEqual(
        seen.items.map((x) => x.id),
        delivered,
      );
      assert.equal(seen.pages, Math.ceil(delivered.length / 4), 'drafts took no place on a page');
      assert.doesNotMatch(seen.bodies, /SamDraftCanary/);
    }
    const asSam = await followAll(b.api, `${list}?limit=4`, 'apologies');
    assert.deepEqual(
      asSam.items.map((x) => x.id),
      [...written].sort(newestFirst).map((x) => x.id),
      'the author sees their drafts too',
    );
    const withAnswer = asSam.items.find((x) => x.id === answered.id) as { responses: Array<{ by: string; sincere: boolean }> } | undefined;
    assert.deepEqual(
      withAnswer?.responses.map((r) => [r.by, r.sincere]),
      [[a.id, true]],
      'an apology on a later page keeps its answer',
    );
  });

  test('a cursor or limit Mend did not make is a 400 invalid_input on every journey list', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const journeyId = await breach(a, spaceId, b.id);
    const lists = [
      `/api/v1/spaces/${spaceId}/journeys`,
      `/api/v1/journeys/${journeyId}/entries`,
      `/api/v1/journeys/${journeyId}/apologies`,
    ];
    for (const list of lists) {
      for (const query of [
        'cursor=not-a-cursor',
        `cursor=${Buffer.from('["x"]').toString('base64url')}`,
        'limit=0',
        'limit=201',
        'limit=abc',
      ]) {
        const res = await a.api.get(`${list}?${query}`);
        assert.equal(res.statusCode, 400, `${list}?${query}: ${res.body}`);
        assert.equal(json(res).error.code, 'invalid_input');
      }
      const res = await a.api.get(`${list}?limit=200`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(json(res).next, null);
    }
  });

  test('the OpenAPI document shows the cursor, the limit and next on the journey lists', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    for (const [path, key] of [
      ['/api/v1/spaces/{spaceId}/journeys', 'journeys'],
      ['/api/v1/journeys/{journeyId}/entries', 'entries'],
      ['/api/v1/journeys/{journeyId}/apologies', 'apologies'],
    ] as const) {
      const get = doc.paths[path].get;
      const query = (get.parameters as Array<{ in: string; name: string }>)
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
      assert.deepEqual(query, ['cursor', 'limit'], path);
      const schema = get.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(schema.properties).sort(), [key, 'next'].sort(), path);
      assert.ok(get.responses['400'], `${path} documents the 400`);
    }
  });
});
