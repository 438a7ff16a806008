import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ERRORS } from '../../src/platform/errors.js';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { describeEachDatabase, json, startTestApp, type TestApp } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist, cookieHeader, journeyAndAgreement, pagesAs } from '../support/live-people.js';
import { listening } from '../support/sse.js';

/**
 * The therapist access log fails closed: a therapist's view that cannot be written to the log is
 * not shown. Another connection holds SQLite's write lock (`BEGIN IMMEDIATE`) past the busy
 * timeout, so the log's insert meets SQLITE_BUSY: the therapist's API reads, page and live
 * fragment answer 503 `unavailable` with none of the partners' words, while the partners' own reads
 * (WAL) go on; once the lock goes, the same reads answer 200 with the words and one log row each.
 */

interface AccessLogEntry {
  therapistId: string;
  what: string;
}

describe('the therapist access log cannot be written: the therapist sees nothing [sqlite]', () => {
  let testApp: TestApp;
  const lines: string[] = [];
  const log = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });

  before(async () => {
    testApp = await startTestApp('sqlite', { env: { LOG_LEVEL: 'info' }, logStream: log });
  });
  after(async () => {
    await testApp?.close();
  });

  test('503 while the lock is held, no data in the body and no log row; 200 and a row once it is gone', async () => {
    const { app } = testApp;
    const { a, b, spaceId } = await couple(app);
    const canary = `ACCESS-LOG-CANARY-${randomUUID()}`;
    await journeyAndAgreement(a, b, spaceId, canary);
    const t = await activeTherapist(app, a, b, spaceId);
    const therapistPages = await pagesAs(app, t);
    const base = await listening(app);
    const api = (token: string, url: string) => fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
    const therapist = {
      agreements: () => api(t.api.token!, `/api/v1/spaces/${spaceId}/agreements`),
      progress: () =>
        fetch(`${base}/api/v1/spaces/${spaceId}/progress`, {
          headers: { authorization: `Bearer ${t.api.token}`, 'accept-encoding': 'gzip' },
        }),
      page: () => fetch(`${base}/spaces/${spaceId}/agreement-log`, { headers: { cookie: cookieHeader(therapistPages) } }),
      fragment: () => fetch(`${base}/spaces/${spaceId}/live/agreement-log`, { headers: { cookie: cookieHeader(therapistPages) } }),
    };
    const accessLog = async (): Promise<AccessLogEntry[]> =>
      json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries;
    const rowsBefore = (await accessLog()).length;

    const other = new SQLite(path.join(testApp.database.dataDir, SQLITE_FILE_NAME));
    try {
      other.exec('begin immediate');
      for (const [name, read] of [
        ['agreements API', therapist.agreements],
        ['progress API', therapist.progress],
      ] as const) {
        const response = await read();
        const body = await response.text();
        assert.equal(response.status, 503, `${name}: ${body.slice(0, 300)}`);
        assert.equal(response.headers.get('retry-after'), '5');
        assert.deepEqual(JSON.parse(body), { error: { code: 'unavailable', message: ERRORS.unavailable.message } }, name);
        assert.ok(!body.includes(canary), `${name}: no partner data`);
        assert.equal(response.headers.get('etag'), null, `${name}: no ETag of the withheld view`);
        assert.equal(response.headers.get('content-encoding'), null, `${name}: the error is not announced as gzip`);
      }
      for (const [name, read] of [
        ['page', therapist.page],
        ['live fragment', therapist.fragment],
      ] as const) {
        const response = await read();
        const body = await response.text();
        assert.equal(response.status, 503, `${name}: ${body.slice(0, 300)}`);
        assert.match(String(response.headers.get('content-type')), /^text\/html/);
        assert.ok(body.includes('<h1>Please try again in a moment</h1>'), `${name}: the error page`);
        assert.ok(!body.includes(canary), `${name}: no partner data`);
      }
      // The partners' reads are not the log's business: WAL readers go on past a writer.
      const partnerRead = await api(b.api.token!, `/api/v1/spaces/${spaceId}/agreements`);
      assert.equal(partnerRead.status, 200);
      assert.ok((await partnerRead.text()).includes(canary));
    } finally {
      other.exec('rollback');
      other.close();
    }
    assert.equal((await accessLog()).length, rowsBefore, 'no view was recorded, and none was shown');
    const logText = lines.join('');
    assert.ok(logText.includes('could not write the therapist access log'), 'the refusal is logged');
    assert.ok(!logText.includes(canary), 'without the partners’ words');

    for (const [name, read] of Object.entries(therapist)) {
      const response = await read();
      const body = await response.text();
      assert.equal(response.status, 200, `${name}: ${body.slice(0, 300)}`);
      if (name !== 'progress') assert.ok(body.includes(canary), `${name}: the view is shown now`);
    }
    const rows = (await accessLog()).slice(0, 4);
    assert.equal((await accessLog()).length, rowsBefore + 4, 'one row per view shown');
    assert.ok(rows.every((row) => row.therapistId === t.id));
    assert.deepEqual(rows.map((row) => row.what).sort(), [
      '/api/v1/spaces/:spaceId/agreements',
      '/api/v1/spaces/:spaceId/progress',
      '/spaces/:spaceId/agreement-log',
      '/spaces/:spaceId/live/agreement-log',
    ]);
  });
});

/**
 * The database itself refuses the row (a trigger another connection put on the log table): a
 * failure that is no outage is a 500 `internal`, still without the data; on PostgreSQL the same
 * trigger raising an outage's SQLSTATE (57P03, cannot connect now) is a 503, as when the server
 * goes away between the route's read and the log's write.
 */
describeEachDatabase('the access log row refused by the database: the therapist sees nothing', (get, dialect) => {
  /** Runs SQL on the app's database through a connection of its own. */
  async function onDatabase(sql: string): Promise<void> {
    const { database } = get();
    if (dialect === 'sqlite') {
      const other = new SQLite(path.join(database.dataDir, SQLITE_FILE_NAME));
      try {
        other.exec(sql);
      } finally {
        other.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: database.databaseUrl! });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  const refuse = (errcode: string | null): string =>
    dialect === 'sqlite'
      ? `create trigger refuse_access_row before insert on therapist_access_log begin select raise(abort, 'refused for a test'); end`
      : `create or replace function refuse_access_row() returns trigger language plpgsql as $$ begin raise exception 'refused for a test'${errcode ? ` using errcode = '${errcode}'` : ''}; end $$;
         create trigger refuse_access_row before insert on therapist_access_log for each row execute function refuse_access_row()`;
  const allow = (): string =>
    dialect === 'sqlite' ? 'drop trigger refuse_access_row' : 'drop trigger refuse_access_row on therapist_access_log';

  test('500 internal without the data; a partner is unaffected; shown and logged once allowed', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const canary = `ACCESS-LOG-REFUSED-${randomUUID()}`;
    await journeyAndAgreement(a, b, spaceId, canary);
    const t = await activeTherapist(app, a, b, spaceId);
    const pages = await pagesAs(app, t);
    const rowsBefore = json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries.length as number;

    const cases: Array<{ errcode: string | null; status: number; code: string }> = [{ errcode: null, status: 500, code: 'internal' }];
    if (dialect === 'postgres') cases.push({ errcode: '57P03', status: 503, code: 'unavailable' });
    for (const { errcode, status, code } of cases) {
      await onDatabase(refuse(errcode));
      try {
        const viaApi = await t.api.get(`/api/v1/spaces/${spaceId}/agreements`);
        assert.equal(viaApi.statusCode, status, viaApi.body.slice(0, 300));
        assert.equal(json(viaApi).error.code, code);
        assert.ok(!viaApi.body.includes(canary), 'no partner data');
        const page = await pages.get(`/spaces/${spaceId}/agreement-log`);
        assert.equal(page.statusCode, status);
        assert.ok(!page.body.includes(canary), 'no partner data on the page');
        const partner = await a.api.get(`/api/v1/spaces/${spaceId}/agreements`);
        assert.equal(partner.statusCode, 200, 'the partner writes no row and reads on');
        assert.ok(partner.body.includes(canary));
      } finally {
        await onDatabase(allow());
      }
    }
    assert.equal(
      json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries.length,
      rowsBefore,
      'nothing recorded, nothing shown',
    );
    const shown = await t.api.get(`/api/v1/spaces/${spaceId}/agreements`);
    assert.equal(shown.statusCode, 200);
    assert.ok(shown.body.includes(canary));
    assert.equal(json(await a.api.get(`/api/v1/spaces/${spaceId}/therapist-access-log`)).entries.length, rowsBefore + 1);
  });
});
