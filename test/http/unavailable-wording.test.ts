import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ERRORS } from '../../src/platform/errors.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { newPerson } from '../support/api-client.js';
import { skipReason } from '../support/databases.js';
import { listening } from '../support/sse.js';

/**
 * The 503 `unavailable` answer must not promise that nothing was saved: one request can make more
 * than one write. Sign-up inserts the account, then the session as a write of its own; when the
 * database goes away between the two (here a trigger on the sessions table raising 57P03, "cannot
 * connect now", as a server going into recovery would), the account is saved and the same sign-up
 * sent again answers 409 `email_taken` — which the words of the 503 must have prepared for.
 */

const CLAIMS_NOTHING_SAVED = /nothing (was|is|has been) (saved|stored|lost)|never committed/i;

describe('an outage after part of a request was saved: the 503 says it may have been [postgres]', async () => {
  const skip = await skipReason('postgres');
  if (skip) {
    test('skipped', { skip }, () => {});
    return;
  }
  let testApp: TestApp;
  let base: string;

  /** Runs SQL on the app's database through a connection of its own. */
  async function onDatabase(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: testApp.database.databaseUrl! });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  const refuseSessions = () =>
    onDatabase(`create or replace function refuse_session() returns trigger language plpgsql as $$ begin raise exception 'refused for a test' using errcode = '57P03'; end $$;
      create trigger refuse_session before insert on sessions for each row execute function refuse_session()`);
  const allowSessions = () => onDatabase('drop trigger refuse_session on sessions');

  before(async () => {
    testApp = await startTestApp('postgres');
    base = await listening(testApp.app);
  });
  after(async () => {
    await testApp?.close();
  });

  test('API sign-up: 503 that does not claim nothing was saved; the retry answers 409 email_taken', async () => {
    const person = { ...newPerson('Robin'), timezone: 'UTC' };
    const signUp = () =>
      fetch(`${base}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });

    await refuseSessions();
    let body: string;
    try {
      const refused = await signUp();
      body = await refused.text();
      assert.equal(refused.status, 503, body);
      assert.equal(refused.headers.get('retry-after'), '5');
    } finally {
      await allowSessions();
    }
    const { error } = JSON.parse(body) as { error: { code: string; message: string } };
    assert.equal(error.code, 'unavailable');
    assert.equal(error.message, ERRORS.unavailable.message);
    assert.doesNotMatch(error.message, CLAIMS_NOTHING_SAVED);
    assert.match(error.message, /may not have been saved/);
    assert.match(error.message, /check/);
    assert.ok(!body.includes(person.email) && !body.includes(person.password), 'the answer does not repeat what was sent');

    // The account was saved before the outage met the session: the same request again is refused.
    const again = await signUp();
    assert.equal(again.status, 409);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'email_taken');
    const signIn = await fetch(`${base}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    assert.ok(signIn.ok, `the account is there to sign in to (${signIn.status})`);
  });

  test('sign-up form: the error page keeps the Back-button advice and asks to check before sending again', async () => {
    const form = await fetch(`${base}/sign-up`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const person = newPerson('Sam');
    const send = () =>
      fetch(`${base}/sign-up`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...person, timezone: 'UTC' }).toString(),
      });

    await refuseSessions();
    let page: string;
    try {
      const refused = await send();
      page = await refused.text();
      assert.equal(refused.status, 503, page.slice(0, 300));
    } finally {
      await allowSessions();
    }
    assert.ok(page.includes('<h1>Please try again in a moment</h1>'), page.slice(0, 600));
    assert.ok(page.includes(ERRORS.unavailable.message));
    assert.doesNotMatch(page, CLAIMS_NOTHING_SAVED);
    assert.match(page, /Back button/);
    assert.match(page, /once you have checked that it is not already saved/);
    assert.ok(!page.includes(person.email), 'the page does not repeat what was sent');

    const again = await send();
    assert.equal(again.status, 409);
    assert.ok((await again.text()).includes('already exists'), 'sent again, the form says the account exists');
  });

  test('the OpenAPI 503 tells clients to check before repeating a POST without a key, and that a PUT or a POST with its key may be repeated', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    const description = doc.paths['/api/v1/accounts']!.post!.responses['503']!.description;
    assert.doesNotMatch(description, CLAIMS_NOTHING_SAVED);
    assert.match(description, /may or may not have been saved/);
    assert.match(description, /a read or a PUT may be sent again/);
    assert.match(description, /Before repeating any other write, read whether the first try was saved/);
    // A POST with an Idempotency-Key may be sent again with the same key (docs/idempotency.md).
    assert.match(description, /A POST sent with an `Idempotency-Key` may be sent again with the same key and body/);
  });
});
