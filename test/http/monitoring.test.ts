import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { json, startTestApp, succeeded, type TestApp } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';
import { databaseProxy, throughPort } from '../support/database-proxy.js';
import { loadConfig } from '../../src/platform/config.js';
import { closeOpenStreams, listening, openSse } from '../support/sse.js';

/**
 * Monitoring (issue #21, item 3): version and build in /healthz, the /metrics endpoint behind its
 * token, one log line per request, health checks at debug, the proxy warning — and, after a walk in
 * which people write canaries, nothing about any of them in the metrics or the log.
 */
const TOKEN = 'metrics-token-7f3a9c2e5b1d4086';
const CANARY_NAMES = ['Quillonelle', 'Brindlewort'] as const;
const CANARY_SPACE = 'Hearthmoss-Canary';
const CANARY_TEXTS = ['CANARY-NOTE-4K', 'CANARY-REQUEST-4K', 'CANARY-PATH-4K'];

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
}

const parse = (lines: string[]): LogLine[] =>
  lines
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine);
const requestLines = (lines: string[]): LogLine[] => parse(lines).filter((l) => l.msg === 'request');
const scrape = (app: FastifyInstance, authorization?: string) =>
  app.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });

for (const dialect of DIALECTS) {
  describe(`monitoring [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));
    const lines: string[] = [];
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, {
        clock,
        env: { MEND_METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' },
        logStream: { write: (line) => void lines.push(line) },
      });
    });
    after(async () => t.close());
    afterEach(() => closeOpenStreams());

    test('/healthz names the version and the build', async () => {
      const body = json(await t.app.inject({ method: 'GET', url: '/healthz' }));
      assert.equal(body.status, 'ok');
      assert.match(body.version, /^\d+\.\d+\.\d+/);
      assert.ok(typeof body.build === 'string' && body.build.length > 0);
    });

    test('/metrics: 401 without a token or with a wrong one, the figures with the right one', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
        const res = await scrape(t.app, authorization);
        assert.equal(res.statusCode, 401, String(authorization));
        assert.match(String(res.headers['www-authenticate']), /^Bearer/);
        assert.ok(!res.body.includes('mend_'), 'no figures');
      }
      const res = await scrape(t.app, `Bearer ${TOKEN}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      assert.equal(res.headers['cache-control'], 'no-store');
      for (const name of [
        'mend_build_info',
        'mend_http_requests_total',
        'mend_http_request_duration_seconds_bucket',
        'mend_group_commit_batch_size',
        'mend_database_errors_total',
        'mend_reminders_total',
        'mend_live_streams_open',
        'mend_process_cpu_seconds_total',
      ]) {
        assert.ok(res.body.includes(name), name);
      }
      assert.match(res.body, /mend_http_requests_total\{method="GET",route="\/metrics",status="401"\} 5/);
    });

    test('a walk with canaries: counted by route pattern and status, and nothing about anyone in the metrics or the log', async () => {
      lines.length = 0;
      const a = await signUp(t.app, CANARY_NAMES[0]);
      const b = await signUp(t.app, CANARY_NAMES[1]);
      const spaceId = json(await succeeded(a.api.post('/api/v1/spaces', { name: CANARY_SPACE }), 'space')).space.id as string;
      const code = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code as string;
      await succeeded(b.api.post(`/api/v1/invitations/${code}/accept`), 'join');
      await succeeded(
        a.api.put(`/api/v1/spaces/${spaceId}/checkins/2026-03-02`, {
          safety: 4,
          trust: 3,
          closeness: 4,
          note: { text: CANARY_TEXTS[0], visibility: 'shared' },
        }),
        'check-in',
      );
      await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: CANARY_TEXTS[1], visibility: 'private' } }),
        'reassurance',
      );
      // Refusals and mistakes carry what a person typed, in the URL or the body.
      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/${CANARY_TEXTS[2]}?email=${encodeURIComponent(a.email)}`)).statusCode, 404);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: b.email, password: `${CANARY_TEXTS[2]} not the password` }),
      });
      assert.equal(wrong.statusCode, 401);
      // And the pages, without JavaScript: a's space and the join page by its code.
      const pages = new PageClient(t.app);
      await pages.get('/sign-in');
      assert.equal((await pages.post('/sign-in', { email: a.email, password: a.password })).statusCode, 303);
      assert.equal((await pages.get(`/spaces/${spaceId}`)).statusCode, 200);
      assert.ok((await pages.get(`/join/${code}`)).statusCode < 500);
      // A live stream, open while the figures are read.
      const base = await listening(t.app);
      const stream = await openSse(`${base}/api/v1/spaces/${spaceId}/events`, { authorization: `Bearer ${a.api.token}` });

      const res = await scrape(t.app, `Bearer ${TOKEN}`);
      assert.equal(res.statusCode, 200);
      const metrics = res.body;
      assert.match(metrics, /mend_http_requests_total\{method="PUT",route="\/api\/v1\/spaces\/:spaceId\/checkins\/:date",status="201"\} 1/);
      assert.match(metrics, /mend_http_requests_total\{method="POST",route="\/api\/v1\/sessions",status="401"\} 1/);
      assert.match(metrics, /mend_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} 1/);
      assert.match(metrics, /mend_http_requests_total\{method="GET",route="\/spaces\/:spaceId",status="200"\} 1/);
      assert.match(metrics, /mend_live_streams_open 1/);
      assert.match(metrics, /mend_group_commit_batch_size_count [1-9]/, 'the check-in went through the group commit');

      const log = lines.join('');
      assert.ok(requestLines(lines).length >= 12, 'the walk was logged, request by request');
      const secrets = [
        ...CANARY_NAMES,
        CANARY_SPACE,
        ...CANARY_TEXTS,
        a.email,
        b.email,
        a.id,
        b.id,
        spaceId,
        code,
        a.api.token!,
        b.api.token!,
        a.password,
        '@example.org',
      ];
      for (const secret of secrets) {
        assert.ok(!metrics.includes(secret), `the metrics name no "${secret}"`);
        assert.ok(!log.includes(secret), `the log names no "${secret}"`);
      }
      assert.ok(!log.includes(TOKEN) && !metrics.includes(TOKEN), 'nor the metrics token');

      stream.close();
      await stream.ended;
      // The stream ends on the server a moment after the client hangs up.
      for (;;) {
        if (/mend_live_streams_open 0/.test((await scrape(t.app, `Bearer ${TOKEN}`)).body)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    test('one log line per request: method, route pattern, status, time and a request id', async () => {
      lines.length = 0;
      const person = await signUp(t.app, 'Robin');
      await person.api.get('/api/v1/me');
      await person.api.get('/api/v1/spaces/00000000-0000-4000-8000-000000000000');
      const logged = requestLines(lines);
      // Sign-up, the client saying it showed the recovery code (issue #23), and two reads.
      assert.equal(logged.length, 4, 'one line each');
      assert.ok(!parse(lines).some((l) => l.msg === 'incoming request' || l.msg === 'request completed'), "not Fastify's own two");
      assert.deepEqual(
        logged.map((l) => [l.method, l.route, l.status]),
        [
          ['POST', '/api/v1/accounts', 201],
          ['POST', '/api/v1/me/recovery-code/kept', 204],
          ['GET', '/api/v1/me', 200],
          ['GET', '/api/v1/spaces/:spaceId', 404],
        ],
      );
      for (const l of logged) {
        assert.equal(l.level, 30);
        assert.equal(typeof l.ms, 'number');
        assert.match(l.reqId ?? '', /^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
      }
      assert.equal(new Set(logged.map((l) => l.reqId)).size, 4);
    });

    test('health checks are not logged at info', async () => {
      lines.length = 0;
      await t.app.inject({ method: 'GET', url: '/healthz' });
      await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.deepEqual(requestLines(lines), []);
    });

    test('a request through a proxy while MEND_TRUST_PROXY is off: one warning, not one per request', async () => {
      lines.length = 0;
      for (let i = 0; i < 3; i++) {
        await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-for': '203.0.113.7' } });
      }
      const warnings = parse(lines).filter((l) => l.level === 40);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!.msg, /MEND_TRUST_PROXY is off/);
      assert.match(warnings[0]!.msg, /rate limits/);
      assert.ok(!lines.join('').includes('203.0.113.7'), 'the address is not logged');
    });

    test('wrong metrics tokens are rate limited per address: then even the right one waits', async () => {
      let status = 401;
      let tries = 0;
      while (status === 401 && tries < 100) {
        status = (await scrape(t.app, `Bearer not-the-token-${tries}`)).statusCode;
        tries++;
      }
      assert.equal(status, 429);
      assert.ok(tries <= 21, `blocked after a few wrong tokens (${tries})`);
      const right = await scrape(t.app, `Bearer ${TOKEN}`);
      assert.equal(right.statusCode, 429);
      assert.ok(Number(right.headers['retry-after']) > 0);
    });
  });

  describe(`monitoring: off, at debug, and request ids across servers [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    const lines: string[] = [];
    let t: TestApp;
    let second: FastifyInstance;
    before(async () => {
      t = await startTestApp(dialect, {
        env: { LOG_LEVEL: 'debug', MEND_TRUST_PROXY: '1' },
        logStream: { write: (l) => void lines.push(l) },
      });
      second = await buildApp(t.config, { logStream: { write: (l) => void lines.push(l) } });
      await second.ready();
    });
    after(async () => {
      await second.close();
      await t.close();
    });

    test('without MEND_METRICS_TOKEN there is no /metrics, whatever is sent', async () => {
      assert.equal((await scrape(t.app)).statusCode, 404);
      assert.equal((await scrape(t.app, 'Bearer anything-at-all-here')).statusCode, 404);
    });

    test('health checks are logged at debug', async () => {
      lines.length = 0;
      await t.app.inject({ method: 'GET', url: '/healthz' });
      const logged = requestLines(lines);
      assert.equal(logged.length, 1);
      assert.equal(logged[0]!.level, 20);
      assert.equal(logged[0]!.route, '/healthz');
    });

    test('with MEND_TRUST_PROXY set, proxied requests raise no warning', async () => {
      lines.length = 0;
      await t.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-for': '203.0.113.7' } });
      assert.deepEqual(
        parse(lines).filter((l) => l.level >= 40),
        [],
      );
    });

    test('request ids are unique across two servers on one database', async () => {
      lines.length = 0;
      for (let i = 0; i < 20; i++) {
        await t.app.inject({ method: 'GET', url: '/sign-in' });
        await second.inject({ method: 'GET', url: '/sign-in' });
      }
      const ids = requestLines(lines).map((l) => l.reqId);
      assert.equal(ids.length, 40);
      assert.equal(new Set(ids).size, 40);
    });
  });
}

describe('monitoring: database errors are counted, and /metrics answers during an outage [postgres]', async () => {
  const skip = await skipReason('postgres');
  if (skip) {
    test('skipped', { skip }, () => {});
    return;
  }
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof databaseProxy>>;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase('postgres');
    const direct = new URL(database.databaseUrl!);
    proxy = await databaseProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    app = await buildApp(
      loadConfig({
        MEND_DATA_DIR: database.dataDir,
        DATABASE_URL: throughPort(direct.href, proxy.port),
        LOG_LEVEL: 'silent',
        MEND_METRICS_TOKEN: TOKEN,
        MEND_DATABASE_CONNECT_TIMEOUT_MS: '1000',
        MEND_DATABASE_QUERY_TIMEOUT_MS: '1500',
      }),
    );
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  test('a request that meets the outage is counted as unavailable; the scrape itself needs no database', async () => {
    const person = await signUp(app, 'Robin');
    await proxy.cut();
    try {
      assert.equal((await person.api.get('/api/v1/me')).statusCode, 503);
      const res = await scrape(app, `Bearer ${TOKEN}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /mend_database_errors_total\{kind="unavailable"\} 1/);
      assert.match(res.body, /mend_http_requests_total\{method="GET",route="\/api\/v1\/me",status="503"\} 1/);
    } finally {
      await proxy.restore();
    }
  });
});
