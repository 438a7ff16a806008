import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { localDate } from '../../src/core/time.js';
import { ERRORS } from '../../src/platform/errors.js';
import { buildApp } from '../../src/app.js';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { GroupCommitter } from '../../src/platform/db/group-commit.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { databaseProxy, throughPort } from '../support/database-proxy.js';
import { couple, type Person } from '../support/api-client.js';
import type { PageClient } from '../support/browser-less.js';
import { createTestDatabase, skipReason, type TestDatabase } from '../support/databases.js';
import { cookieHeader, pagesAs } from '../support/live-people.js';
import { listening } from '../support/sse.js';

/**
 * While the database is out of reach, Mend answers 503 `unavailable` with Retry-After — the API in
 * its error shape, the pages with the error page — never 500, never the person's text; and once it
 * is back the same requests succeed, with nothing of the failed ones stored.
 */

const today = () => localDate(new Date(), 'UTC');

function logLines(): { stream: Writable; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

/** The requests of one person, over real HTTP, that must all answer 503 during an outage. */
function requestsOf(base: string, person: Person, pages: PageClient, spaceId: string, canary: string) {
  const api = { authorization: `Bearer ${person.api.token}` };
  const cookie = cookieHeader(pages);
  return {
    apiWrite: () =>
      fetch(`${base}/api/v1/spaces/${spaceId}/checkins/${today()}`, {
        method: 'PUT',
        headers: { ...api, 'content-type': 'application/json' },
        body: JSON.stringify({ safety: 6, trust: 5, closeness: 4, note: { text: canary, visibility: 'private' } }),
      }),
    apiRead: () => fetch(`${base}/api/v1/spaces/${spaceId}/checkins`, { headers: api }),
    page: () => fetch(`${base}/spaces/${spaceId}/check-in`, { headers: { cookie } }),
    pageForm: () =>
      fetch(`${base}/spaces/${spaceId}/check-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: pages.csrf(),
          date: today(),
          safety: '6',
          trust: '5',
          closeness: '4',
          numbers: 'shared',
          note: canary,
          visibility: 'private',
        }).toString(),
      }),
  };
}

async function assertApiUnavailable(response: Response, canary: string): Promise<void> {
  const body = await response.text();
  assert.equal(response.status, 503, body);
  assert.equal(response.headers.get('retry-after'), '5');
  assert.deepEqual(JSON.parse(body), { error: { code: 'unavailable', message: ERRORS.unavailable.message } });
  assert.ok(!body.includes(canary), 'the answer does not repeat what was sent');
}

async function assertPageUnavailable(response: Response, canary: string, formSent: boolean): Promise<void> {
  const body = await response.text();
  assert.equal(response.status, 503, body.slice(0, 300));
  assert.equal(response.headers.get('retry-after'), '5');
  assert.match(String(response.headers.get('content-type')), /^text\/html/);
  assert.ok(body.includes('<h1>Please try again in a moment</h1>'), body.slice(0, 600));
  assert.ok(body.includes(ERRORS.unavailable.message));
  assert.equal(body.includes('Back button'), formSent, 'a form sent is told its words are one step back');
  assert.ok(!body.includes(canary), 'the page does not repeat what was sent');
}

/** The log says that requests failed and why (the code), never with the person's words. */
function assertLogged(log: string, canary: string): void {
  assert.ok(!log.includes(canary), 'the log does not contain the note');
  const failures = log.split('\n').filter((line) => line.includes('"request failed"'));
  assert.ok(failures.length > 0, 'the failures were logged');
  for (const line of failures) assert.match(line, /"mendCode":"unavailable"/);
}

/** After the outage: nothing of the failed writes stored, and the same requests now succeed. */
async function assertRecovered(requests: ReturnType<typeof requestsOf>, partner: Person, spaceId: string, canary: string): Promise<void> {
  const read = await requests.apiRead();
  assert.equal(read.status, 200);
  assert.deepEqual((await read.json()).checkins, [], 'no check-in was half-written');
  const partnerNotes = json(await partner.api.get('/api/v1/me/notifications'));
  assert.ok(!partnerNotes.notifications.some((n: { type: string }) => n.type === 'partner_checked_in'), 'the partner was told of nothing');
  assert.ok(!(await partner.api.get(`/api/v1/spaces/${spaceId}/checkins`)).body.includes(canary));

  const written = await requests.apiWrite();
  assert.equal(written.status, 201, await written.text());
  const page = await requests.page();
  assert.equal(page.status, 200);
  assert.ok((await page.text()).includes(canary), 'the note written is back on its author’s page');
  const form = await requests.pageForm();
  assert.equal(form.status, 303, await form.text());
  const list = (await (await requests.apiRead()).json()).checkins as Array<{ note: { text: string } | null }>;
  assert.equal(list.length, 1);
  assert.equal(list[0]!.note?.text, canary);
}

describe('PostgreSQL out of reach: 503 unavailable, then back to normal [postgres]', async () => {
  const skip = await skipReason('postgres');
  if (skip) {
    test('skipped', { skip }, () => {});
    return;
  }
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof databaseProxy>>;
  let app: FastifyInstance;
  const log = logLines();

  before(async () => {
    database = await createTestDatabase('postgres');
    const direct = new URL(database.databaseUrl!);
    proxy = await databaseProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const config = loadConfig({
      MEND_DATA_DIR: database.dataDir,
      DATABASE_URL: throughPort(direct.href, proxy.port),
      LOG_LEVEL: 'trace',
      // Shorter than the defaults (3 s, 6 s, 5 s) so the partition below costs the suite little.
      MEND_DATABASE_CONNECT_TIMEOUT_MS: '1000',
      MEND_DATABASE_QUERY_TIMEOUT_MS: '1500',
      MEND_DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    });
    app = await buildApp(config, { logStream: log.stream });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  test('API writes and reads and the pages answer 503 with Retry-After while the proxy is cut, and work once it is back', async () => {
    const { a, b, spaceId } = await couple(app);
    const pages = await pagesAs(app, a);
    await pages.get(`/spaces/${spaceId}/check-in`);
    const canary = `OUTAGE-CANARY-${randomUUID()}`;
    const requests = requestsOf(await listening(app), a, pages, spaceId, canary);

    await proxy.cut();
    await assertApiUnavailable(await requests.apiWrite(), canary);
    await assertApiUnavailable(await requests.apiRead(), canary);
    await assertPageUnavailable(await requests.page(), canary, false);
    await assertPageUnavailable(await requests.pageForm(), canary, true);
    assertLogged(log.text(), canary);

    await proxy.restore();
    await assertRecovered(requests, b, spaceId, canary);
    assert.ok(!log.text().includes(canary), 'nor was the note logged once saved');
  });

  test('a partition (nothing refused, nothing answered): 503 from the timeouts instead of a hang, /readyz answers 503, /healthz 200; healed, all is well', async () => {
    const { a, b, spaceId } = await couple(app);
    const pages = await pagesAs(app, a);
    await pages.get(`/spaces/${spaceId}/check-in`);
    const canary = `PARTITION-CANARY-${randomUUID()}`;
    const base = await listening(app);
    const requests = requestsOf(base, a, pages, spaceId, canary);

    proxy.stall();
    try {
      // Before the timeouts existed the write waited for as long as the partition lasted.
      const [write, read, ready, health] = await Promise.all([
        requests.apiWrite(),
        requests.apiRead(),
        fetch(`${base}/readyz`),
        fetch(`${base}/healthz`),
      ]);
      await assertApiUnavailable(write, canary);
      await assertApiUnavailable(read, canary);
      assert.equal(ready.status, 503, 'a load balancer learns at once that this server cannot serve');
      assert.equal(health.status, 200);
      await assertPageUnavailable(await requests.pageForm(), canary, true);
      assertLogged(log.text(), canary);
    } finally {
      proxy.heal();
    }
    await untilReady(base);
    await assertRecovered(requests, b, spaceId, canary);
  });
});

/** Asks /readyz until it answers 200: the pool drops the connections the partition broke as it meets them. */
async function untilReady(base: string): Promise<void> {
  while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Another process holding SQLite's write lock (BEGIN IMMEDIATE) until `release()`. */
async function writeLockHolder(file: string): Promise<{ release(): Promise<void>; kill(): void }> {
  const script = `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
    db.exec('begin immediate');
    process.stdout.write('locked\\n');
    process.stdin.once('data', () => { db.exec('rollback'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    release: async () => {
      child.stdin.write('go\n');
      await exited;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

describe('SQLite write lock held by another process: health checks, reads and pages answer while a write waits [sqlite]', () => {
  test('the write waits without holding up the server, and is saved once the lock goes', async () => {
    // A wait long enough that the write cannot give up while a slow machine answers the rest.
    const testApp = await startTestApp('sqlite', { env: { MEND_DATABASE_QUERY_TIMEOUT_MS: '120000' } });
    let holder: Awaited<ReturnType<typeof writeLockHolder>> | null = null;
    try {
      const { app } = testApp;
      const { a, spaceId } = await couple(app);
      const pages = await pagesAs(app, a);
      await pages.get(`/spaces/${spaceId}/check-in`);
      const base = await listening(app);
      const requests = requestsOf(base, a, pages, spaceId, `LOCK-CANARY-${randomUUID()}`);
      holder = await writeLockHolder(path.join(testApp.database.dataDir, SQLITE_FILE_NAME));

      const queued = GroupCommitter.totals.units;
      let writeAnswered = false;
      const write = requests.apiWrite().then((response) => {
        writeAnswered = true;
        return response;
      });
      // The check-in reached the group committer, whose next step is taking the write lock. Before,
      // better-sqlite3 then waited up to its busy timeout on the event loop, and nothing answered.
      while (GroupCommitter.totals.units === queued) await new Promise((resolve) => setImmediate(resolve));
      const health = await fetch(`${base}/healthz`);
      const read = await requests.apiRead();
      const page = await requests.page();
      assert.equal(writeAnswered, false, '/healthz, a read and a page answered while the write waited');
      assert.equal(health.status, 200);
      assert.equal(read.status, 200);
      assert.equal(page.status, 200);

      await holder.release();
      const written = await write;
      assert.equal(written.status, 201, await written.text());
      assert.equal((await (await requests.apiRead()).json()).checkins.length, 1);
    } finally {
      holder?.kill();
      await testApp.close();
    }
  });
});

describe('SQLite write lock held past the time Mend waits for it: 503 unavailable for writes, reads go on [sqlite]', () => {
  let testApp: TestApp;
  const log = logLines();

  before(async () => {
    // Writes give up after 1 s of waiting for the lock (the default is 6 s).
    testApp = await startTestApp('sqlite', { env: { LOG_LEVEL: 'trace', MEND_DATABASE_QUERY_TIMEOUT_MS: '1000' }, logStream: log.stream });
  });
  after(async () => {
    await testApp?.close();
  });

  test('a check-in sent through the API or a form while another connection holds the write lock', async () => {
    const { app } = testApp;
    const { a, b, spaceId } = await couple(app);
    const pages = await pagesAs(app, a);
    await pages.get(`/spaces/${spaceId}/check-in`);
    const canary = `BUSY-CANARY-${randomUUID()}`;
    const requests = requestsOf(await listening(app), a, pages, spaceId, canary);

    // Another process writing (sqlite3 by hand, a long migration): BEGIN IMMEDIATE takes the write
    // lock and keeps it past the time Mend waits for it (MEND_DATABASE_QUERY_TIMEOUT_MS).
    const other = new SQLite(path.join(testApp.database.dataDir, SQLITE_FILE_NAME));
    try {
      other.exec('begin immediate');
      await assertApiUnavailable(await requests.apiWrite(), canary);
      // WAL: readers are not held up by a writer.
      assert.equal((await requests.apiRead()).status, 200);
      assert.equal((await requests.page()).status, 200);
      await assertPageUnavailable(await requests.pageForm(), canary, true);
      assertLogged(log.text(), canary);
    } finally {
      other.exec('rollback');
      other.close();
    }

    await assertRecovered(requests, b, spaceId, canary);
    assert.ok(!log.text().includes(canary), 'nor was the note logged once saved');
  });
});

test('the OpenAPI document gives every operation its 503 `unavailable` answer with Retry-After', async () => {
  const testApp = await startTestApp('sqlite');
  try {
    const doc = json(await testApp.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const operations = Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, any> }>>).flatMap(
      ([p, methods]) => Object.entries(methods).map(([method, op]) => ({ label: `${method} ${p}`, unavailable: op.responses?.['503'] })),
    );
    assert.ok(operations.length >= 12, 'the document lists the API');
    for (const { label, unavailable } of operations) {
      assert.ok(unavailable, `${label} documents 503`);
      assert.ok(unavailable.headers?.['Retry-After'], `${label} documents Retry-After`);
      assert.ok(unavailable.content['application/json'].schema.properties.error, `${label}: in the error shape`);
    }
  } finally {
    await testApp.close();
  }
});
