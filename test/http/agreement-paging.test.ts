import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { followAll } from '../support/paging.js';
import { AgreementLogStore } from '../../src/features/agreement-log/store.js';
import { AgreementStore, type StoredAgreement } from '../../src/features/agreements/store.js';
import { newId } from '../../src/platform/db/ids.js';

/**
 * The agreements, an agreement's history and the agreement log are read a page at a time
 * (docs/api.md "Lists and paging"): following `next` reaches every item once, newest first, and a
 * page shows no more than the account may see — nothing of another space, no private note.
 */

const START = Date.parse('2024-03-01T00:00:00.000Z');
/** Newest first by the list's key, as the store sorts it (ISO instants and dates sort as text). */
const newestFirst = <T>(items: T[], key: (item: T) => string[]) =>
  [...items].sort((x, y) => {
    const [kx, ky] = [key(x), key(y)];
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! < ky[i]! ? 1 : -1;
    return 0;
  });
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

/**
 * `count` agreements written through the store, three to an instant so the id decides between
 * them; with `link`, a chain of counters, each replacing the one before.
 */
async function manyAgreements(
  app: FastifyInstance,
  spaceId: string,
  by: string,
  count: number,
  text: (i: number) => string,
  link = false,
): Promise<StoredAgreement[]> {
  const store = new AgreementStore(app.mend.store.db, app.mend.vault);
  const made: StoredAgreement[] = [];
  for (let i = 0; i < count; i++) {
    const previous = link ? made[made.length - 1] : undefined;
    const agreement: StoredAgreement = {
      id: newId(),
      spaceId,
      journeyId: null,
      text: text(i),
      cadence: 'daily',
      reviewOn: null,
      committedBy: [by],
      status: 'proposed',
      proposedBy: by,
      // A chain's counters carry instants that step back (a server's clock did): its order is the chain's.
      proposedAt: new Date(START + (link ? -i : Math.floor(i / 3)) * 1000).toISOString(),
      acceptedBy: null,
      acceptedAt: null,
      replaces: previous?.id ?? null,
      replacedBy: null,
      withdrawnAt: null,
      transparency: false,
    };
    await store.insert(agreement);
    made.push(agreement);
  }
  return made;
}

function assertRefusesBadPaging(api: Person['api'], list: string, otherListCursor: string) {
  return (async () => {
    for (const query of ['cursor=not-a-cursor', 'cursor=%25%25', `cursor=${otherListCursor}`, 'limit=0', 'limit=201', 'limit=abc']) {
      const res = await api.get(`${list}?${query}`);
      assert.equal(res.statusCode, 400, `${list}?${query}: ${res.body}`);
      assert.equal(json(res).error.code, 'invalid_input');
    }
  })();
}

describeEachDatabase('agreements and the agreement log are read a page at a time', (get) => {
  test("the agreements of a space: every one once, newest first; another space's never; outsiders get 404", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const other = await couple(app, ['Kim', 'Lou']);
    const theirs = await manyAgreements(app, other.spaceId, other.a.id, 9, (i) => `OtherSpaceAgreement${i}`);
    const made = await manyAgreements(app, spaceId, a.id, 130, (i) => `We keep promise ${i}`);
    const expected = ids(newestFirst(made, (x) => [x.proposedAt, x.id]));

    const list = `/api/v1/spaces/${spaceId}/agreements`;
    const whole = await followAll(a.api, list, 'agreements');
    assert.deepEqual(ids(whole.items), expected, 'every agreement once, newest first, ties broken by id');
    assert.equal(whole.pages, 3, 'pages of 50 when no limit is asked');
    for (const reader of [b, t]) {
      const seen = await followAll(reader.api, `${list}?limit=7`, 'agreements');
      assert.deepEqual(ids(seen.items), expected);
      assert.equal(seen.pages, 19);
      assert.doesNotMatch(seen.bodies, /OtherSpaceAgreement/, 'nothing of another space');
      assert.ok(!theirs.some((x) => seen.bodies.includes(x.id)));
    }
    const first = json(await a.api.get(`${list}?limit=7`));
    assert.match(first.next, /^\/api\/v1\/spaces\/[^/]+\/agreements\?limit=7&cursor=[A-Za-z0-9_-]+$/);

    const stranger = await signUp(app, 'Stranger');
    for (const outsider of [stranger, other.a]) {
      assert.equal((await outsider.api.get(list)).statusCode, 404);
      assert.equal((await outsider.api.get(first.next)).statusCode, 404, 'a cursor opens nothing for an outsider');
    }
    // A cursor of the agreement log (three parts) is not one of this list's.
    await assertRefusesBadPaging(
      a.api,
      list,
      Buffer.from(JSON.stringify(['2024-03-01', '2024-03-01T00:00:00.000Z', 'x'])).toString('base64url'),
    );

    await a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password });
    const exported = json(await a.api.get('/api/v1/me/export'));
    assert.deepEqual(ids(exported.spaces[0].agreements), expected, 'the export holds every agreement');
  });

  test("the agreement log: every occasion once, newest first; a private note only ever in its author's pages", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const agreementId = await acceptedAgreement(a, b, spaceId, 'We say where we are', [a.id, b.id]);
    const other = await couple(app, ['Kim', 'Lou']);
    const otherAgreement = await acceptedAgreement(other.a, other.b, other.spaceId, 'We eat together', [other.a.id]);

    const log = new AgreementLogStore(app.mend.store.db, app.mend.vault);
    const written: Array<{ id: string; occurredOn: string; now: string }> = [];
    for (let i = 0; i < 130; i++) {
      // Four occasions a day, two of them written in the same instant: the id decides between those.
      const occurredOn = new Date(START + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10);
      const now = new Date(START + 40 * 86_400_000 + Math.floor(i / 2) * 1000).toISOString();
      const note =
        i % 10 === 0
          ? { text: `AlexPrivateLogCanary${i}`, visibility: 'private' as const }
          : { text: `shared ${i}`, visibility: 'shared' as const };
      const entry = {
        id: newId(),
        agreementId,
        spaceId,
        occurredOn,
        kept: i % 3 !== 0,
        loggedBy: i % 2 === 0 ? a.id : b.id,
        note: i % 2 === 0 ? note : null,
        now,
      };
      await log.add(entry);
      written.push(entry);
    }
    for (let i = 0; i < 5; i++)
      await log.add({
        id: newId(),
        agreementId: otherAgreement,
        spaceId: other.spaceId,
        occurredOn: '2024-03-05',
        kept: true,
        loggedBy: other.a.id,
        note: { text: `OtherSpaceLog${i}`, visibility: 'shared' },
        now: new Date(START + i).toISOString(),
      });
    const expected = ids(newestFirst(written, (x) => [x.occurredOn, x.now, x.id]));

    const list = `/api/v1/spaces/${spaceId}/agreement-log`;
    const asAlex = await followAll(a.api, `${list}?limit=9`, 'logEntries');
    assert.deepEqual(ids(asAlex.items), expected, 'every occasion once, newest occasion first');
    assert.equal(asAlex.pages, 15);
    assert.match(asAlex.bodies, /AlexPrivateLogCanary0\b/, "the oldest private note is in its author's pages");
    for (const reader of [b, t]) {
      const seen = await followAll(reader.api, list, 'logEntries');
      assert.deepEqual(ids(seen.items), expected);
      assert.doesNotMatch(seen.bodies, /AlexPrivateLogCanary/, 'no private note on any page for the partner or the therapist');
      assert.doesNotMatch(seen.bodies, /OtherSpaceLog/, 'nothing of another space');
    }
    const first = json(await a.api.get(list));
    assert.match(first.next, /^\/api\/v1\/spaces\/[^/]+\/agreement-log\?limit=50&cursor=[A-Za-z0-9_-]+$/);
    const agreementsCursor = Buffer.from(JSON.stringify(['2024-03-01T00:00:00.000Z', 'x'])).toString('base64url');
    await assertRefusesBadPaging(a.api, list, agreementsCursor);

    for (const [who, canary] of [
      [a, true],
      [b, false],
    ] as const) {
      await who.api.post('/api/v1/sessions/current/reauthenticate', { password: who.password });
      const res = await who.api.get('/api/v1/me/export');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(ids(json(res).spaces[0].agreementLog), expected, 'the export holds every occasion');
      assert.equal(/AlexPrivateLogCanary/.test(res.body), canary, 'the export shows a private note to its author only');
    }

    const stranger = await signUp(app, 'Stranger');
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
    for (const outsider of [stranger, other.a, b]) {
      assert.equal((await outsider.api.get(list)).statusCode, 404, "a stranger, another space's partner, a partner who left");
      assert.equal((await outsider.api.get(first.next)).statusCode, 404);
      assert.equal((await outsider.api.get(`/api/v1/spaces/${spaceId}/agreements`)).statusCode, 404);
      assert.equal((await outsider.api.get(`/api/v1/agreements/${agreementId}/history`)).statusCode, 404);
    }
  });

  test("an agreement's history: the detail keeps its shape; /history pages the chain of counters, newest first", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    // A negotiation of seven proposals, countered back and forth, beside an agreement of its own.
    let proposal = json(
      await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: 'Proposal 0', committedBy: [a.id], cadence: 'daily' }),
    ).agreement;
    const chain = [proposal.id as string];
    for (let i = 1; i < 7; i++) {
      const res = await (i % 2 === 1 ? b : a).api.post(`/api/v1/agreements/${proposal.id}/counter`, { text: `Proposal ${i}` });
      assert.equal(res.statusCode, 201, res.body);
      proposal = json(res).agreement;
      chain.push(proposal.id);
    }
    const beside = json(
      await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: 'NotInTheChain', committedBy: [a.id], cadence: 'once' }),
    ).agreement.id as string;
    const last = chain[chain.length - 1]!;

    const detail = json(await b.api.get(`/api/v1/agreements/${last}`));
    assert.equal(detail.agreement.id, last);
    assert.deepEqual(ids(detail.history), chain, 'the detail answers the whole history, oldest first, as before');
    assert.equal(detail.historyNext, null);

    const paged = await followAll(b.api, `/api/v1/agreements/${last}/history?limit=2`, 'history');
    assert.deepEqual(ids(paged.items), [...chain].reverse(), 'the chain, newest first, each once');
    assert.equal(paged.pages, 4);
    assert.doesNotMatch(paged.bodies, /NotInTheChain/);
    const middle = await followAll(a.api, `/api/v1/agreements/${chain[3]}/history`, 'history');
    assert.deepEqual(ids(middle.items), chain.slice(0, 4).reverse(), "a proposal's history is what led to it, not what came after");
    assert.deepEqual(ids((await followAll(a.api, `/api/v1/agreements/${beside}/history`, 'history')).items), [beside]);

    const elsewhere = json(
      await a.api.get(`/api/v1/agreements/${last}/history?cursor=${Buffer.from(JSON.stringify([beside])).toString('base64url')}`),
    );
    assert.deepEqual(elsewhere, { history: [], next: null }, 'a cursor of another chain leads nowhere in this one');

    const stranger = await signUp(app, 'Stranger');
    assert.equal((await stranger.api.get(`/api/v1/agreements/${last}/history`)).statusCode, 404);
    assert.equal((await stranger.api.get(`/api/v1/agreements/${last}`)).statusCode, 404);
    await assertRefusesBadPaging(a.api, `/api/v1/agreements/${last}/history`, Buffer.from('["a","b","c"]').toString('base64url'));

    // A negotiation longer than a page: the detail keeps the newest 200 and links to the rest.
    const long = await manyAgreements(app, spaceId, a.id, 205, (i) => `Long ${i}`, true);
    const newest = long[long.length - 1]!.id;
    const longDetail = json(await a.api.get(`/api/v1/agreements/${newest}`));
    assert.deepEqual(ids(longDetail.history), ids(long.slice(5)), 'the newest 200, oldest first');
    assert.match(longDetail.historyNext, new RegExp(`^/api/v1/agreements/${newest}/history\\?limit=200&cursor=[A-Za-z0-9_-]+$`));
    const rest = await followAll(a.api, longDetail.historyNext, 'history');
    assert.deepEqual(ids(rest.items), ids(long.slice(0, 5)).reverse(), 'the older five follow, newest first');
    const all = await followAll(a.api, `/api/v1/agreements/${newest}/history?limit=200`, 'history');
    assert.deepEqual(ids(all.items), ids(long).reverse());
  });

  test('the OpenAPI document describes each of these lists as paged', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    for (const [path, key] of [
      ['/api/v1/spaces/{spaceId}/agreements', 'agreements'],
      ['/api/v1/agreements/{agreementId}/history', 'history'],
      ['/api/v1/spaces/{spaceId}/agreement-log', 'logEntries'],
    ] as const) {
      const op = doc.paths[path]?.get;
      assert.ok(op, `${path} is documented`);
      const query = (op.parameters as Array<{ in: string; name: string }>)
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
      // The agreement log is also read a month at a time: `month`, and the earlier month to ask for.
      const byMonth = key === 'logEntries';
      assert.deepEqual(query, byMonth ? ['cursor', 'limit', 'month'] : ['cursor', 'limit'], path);
      const body = op.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(body.properties).sort(), (byMonth ? [key, 'next', 'earlierMonth'] : [key, 'next']).sort(), path);
      assert.ok(op.responses['400'], `${path}: a bad cursor is a documented 400`);
    }
    const detail = doc.paths['/api/v1/agreements/{agreementId}'].get.responses['200'].content['application/json'].schema;
    assert.ok(detail.properties.history && detail.properties.historyNext, 'the detail keeps history and links to the rest');
  });
});
