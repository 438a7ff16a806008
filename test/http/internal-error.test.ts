import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { localDate } from '../../src/core/time.js';
import { ERRORS } from '../../src/platform/errors.js';
import { SQLITE_FILE_NAME } from '../../src/platform/db/database.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * A failure Mend does not know (here a real database error that is no outage: a trigger another
 * connection put on the check-ins table aborts every insert) answers 500 `internal`, and its words
 * are true: what was sent may not have been saved (it was not), never "nothing was lost".
 */

const today = () => localDate(new Date(), 'UTC');

describe('a 500 says what was sent may not have been saved [sqlite]', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await startTestApp('sqlite');
  });
  after(async () => {
    await testApp?.close();
  });

  test('API and form answers of an unknown failure, and the check-in really was not saved', async () => {
    const { app } = testApp;
    const { a, spaceId } = await couple(app);
    const pages = await pagesAs(app, a);
    await pages.get(`/spaces/${spaceId}/check-in`);
    const canary = `INTERNAL-CANARY-${randomUUID()}`;

    const other = new SQLite(path.join(testApp.database.dataDir, SQLITE_FILE_NAME));
    try {
      other.exec(`create trigger refuse_checkins before insert on checkins begin select raise(abort, 'refused for a test'); end`);
      const api = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
        safety: 6,
        trust: 5,
        closeness: 4,
        note: { text: canary, visibility: 'private' },
      });
      assert.equal(api.statusCode, 500, api.body);
      assert.deepEqual(json(api), { error: { code: 'internal', message: ERRORS.internal.message } });
      const form = await pages.post(`/spaces/${spaceId}/check-in`, {
        date: today(),
        safety: '6',
        trust: '5',
        closeness: '4',
        numbers: 'shared',
        note: canary,
        visibility: 'private',
      });
      assert.equal(form.statusCode, 500);
      assert.ok(form.body.includes('<h1>Something went wrong</h1>'), form.body.slice(0, 400));
      assert.ok(form.body.includes(ERRORS.internal.message.replaceAll("'", '&#39;')), 'the page says the same (escaped)');
      for (const body of [api.body, form.body]) {
        assert.match(body, /may not have been saved/);
        assert.doesNotMatch(body, /was lost/);
        assert.ok(!body.includes(canary));
      }
    } finally {
      other.exec('drop trigger refuse_checkins');
      other.close();
    }
    assert.deepEqual(json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins, [], 'indeed nothing was saved');
  });
});
