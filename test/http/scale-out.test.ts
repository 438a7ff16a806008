import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localDate } from '../../src/core/time.js';
import { loadConfig } from '../../src/platform/config.js';
import { createContext } from '../../src/context.js';
import { projectRoot } from '../../src/platform/http/paths.js';
import { newPerson } from '../support/api-client.js';
import { createTestDatabase, skipReason, type TestDatabase } from '../support/databases.js';
import { openSse } from '../support/sse.js';

/**
 * Two real Mend processes against one PostgreSQL database, with the same keys and configuration,
 * as behind a load balancer: requests alternate between them and must behave as one app.
 */

interface Server {
  name: string;
  base: string;
  child: ChildProcess;
  stderr: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startServer(name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mend-scale-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'src', 'main.ts')], {
    cwd: projectRoot(),
    // Every account here is made from 127.0.0.1: far more than a household's sign-ups.
    env: {
      ...process.env,
      MEND_SIGN_UP_PER_HOUR: '1000000',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MEND_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const server: Server = { name, base: `http://127.0.0.1:${port}`, child, stderr: '' };
  child.stderr!.on('data', (c) => (server.stderr += String(c)));
  child.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return server;
}

async function ready(server: Server): Promise<void> {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server ${server.name} exited with ${server.child.exitCode}: ${server.stderr}`);
    try {
      if ((await fetch(`${server.base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  return exited;
}

async function call(server: Server, method: string, url: string, token: string | null, body?: unknown): Promise<Answer> {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

interface Someone {
  id: string;
  email: string;
  password: string;
  token: string;
}

const today = () => localDate(new Date(), 'UTC');

describe('scale-out: two app servers against one PostgreSQL behave as one app', async () => {
  const skip = await skipReason('postgres');
  if (skip) {
    test('skipped: these tests need PostgreSQL (several servers share only the database)', { skip }, () => {});
    return;
  }

  let database: TestDatabase;
  let env: Record<string, string>;
  let A: Server;
  let B: Server;

  before(async () => {
    database = await createTestDatabase('postgres');
    env = {
      DATABASE_URL: database.databaseUrl!,
      MEND_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
      MEND_INDEX_KEY: randomBytes(32).toString('base64'),
      MEND_BASE_URL: 'http://mend.test',
    };
    // Both start at once against an empty database: the migrations must run exactly once.
    A = await startServer('A', env);
    B = await startServer('B', env);
    await Promise.all([ready(A), ready(B)]);
  });

  after(async () => {
    const codes = await Promise.all([A, B].filter(Boolean).map(stop));
    await database?.drop();
    assert.deepEqual(codes, [0, 0], 'both servers stop cleanly on SIGTERM, open streams or not');
  });

  const servers = () => [A, B] as const;
  /** A for even turns, B for odd ones. */
  const turn = (i: number): Server => (i % 2 === 0 ? A : B);

  async function signUpOn(server: Server, name: string): Promise<Someone> {
    const person = newPerson(name);
    const res = await call(server, 'POST', '/api/v1/accounts', null, person);
    assert.equal(res.status, 201, res.text);
    return { id: res.body.account.id, email: person.email, password: person.password, token: res.body.token };
  }

  /** A couple whose every step alternates between the servers. */
  async function coupleAcross(): Promise<{ a: Someone; b: Someone; spaceId: string }> {
    const a = await signUpOn(A, 'Alex');
    const b = await signUpOn(B, 'Sam');
    const space = await call(A, 'POST', '/api/v1/spaces', a.token, { name: 'Us' });
    const spaceId = space.body.space.id as string;
    const invitation = await call(B, 'POST', `/api/v1/spaces/${spaceId}/invitations`, a.token, {});
    assert.equal(invitation.status, 201, invitation.text);
    const accepted = await call(A, 'POST', `/api/v1/invitations/${invitation.body.invitation.code}/accept`, b.token);
    assert.equal(accepted.status, 200, accepted.text);
    return { a, b, spaceId };
  }

  test('the schema was migrated once, by one of the two servers starting together', async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: database.databaseUrl! });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; n: string }>('select name, count(*) as n from kysely_migration group by name');
      assert.ok(rows.length > 0);
      assert.ok(
        rows.every((r) => Number(r.n) === 1),
        'every migration recorded once',
      );
    } finally {
      await client.end();
    }
  });

  test('signed up on A, signed in on B; a session made on one works on the other; revoking on B is refused at once on A', async () => {
    const person = await signUpOn(A, 'Robin');
    const signIn = await call(B, 'POST', '/api/v1/sessions', null, { email: person.email, password: person.password });
    assert.equal(signIn.status, 201, signIn.text);
    const second = signIn.body.token as string;

    for (const server of servers()) {
      for (const token of [person.token, second]) {
        const me = await call(server, 'GET', '/api/v1/me', token);
        assert.equal(me.status, 200, `${server.name}: ${me.text}`);
        assert.equal(me.body.account.id, person.id);
      }
    }

    // On B, with the second session, revoke the first (made on A): A refuses it on the very next request.
    const sessions = await call(B, 'GET', '/api/v1/sessions', second);
    const first = sessions.body.sessions.find((s: { current: boolean }) => !s.current);
    assert.ok(first, 'the session made on A is listed on B');
    assert.equal((await call(B, 'DELETE', `/api/v1/sessions/${first.id}`, second)).status, 204);
    assert.equal((await call(A, 'GET', '/api/v1/me', person.token)).status, 401);
    assert.equal((await call(B, 'GET', '/api/v1/me', person.token)).status, 401);

    // Sign out everywhere on B: a session just made on A stops working on A at once.
    const onA = await call(A, 'POST', '/api/v1/sessions', null, { email: person.email, password: person.password });
    assert.equal((await call(A, 'GET', '/api/v1/me', onA.body.token)).status, 200);
    assert.equal((await call(B, 'DELETE', '/api/v1/sessions', second)).status, 204);
    assert.equal((await call(A, 'GET', '/api/v1/me', onA.body.token)).status, 401);
    assert.equal((await call(A, 'GET', '/api/v1/me', second)).status, 401);
  });

  test('sign-in failures are counted across both servers: limited after the per-account limit', async () => {
    const person = await signUpOn(B, 'Kit');
    for (let i = 0; i < 10; i++) {
      const res = await call(turn(i), 'POST', '/api/v1/sessions', null, {
        email: person.email,
        password: `wrong password number ${i} here`,
      });
      assert.equal(res.status, 401, `attempt ${i + 1} on ${turn(i).name}`);
    }
    for (const server of servers()) {
      const res = await call(server, 'POST', '/api/v1/sessions', null, { email: person.email, password: person.password });
      assert.equal(res.status, 429, `${server.name} refuses even the right password now`);
      assert.equal(res.body.error.code, 'rate_limited');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    }
  });

  test('an invitation made on A is accepted on B exactly once; concurrent accepts on both: exactly one wins', async () => {
    const owner = await signUpOn(A, 'Jo');
    const space = await call(A, 'POST', '/api/v1/spaces', owner.token, {});
    const spaceId = space.body.space.id as string;
    const invitation = await call(A, 'POST', `/api/v1/spaces/${spaceId}/invitations`, owner.token, {});
    const code = invitation.body.invitation.code as string;
    const partner = await signUpOn(B, 'Lee');
    assert.equal((await call(B, 'POST', `/api/v1/invitations/${code}/accept`, partner.token)).status, 200);
    const late = await signUpOn(A, 'Max');
    assert.equal((await call(A, 'POST', `/api/v1/invitations/${code}/accept`, late.token)).status, 404, 'a used code is gone');
    const members = await call(A, 'GET', `/api/v1/spaces/${spaceId}`, owner.token);
    assert.deepEqual(members.body.space.members.map((m: { accountId: string }) => m.accountId).sort(), [owner.id, partner.id].sort());

    // Five rounds of two people racing for one code, one on each server.
    for (let round = 0; round < 5; round++) {
      const host = await signUpOn(turn(round), 'Host');
      const s = await call(A, 'POST', '/api/v1/spaces', host.token, {});
      const c = (await call(B, 'POST', `/api/v1/spaces/${s.body.space.id}/invitations`, host.token, {})).body.invitation.code;
      const [x, y] = await Promise.all([signUpOn(A, 'Racer'), signUpOn(B, 'Racer')]);
      const results = await Promise.all([
        call(A, 'POST', `/api/v1/invitations/${c}/accept`, x.token),
        call(B, 'POST', `/api/v1/invitations/${c}/accept`, y.token),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((st) => st === 200).length, 1, `round ${round}: exactly one accept wins (${statuses.join(', ')})`);
      assert.ok(
        statuses.every((st) => st === 200 || st === 404 || st === 409),
        `round ${round}: the loser gets 404 or 409, never a 5xx`,
      );
      const after = await call(B, 'GET', `/api/v1/spaces/${s.body.space.id}`, host.token);
      assert.equal(after.body.space.members.filter((m: { role: string }) => m.role === 'partner').length, 2);
    }
  });

  test('sealed pair across servers: a stub until both wrote, then both read both on A and on B', async () => {
    const { a, b, spaceId } = await coupleAcross();
    const breach = await call(B, 'POST', `/api/v1/spaces/${spaceId}/breaches`, b.token, { kind: 'lying', brokeTrust: [a.id] });
    assert.equal(breach.status, 201, breach.text);
    const journeyId = breach.body.journey.id as string;

    assert.equal(
      (
        await call(A, 'POST', `/api/v1/journeys/${journeyId}/entries`, a.token, {
          prompt: 'what_happened',
          text: 'SCALE-SEALED-A',
          visibility: 'sealed',
        })
      ).status,
      201,
    );
    const before = await call(B, 'GET', `/api/v1/journeys/${journeyId}/entries`, b.token);
    assert.equal(before.status, 200);
    assert.ok(!before.text.includes('SCALE-SEALED-A'), 'partner 2 sees no text before writing');
    assert.deepEqual(
      before.body.entries.map((e: { authorId: string; sealed?: boolean; text?: string }) => ({
        authorId: e.authorId,
        sealed: e.sealed,
        text: e.text,
      })),
      [{ authorId: a.id, sealed: true, text: undefined }],
    );

    assert.equal(
      (
        await call(B, 'POST', `/api/v1/journeys/${journeyId}/entries`, b.token, {
          prompt: 'what_happened',
          text: 'SCALE-SEALED-B',
          visibility: 'sealed',
        })
      ).status,
      201,
    );
    for (const server of servers()) {
      for (const who of [a, b]) {
        const seen = await call(server, 'GET', `/api/v1/journeys/${journeyId}/entries`, who.token);
        const texts = seen.body.entries.map((e: { text?: string }) => e.text).sort();
        assert.deepEqual(texts, ['SCALE-SEALED-A', 'SCALE-SEALED-B'], `${server.name}: both read both`);
      }
    }
  });

  test('check-ins and progress written on one server are read on the other at once (no stale per-process cache)', async () => {
    const { a, b, spaceId } = await coupleAcross();
    // Warm whatever each server keeps for this space.
    const firstA = await call(A, 'GET', `/api/v1/spaces/${spaceId}/progress`, a.token);
    const firstB = await call(B, 'GET', `/api/v1/spaces/${spaceId}/progress`, b.token);
    assert.equal(firstA.status, 200, firstA.text);
    assert.equal(firstB.status, 200, firstB.text);

    // Both let the other see their numbers (a choice never made hides them, issue #14).
    assert.equal(
      (
        await call(A, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, a.token, {
          safety: 3,
          trust: 3,
          closeness: 3,
          numbersShared: true,
        })
      ).status,
      201,
    );
    const listed = await call(B, 'GET', `/api/v1/spaces/${spaceId}/checkins`, b.token);
    assert.deepEqual(
      listed.body.checkins.map((c: { accountId: string; trust: number }) => [c.accountId, c.trust]),
      [[a.id, 3]],
    );
    const afterB = await call(B, 'GET', `/api/v1/spaces/${spaceId}/progress`, b.token);
    assert.notEqual(afterB.text, firstB.text, 'B’s progress shows the check-in written on A');
    assert.ok(afterB.body.milestones.length > (firstB.body.milestones?.length ?? 0), 'the first check-in is a small win, seen on B');

    // A has answered for this space since; a check-in written through B must not be answered from before.
    const onA = await call(A, 'GET', `/api/v1/spaces/${spaceId}/progress`, a.token);
    const etagA = onA.headers.get('etag');
    assert.equal(
      (
        await call(B, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, b.token, {
          safety: 9,
          trust: 9,
          closeness: 9,
          numbersShared: true,
        })
      ).status,
      201,
    );
    const again = await fetch(`${A.base}/api/v1/spaces/${spaceId}/progress`, {
      headers: { authorization: `Bearer ${a.token}`, ...(etagA ? { 'if-none-match': etagA } : {}) },
    });
    assert.equal(again.status, 200, 'not 304: the progress changed on the other server');
    const fresh = (await again.json()) as { milestones: unknown[] };
    assert.ok(fresh.milestones.length > onA.body.milestones.length, 'A shows the small win of the check-in written on B');
    const listedOnA = await call(A, 'GET', `/api/v1/spaces/${spaceId}/checkins`, a.token);
    assert.deepEqual(
      listedOnA.body.checkins.map((c: { accountId: string; trust: number }) => [c.accountId, c.trust]).sort(),
      [
        [a.id, 3],
        [b.id, 9],
      ].sort(),
    );

    // Replacing a check-in through one server is read on the other too.
    assert.equal(
      (await call(B, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, a.token, { safety: 7, trust: 7, closeness: 7 })).status,
      200,
    );
    const replaced = await call(A, 'GET', `/api/v1/spaces/${spaceId}/checkins`, b.token);
    assert.equal(replaced.body.checkins.find((c: { accountId: string }) => c.accountId === a.id).trust, 7);
  });

  test('a due reminder is sent once, however many servers run their reminder round at the same moment', async () => {
    const { a, spaceId } = await coupleAcross();
    assert.ok(spaceId);
    assert.equal((await call(B, 'PUT', '/api/v1/me/reminders', a.token, { dailyTime: '00:00', weeklyEmail: false })).status, 200);
    // Two more servers' worth of services on the same database (the two processes run their own
    // rounds too, on their timers): every round races for the same reminder.
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'mend-scale-ctx-')));
    const contexts = await Promise.all(dirs.map((dir) => createContext(loadConfig({ ...env, MEND_DATA_DIR: dir, LOG_LEVEL: 'silent' }))));
    try {
      const sent = (await Promise.all(contexts.flatMap((c) => [c.rhythm.reminders.tick(), c.rhythm.reminders.tick()]))).flat();
      const mine = sent.filter((key) => key.startsWith(`daily:${a.id}:`));
      assert.ok(mine.length <= 1, `claimed at most once: ${mine.join(', ')}`);
    } finally {
      for (const c of contexts) await c.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const server of servers()) {
      const list = await call(server, 'GET', '/api/v1/me/notifications', a.token);
      const reminders = list.body.notifications.filter((n: { type: string }) => n.type === 'checkin_reminder');
      assert.equal(reminders.length, 1, `${server.name}: exactly one check-in reminder`);
    }
  });

  test('when PostgreSQL drops the LISTEN connections, the servers listen again and live updates still cross', async () => {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: database.databaseUrl! });
    await admin.connect();
    const listeners = async () =>
      (
        await admin.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()",
        )
      ).rows.map((r) => r.pid);
    try {
      const before = await listeners();
      assert.equal(before.length, 2, 'one LISTEN connection per server');
      await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);
      // Wait for both servers to be listening again on new connections.
      for (;;) {
        const now = await listeners();
        if (now.length === 2 && now.every((pid) => !before.includes(pid))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await admin.end();
    }
    const { a, b, spaceId } = await coupleAcross();
    const onB = await openSse(`${B.base}/api/v1/spaces/${spaceId}/events`, { authorization: `Bearer ${b.token}` });
    assert.equal(
      (await call(A, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, a.token, { safety: 5, trust: 5, closeness: 5 })).status,
      201,
    );
    assert.deepEqual(
      (await onB.waitForEvents(1)).map((e) => JSON.parse(e.data)),
      [{ kind: 'checkin', accountId: a.id, date: today() }],
    );
    onB.close();
  });

  test('live updates cross servers: subscribed on B, a check-in on A arrives on B (and nothing else does)', async () => {
    const { a, b, spaceId } = await coupleAcross();
    const onB = await openSse(`${B.base}/api/v1/spaces/${spaceId}/events`, { authorization: `Bearer ${b.token}` });
    const onA = await openSse(`${A.base}/api/v1/spaces/${spaceId}/events`, { authorization: `Bearer ${a.token}` });
    assert.equal(onB.status, 200);
    assert.equal(onA.status, 200);

    const breach = await call(A, 'POST', `/api/v1/spaces/${spaceId}/breaches`, a.token, { kind: 'lying', brokeTrust: [a.id] });
    const journeyId = breach.body.journey.id as string;
    assert.equal(
      (
        await call(A, 'POST', `/api/v1/journeys/${journeyId}/entries`, a.token, {
          prompt: 'what_happened',
          text: 'SCALE-LIVE-SEALED',
          visibility: 'sealed',
        })
      ).status,
      201,
    );
    assert.equal(
      (
        await call(A, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, a.token, {
          safety: 5,
          trust: 6,
          closeness: 7,
          note: { text: 'SCALE-LIVE-NOTE', visibility: 'private' },
        })
      ).status,
      201,
    );
    assert.equal(
      (await call(B, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, b.token, { safety: 4, trust: 4, closeness: 4 })).status,
      201,
    );

    const expected = [
      { kind: 'checkin', accountId: a.id, date: today() },
      { kind: 'checkin', accountId: b.id, date: today() },
    ];
    assert.deepEqual(
      (await onB.waitForEvents(2)).map((e) => JSON.parse(e.data)),
      expected,
      'B hears A’s check-in (through PostgreSQL) and its own',
    );
    assert.deepEqual(
      (await onA.waitForEvents(2)).map((e) => JSON.parse(e.data)),
      expected,
      'A hears its own and B’s',
    );
    for (const s of [onA, onB]) assert.ok(!/SCALE-LIVE/.test(s.raw), 'no text crosses the wire');

    // A revoked session elsewhere ends the stream here before anything else is delivered.
    assert.equal((await call(A, 'DELETE', '/api/v1/sessions', b.token)).status, 204);
    assert.equal(
      (await call(A, 'PUT', `/api/v1/spaces/${spaceId}/checkins/${today()}`, a.token, { safety: 6, trust: 6, closeness: 6 })).status,
      200,
    );
    await onB.ended;
    assert.equal(onB.events.length, 2);
    // onA stays open on purpose: stopping the servers in `after` must end it and still exit 0.
  });
});
