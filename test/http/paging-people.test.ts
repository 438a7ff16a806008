import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { followAll } from '../support/paging.js';
import { SessionStore } from '../../src/features/accounts/sessions-store.js';
import { newId, sha256 } from '../../src/platform/db/ids.js';

/** Sessions, a space's therapists and a therapist's caseload page like every other list (docs/api.md). */

type Keyed = { key: string; id: string };
/** The order every paged list promises: newest first by its time, then by id, both descending. */
const newestFirst = (rows: Keyed[]): string[] =>
  [...rows].sort((x, y) => (x.key === y.key ? (x.id < y.id ? 1 : -1) : x.key < y.key ? 1 : -1)).map((r) => r.id);

async function rows(app: FastifyInstance, query: ReturnType<typeof sql<Keyed>>): Promise<Keyed[]> {
  return (await query.execute(app.mend.store.db)).rows;
}

async function accessLogRows(app: FastifyInstance, spaceId: string): Promise<Array<{ what: string }>> {
  return (await sql<{ what: string }>`select what from therapist_access_log where space_id = ${spaceId}`.execute(app.mend.store.db)).rows;
}

/** `t` invited to the couple's space; consented to by both partners when `consent`. */
async function join(t: Person, a: Person, b: Person, spaceId: string, consent: boolean): Promise<void> {
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  if (consent)
    for (const p of [a, b])
      assert.ok((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode < 300);
}

async function refusesBadPaging(api: Person['api'], list: string): Promise<void> {
  for (const query of [
    'cursor=not-a-cursor',
    `cursor=${Buffer.from('["x"]').toString('base64url')}`,
    `cursor=${Buffer.from('["x","y","z"]').toString('base64url')}`,
    'limit=0',
    'limit=201',
    'limit=abc',
  ]) {
    const res = await api.get(`${list}?${query}`);
    assert.equal(res.statusCode, 400, `${list}?${query}: ${res.body}`);
    assert.equal(json(res).error.code, 'invalid_input');
  }
}

describeEachDatabase('sessions, therapists and the caseload are read a page at a time', (get) => {
  test("your sessions: every one once, newest first, through next; nobody else's", async () => {
    const { app } = get();
    const robin = await signUp(app, 'Robin');
    const other = await signUp(app, 'Kit');
    for (let i = 0; i < 2; i++)
      assert.equal((await other.api.post('/api/v1/sessions', { email: other.email, password: other.password })).statusCode, 201);
    const sessions = new SessionStore(app.mend.store.db);
    const start = Date.parse('2024-01-01T00:00:00.000Z');
    // 60 sessions a second apart, and three begun in the same millisecond (their ids decide).
    const began = [
      ...Array.from({ length: 60 }, (_, i) => new Date(start + i * 1000).toISOString()),
      ...Array(3).fill('2024-06-01T00:00:00.000Z'),
    ];
    for (const createdAt of began) {
      await sessions.insert({
        id: newId(),
        accountId: robin.id,
        kind: 'bearer',
        createdAt,
        lastSeenAt: createdAt,
        expiresAt: '2999-01-01T00:00:00.000Z',
        tokenHash: sha256(newId()),
      });
    }
    const expected = newestFirst(await rows(app, sql<Keyed>`select created_at as key, id from sessions where account_id = ${robin.id}`));
    assert.equal(expected.length, 64);

    const walked = await followAll(robin.api, '/api/v1/sessions?limit=7', 'sessions');
    assert.deepEqual(
      walked.items.map((s) => s.id),
      expected,
      'every session once, newest first',
    );
    assert.equal(walked.pages, 10);
    const current = (walked.items as Array<{ id: string; current: boolean }>).filter((s) => s.current);
    assert.equal(current.length, 1, 'the session asking is marked, wherever it falls');
    assert.equal(current[0]!.id, expected[0], 'it began last');

    const others = (await rows(app, sql<Keyed>`select created_at as key, id from sessions where account_id = ${other.id}`)).map(
      (r) => r.id,
    );
    assert.equal(others.length, 3);
    for (const id of others) assert.ok(!walked.bodies.includes(id), "another account's session never appears");
    const theirs = await followAll(other.api, '/api/v1/sessions?limit=2', 'sessions');
    assert.deepEqual(new Set(theirs.items.map((s) => s.id)), new Set(others));

    const first = json(await robin.api.get('/api/v1/sessions'));
    assert.equal(first.sessions.length, 50);
    assert.match(first.next, /^\/api\/v1\/sessions\?limit=50&cursor=[A-Za-z0-9_-]+$/);
    // Robin's cursor holds only a time and an id: in Kit's hands it reads Kit's sessions, never Robin's.
    const borrowed = json(await other.api.get(first.next));
    for (const s of borrowed.sessions) assert.ok(others.includes(s.id));
    await refusesBadPaging(robin.api, '/api/v1/sessions');
  });

  test("a space's therapists: pending and active, newest first, page by page; a revoked one and another space's never", async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const elsewhere = await couple(app, ['Noor', 'Jo']);
    const outsider = await activeTherapist(app, elsewhere.a, elsewhere.b, elsewhere.spaceId, 'Dr Outside');
    const names = ['Dr One', 'Dr Two', 'Dr Three', 'Dr Four', 'Dr Five', 'Dr Six', 'Dr Seven'];
    const therapists: Person[] = [];
    for (const [i, name] of names.entries()) {
      const t = await signUp(app, name);
      await join(t, a, b, spaceId, i % 2 === 0);
      therapists.push(t);
    }
    const ended = therapists[3]!;
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${ended.id}`)).statusCode, 204);

    const expected = newestFirst(
      await rows(
        app,
        sql<Keyed>`select joined_at as key, account_id as id from space_members where space_id = ${spaceId} and role = 'therapist' and status <> 'revoked'`,
      ),
    );
    assert.equal(expected.length, 6);
    const list = `/api/v1/spaces/${spaceId}/therapists`;
    for (const partner of [a, b]) {
      const walked = await followAll(partner.api, `${list}?limit=4`, 'therapists');
      const items = walked.items as unknown as Array<{ accountId: string; displayName: string; status: string; consentedBy: string[] }>;
      assert.deepEqual(
        items.map((t) => t.accountId),
        expected,
        'every therapist once, newest first',
      );
      assert.equal(walked.pages, 2);
      for (const t of items) {
        const consented = therapists.indexOf(therapists.find((x) => x.id === t.accountId)!) % 2 === 0;
        assert.equal(t.status, consented ? 'active' : 'pending');
        assert.deepEqual([...t.consentedBy].sort(), consented ? [a.id, b.id].sort() : []);
      }
      assert.ok(!walked.bodies.includes(ended.id), 'a therapist whose access ended is not listed');
      assert.ok(!walked.bodies.includes(outsider.id) && !walked.bodies.includes('Dr Outside'), "another space's therapist never appears");
    }
    const theirs = json(await elsewhere.a.api.get(`/api/v1/spaces/${elsewhere.spaceId}/therapists?limit=50`));
    assert.deepEqual(
      theirs.therapists.map((t: { accountId: string }) => t.accountId),
      [outsider.id],
    );
    assert.equal(theirs.next, null);

    assert.equal((await therapists[0]!.api.get(list)).statusCode, 403, 'therapists do not list each other');
    assert.equal((await elsewhere.a.api.get(list)).statusCode, 404, "another couple cannot read this space's therapists");
    const first = json(await a.api.get(`${list}?limit=4`));
    assert.equal((await elsewhere.a.api.get(first.next)).statusCode, 404, 'nor with a cursor from it');
    await refusesBadPaging(a.api, list);
  });

  test("a therapist's caseload: page by page, each couple once; only the couples on a page are read and logged", async () => {
    const { app } = get();
    const t = await signUp(app, 'Dr Lee');
    const couples: Array<{ a: Person; b: Person; spaceId: string; active: boolean }> = [];
    for (let i = 0; i < 5; i++) {
      const c = await couple(app, [`Partner${i}A`, `Partner${i}B`]);
      const active = i !== 1 && i !== 3;
      await join(t, c.a, c.b, c.spaceId, active);
      couples.push({ ...c, active });
    }
    const ended = await couple(app, ['Ended A', 'Ended B']);
    await join(t, ended.a, ended.b, ended.spaceId, true);
    assert.equal((await ended.b.api.delete(`/api/v1/spaces/${ended.spaceId}/therapists/${t.id}`)).statusCode, 204);
    const otherCouple = await couple(app, ['Other A', 'Other B']);
    await activeTherapist(app, otherCouple.a, otherCouple.b, otherCouple.spaceId, 'Dr Else');

    const expected = newestFirst(
      await rows(
        app,
        sql<Keyed>`select joined_at as key, space_id as id from space_members where account_id = ${t.id} and role = 'therapist' and status <> 'revoked'`,
      ),
    );
    assert.equal(expected.length, 5);
    const all = [...couples, ended, otherCouple];
    const logged = async (): Promise<number[]> =>
      Promise.all(all.map(async (c) => (await accessLogRows(app, c.spaceId)).filter((r) => r.what === '/api/v1/me/caseload').length));
    assert.deepEqual(await logged(), [0, 0, 0, 0, 0, 0, 0]);

    const first = json(await t.api.get('/api/v1/me/caseload?limit=2'));
    const onFirst = first.spaces.map((s: { spaceId: string }) => s.spaceId);
    assert.deepEqual(onFirst, expected.slice(0, 2));
    assert.deepEqual(
      await logged(),
      all.map((c) => (onFirst.includes(c.spaceId) && 'active' in c && c.active ? 1 : 0)),
      'the first page wrote a log line for each active couple on it, and for no other',
    );

    const rest = await followAll(t.api, first.next, 'spaces');
    const items = [...first.spaces, ...rest.items] as Array<{ spaceId: string; spaceName: string; status: string; partnerNames: string[] }>;
    assert.deepEqual(
      items.map((s) => s.spaceId),
      expected,
      'every couple once, newest first',
    );
    assert.equal(rest.pages, 2);
    for (const [i, c] of couples.entries()) {
      const item = items.find((s) => s.spaceId === c.spaceId)!;
      assert.equal(item.status, c.active ? 'active' : 'pending');
      assert.deepEqual([...item.partnerNames].sort(), c.active ? [`Partner${i}A`, `Partner${i}B`] : [], 'names only once both consented');
    }
    assert.deepEqual(
      await logged(),
      [...couples.map((c) => (c.active ? 1 : 0)), 0, 0],
      'each active couple logged once for the walk; the ended and the other couple never',
    );
    const bodies = JSON.stringify(first) + rest.bodies;
    for (const words of ['Ended A', 'Other A', ended.spaceId, otherCouple.spaceId])
      assert.ok(!bodies.includes(words), `${words} is not in the caseload`);

    const partner = json(await couples[0]!.a.api.get('/api/v1/me/caseload'));
    assert.deepEqual(partner, { spaces: [], next: null }, 'a partner has no caseload');
    await refusesBadPaging(t.api, '/api/v1/me/caseload');
    assert.deepEqual((await logged()).slice(-2), [0, 0]);
  });
});
