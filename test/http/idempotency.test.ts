import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { localDate } from '../../src/core/time.js';
import { fixedClock } from '../../src/platform/clock.js';
import { KEY_IGNORED_ON } from '../../src/platform/http/plugins/idempotency.js';
import { expiryOf, requestFingerprintInput } from '../../src/core/idempotency/idempotency.js';
import { IdempotencyKeyStore } from '../../src/platform/http/idempotency-keys-store.js';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * A POST sent again with the same Idempotency-Key is saved once and answered as the first time
 * (issue #16 item 5, docs/idempotency.md): on every kind of write, across two servers, never
 * across two accounts, and never with the first answer readable in the database or the log.
 */

const CANARY = 'IDEM-CANARY-7f3a';
const today = () => localDate(new Date(), 'UTC');
const quoted = (key: string) => `"${key}"`;

const lines: string[] = [];
const logStream = { write: (line: string) => void lines.push(line) };

function withKey(person: Person | ApiClient, url: string, body: unknown, key: string, app?: FastifyInstance): Promise<Response> {
  const client = person instanceof ApiClient ? person : person.api;
  const on = app ? new ApiClient(app, client.token) : client;
  return on.request('POST', url, body, { 'idempotency-key': quoted(key) });
}

async function count(app: FastifyInstance, table: string, column: string, value: string): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(app.mend.store.db);
  return Number(rows[0]!.n);
}

/** Sends `body` twice under one key and checks the second answer is the first, given again. */
async function sentTwice(person: Person, url: string, body: unknown): Promise<Response> {
  const key = randomUUID();
  const first = await withKey(person, url, body, key);
  assert.ok(first.statusCode >= 200 && first.statusCode < 300, `${url}: ${first.statusCode} ${first.body}`);
  const second = await withKey(person, url, body, key);
  assert.equal(second.statusCode, first.statusCode, url);
  assert.equal(second.body, first.body, `${url}: the same body`);
  assert.equal(second.headers.location, first.headers.location, `${url}: the same Location`);
  assert.equal(second.headers['idempotent-replayed'], 'true');
  assert.equal(first.headers['idempotent-replayed'], undefined);
  return first;
}

describeEachDatabase(
  'Idempotency-Key',
  (get) => {
    test('each kind of write sent twice with one key is saved once and answered the same', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      await sentTwice(b, `/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: `${CANARY} call me`, visibility: 'private' } });
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 1);

      await sentTwice(a, `/api/v1/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: 'thank you' });
      assert.equal(await count(app, 'meetings', 'space_id', spaceId), 1);

      const agreement = json(
        await sentTwice(a, `/api/v1/spaces/${spaceId}/agreements`, { text: 'We text at lunch.', committedBy: [a.id], cadence: 'daily' }),
      ).agreement;
      assert.equal(await count(app, 'agreements', 'space_id', spaceId), 1);
      await sentTwice(b, `/api/v1/agreements/${agreement.id}/accept`, {});

      const journeyId = json(await sentTwice(b, `/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
        .id as string;
      assert.equal(await count(app, 'breaches', 'space_id', spaceId), 1);
      assert.equal(await count(app, 'journeys', 'space_id', spaceId), 1);

      await sentTwice(a, `/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'what_happened',
        text: `${CANARY} my side`,
        visibility: 'sealed',
      });
      assert.equal(await count(app, 'journey_entries', 'journey_id', journeyId), 1);
    });

    test('the same key with another body is refused with 422 and writes nothing', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const url = `/api/v1/spaces/${spaceId}/reassurance-requests`;
      const key = randomUUID();
      assert.equal((await withKey(b, url, { note: { text: 'first', visibility: 'shared' } }, key)).statusCode, 201);
      const other = await withKey(b, url, { note: { text: 'second', visibility: 'shared' } }, key);
      assert.equal(other.statusCode, 422, other.body);
      assert.equal(json(other).error.code, 'idempotency_key_reused');
      // The same key on another address is another request too.
      assert.equal(
        (await withKey(b, `/api/v1/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: 'thanks' }, key)).statusCode,
        422,
      );
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 1);
      assert.equal(await count(app, 'meetings', 'space_id', spaceId), 0);
    });

    test('a request refused before writing (400) lets its key go; the corrected one with that key is saved', async () => {
      const { app } = get();
      const { a, spaceId } = await couple(app);
      const url = `/api/v1/spaces/${spaceId}/meetings`;
      const key = randomUUID();
      assert.equal((await withKey(a, url, { heldOn: 'not a day' }, key)).statusCode, 400);
      assert.equal((await withKey(a, url, { heldOn: today(), appreciations: 'thanks' }, key)).statusCode, 201);
      assert.equal(await count(app, 'meetings', 'space_id', spaceId), 1);
    });

    test('concurrent duplicates write once: one is answered 201, the rest the same 201 or 409 while it is saved', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const key = randomUUID();
      const body = { note: { text: 'at the same time', visibility: 'shared' } };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => withKey(b, `/api/v1/spaces/${spaceId}/reassurance-requests`, body, key)),
      );
      const statuses = answers.map((r) => r.statusCode);
      assert.ok(
        statuses.every((s) => s === 201 || s === 409),
        statuses.join(','),
      );
      assert.equal(
        answers.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined).length,
        1,
        statuses.join(','),
      );
      for (const busy of answers.filter((r) => r.statusCode === 409)) assert.equal(json(busy).error.code, 'idempotency_key_in_use');
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 1);
      const after = await withKey(b, `/api/v1/spaces/${spaceId}/reassurance-requests`, body, key);
      assert.equal(after.statusCode, 201);
      assert.equal(after.body, answers.find((r) => r.statusCode === 201)!.body);
    });

    test('two app servers on one database share the keys, in turn and at once', async () => {
      const { app } = get();
      const other = await buildApp(get().config, { logStream });
      await other.ready();
      try {
        const { b, spaceId } = await couple(app);
        const url = `/api/v1/spaces/${spaceId}/reassurance-requests`;
        const key = randomUUID();
        const body = { note: { text: 'on server one', visibility: 'shared' } };
        const first = await withKey(b, url, body, key);
        const again = await withKey(b, url, body, key, other);
        assert.equal(again.statusCode, 201);
        assert.equal(again.body, first.body);
        assert.equal(again.headers['idempotent-replayed'], 'true');

        const both = randomUUID();
        const race = await Promise.all(
          [app, other, app, other].map((server) => withKey(b, url, { note: { text: 'raced', visibility: 'shared' } }, both, server)),
        );
        assert.ok(
          race.every((r) => r.statusCode === 201 || r.statusCode === 409),
          race.map((r) => r.statusCode).join(','),
        );
        assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 2);
      } finally {
        await other.close();
      }
    });

    test("another account's same key is its own: both are saved, and neither is given the other's answer", async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      const url = `/api/v1/spaces/${spaceId}/reassurance-requests`;
      const key = randomUUID();
      const asked = await withKey(b, url, { note: { text: `${CANARY} Sam's private call`, visibility: 'private' } }, key);
      assert.equal(asked.statusCode, 201);
      const same = await withKey(a, url, { note: { text: `${CANARY} Sam's private call`, visibility: 'private' } }, key);
      assert.equal(same.statusCode, 201, same.body);
      assert.equal(same.headers['idempotent-replayed'], undefined);
      assert.notEqual(json(same).reassuranceRequest.id, json(asked).reassuranceRequest.id);
      const outsider = await signUp(app, 'Kim');
      const notHers = await withKey(outsider, url, { note: { text: 'x', visibility: 'shared' } }, key);
      assert.equal(notHers.statusCode, 404, notHers.body);
      assert.ok(!notHers.body.includes(CANARY));
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 2);
    });

    test('the first answer is sealed in the database and never logged; the key is not stored', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const key = `key-${randomUUID()}`;
      const res = await withKey(
        b,
        `/api/v1/spaces/${spaceId}/reassurance-requests`,
        { note: { text: `${CANARY} sealed at rest`, visibility: 'private' } },
        key,
      );
      assert.ok(res.body.includes(CANARY));
      const { rows } = await sql<Record<string, unknown>>`select * from idempotency_keys where account_id = ${b.id}`.execute(
        app.mend.store.db,
      );
      assert.equal(rows.length, 1);
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(CANARY) && !stored.includes(key), 'neither the answer nor the key in clear');
      // Only ever given to its own account: sealed under that person's own key (issue #23).
      assert.match(String(rows[0]!.answer_enc), /^p1\./);
      const logged = lines.join('');
      assert.ok(!logged.includes(CANARY) && !logged.includes(key));
    });

    test('a key that is not a short printable string is refused with 400 naming the header', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const res = await b.api.request(
        'POST',
        `/api/v1/spaces/${spaceId}/reassurance-requests`,
        { note: null },
        { 'idempotency-key': `"${'k'.repeat(300)}"` },
      );
      assert.equal(res.statusCode, 400);
      assert.ok(json(res).error.details['Idempotency-Key']);
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 0);
    });

    test('a page form sent twice (its hidden key, as Back and send again does) is saved once and redirected the same', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const sam = await pagesAs(app, b);
      const form = await sam.get(`/spaces/${spaceId}/reassurance`);
      const key = /name="_idempotency" value="([^"]+)"/.exec(form.body)?.[1];
      assert.ok(key, 'the form carries a key');
      const fields = { _idempotency: key, note: `${CANARY} from the page`, visibility: 'private' };
      const first = await sam.post(`/spaces/${spaceId}/reassurance`, fields);
      const second = await sam.post(`/spaces/${spaceId}/reassurance`, fields);
      assert.equal(first.statusCode, 303, first.body);
      assert.equal(second.statusCode, 303);
      assert.equal(second.headers.location, first.headers.location);
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 1);
      // A new render is a new key: the person asking again on purpose is heard.
      const next = await sam.get(`/spaces/${spaceId}/reassurance`);
      assert.notEqual(/name="_idempotency" value="([^"]+)"/.exec(next.body)?.[1], key);
    });

    test('a page drawn in answer to a form is not kept: sent again, the person is sent to read the page afresh', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      // Alex shares his numbers now; the page Sam is answered with shows them.
      await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 7, trust: 7, closeness: 7, numbersShared: true });
      const sam = await pagesAs(app, b);
      const url = `/spaces/${spaceId}/check-in`;
      const key = /name="_idempotency" value="([^"]+)"/.exec((await sam.get(url)).body)![1]!;
      const fields = {
        _idempotency: key,
        date: today(),
        safety: '5',
        trust: '5',
        closeness: '5',
        numbers: 'private',
        note: 'You never listen and you always ruin everything.',
        visibility: 'private',
      };
      const first = await sam.post(url, fields);
      assert.equal(first.statusCode, 200, 'saved, and answered with the page and the coach’s words');
      assert.match(first.body, /trust 7/);
      // Alex keeps his numbers to himself from now on: nothing kept may show them again.
      await a.api.put('/api/v1/me/checkin-numbers', { numbersShared: false });
      const second = await sam.post(url, fields);
      assert.equal(second.statusCode, 303);
      assert.equal(second.headers.location, url);
      assert.doesNotMatch((await sam.get(url)).body, /trust 7/);
    });

    test('the safety screening is never keyed: nothing of it is kept', async () => {
      const { app } = get();
      const { b } = await couple(app);
      const sam = await pagesAs(app, b);
      const key = /name="_idempotency" value="([^"]+)"/.exec((await sam.get('/safety')).body)?.[1];
      assert.ok(key, 'the form carries a key like every form');
      const before = await count(app, 'idempotency_keys', 'account_id', b.id);
      const ids = [
        'physical_harm',
        'sexual_pressure',
        'threatened',
        'afraid',
        'screamed_at',
        'put_down',
        'money_control',
        'phone_control',
        'isolation',
      ];
      const answered = await sam.post('/safety', { _idempotency: key, ...Object.fromEntries(ids.map((id) => [id, 'never'])) });
      assert.equal(answered.statusCode, 200, 'answered with the result page, which a kept key would have stored');
      assert.equal(await count(app, 'idempotency_keys', 'account_id', b.id), before);
    });
  },
  { logStream, env: { LOG_LEVEL: 'info' } },
);

const clock = fixedClock(new Date());
describeEachDatabase(
  'Idempotency-Key kept for a day',
  (get) => {
    test('within the day the first answer is given again; after it the key is forgotten and its row removed', async () => {
      const { app } = get();
      const { b, spaceId } = await couple(app);
      const url = `/api/v1/spaces/${spaceId}/reassurance-requests`;
      const body = { note: { text: 'a day', visibility: 'shared' } };
      const key = randomUUID();
      assert.equal((await withKey(b, url, body, key)).statusCode, 201);
      assert.equal((await withKey(b, url, { note: null }, randomUUID())).statusCode, 201);
      clock.advance(23 * 60 * 60 * 1000);
      assert.equal((await withKey(b, url, body, key)).headers['idempotent-replayed'], 'true');
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 2);

      clock.advance(2 * 60 * 60 * 1000);
      const later = await withKey(b, url, body, key);
      assert.equal(later.statusCode, 201);
      assert.equal(later.headers['idempotent-replayed'], undefined, 'a new request after the key expired');
      assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 3);
      // The other expired key went with the sweep: only the claim just made is left.
      assert.equal(await count(app, 'idempotency_keys', 'account_id', b.id), 1);
    });
  },
  { clock },
);

describeEachDatabase('Idempotency-Key in the OpenAPI document', (get) => {
  test('every signed-in POST documents the header, its 409 and its 422; the ones that ignore it do not', async () => {
    const doc = json(await get().app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const posts = Object.entries(doc.paths as Record<string, { post?: any }>).filter(([, ops]) => ops.post);
    assert.ok(posts.length >= 30);
    let documented = 0;
    for (const [path, { post }] of posts) {
      const header = (post.parameters ?? []).find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'Idempotency-Key');
      const ignored = KEY_IGNORED_ON.has(path.replace(/\{(\w+)\}/g, ':$1')) || !post.security;
      if (ignored) {
        assert.equal(header, undefined, path);
        continue;
      }
      documented += 1;
      assert.ok(header && header.required !== true, `${path}: the optional header`);
      assert.ok(post.responses['422'] && post.responses['409'], `${path}: 409 and 422`);
    }
    assert.ok(documented >= 20, `${documented} POSTs honour the key`);
    assert.match(JSON.stringify(doc), /Idempotency-Key/);
  });
});

describeEachDatabase('Idempotency-Key and leaving', (get) => {
  test('leaving a space forgets the kept first answers, as it erases what was private there', async () => {
    const { app } = get();
    const { b, spaceId } = await couple(app);
    assert.equal(
      (
        await withKey(
          b,
          `/api/v1/spaces/${spaceId}/reassurance-requests`,
          { note: { text: `${CANARY} leaving`, visibility: 'private' } },
          randomUUID(),
        )
      ).statusCode,
      201,
    );
    assert.equal(await count(app, 'idempotency_keys', 'account_id', b.id), 1);
    const left = await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password });
    assert.ok(left.statusCode < 300, left.body);
    assert.equal(await count(app, 'idempotency_keys', 'account_id', b.id), 0);
  });
});

describeEachDatabase('Idempotency-Key left without an answer', (get) => {
  test('a key whose first request ended without an answer (a 5xx, a crash) is never written again: 409, on the API and on the page', async () => {
    const { app } = get();
    const { b, spaceId } = await couple(app);
    const { vault, clock: appClock } = app.mend;
    const keys = new IdempotencyKeyStore(app.mend.store.db, vault);
    /** Claims `key` for this request as the first try would have, and leaves it unsettled. */
    const heldBefore = async (key: string, url: string, body: unknown, ignored: string[] = []) => {
      const now = appClock.now();
      const fingerprint = vault.index('idempotency.request', requestFingerprintInput('POST', url, body, ignored));
      assert.equal(
        (await keys.claim(vault.index('idempotency.key', `${b.id}\n${key}`), b.id, fingerprint, now, expiryOf(now))).kind,
        'claimed',
      );
    };

    const url = `/api/v1/spaces/${spaceId}/reassurance-requests`;
    const body = { note: { text: 'held', visibility: 'shared' } };
    const key = randomUUID();
    await heldBefore(key, url, body);
    const api = await withKey(b, url, body, key);
    assert.equal(api.statusCode, 409, api.body);
    assert.equal(json(api).error.code, 'idempotency_key_in_use');

    const sam = await pagesAs(app, b);
    const form = await sam.get(`/spaces/${spaceId}/reassurance`);
    const formKey = /name="_idempotency" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = { note: 'held on the page', visibility: 'shared' };
    await heldBefore(formKey, `/spaces/${spaceId}/reassurance`, fields);
    const page = await sam.post(`/spaces/${spaceId}/reassurance`, { ...fields, _idempotency: formKey });
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /could not tell whether it was saved/);
    assert.equal(await count(app, 'reassurance_requests', 'space_id', spaceId), 0);
  });
});
