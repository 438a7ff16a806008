import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { HOT_NAMES, hotStatements, pickCouple, recordingKysely } from '../../bench/hot-queries.js';
import { json, startTestApp } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * bench/plans.ts explains the statements bench/hot-queries.ts records from the store methods it
 * calls. This checks that each of them is a statement the server itself sends while a signed-in
 * person uses the hot pages and routes (and in a round of reminders), so the plans cannot drift
 * to queries the server no longer runs (a method it stopped calling, a hand-written text). SQLite
 * only: which store method a path calls does not depend on the database, and the SQL text
 * differs only in its placeholders.
 */
test('every statement bench/plans.ts explains is one the server runs for the hot paths [sqlite]', async (t) => {
  const testApp = await startTestApp('sqlite');
  try {
    const { app } = testApp;
    // Every SQL text the server prepares from now on (the statement cache prepares each text once).
    const sqlite = app.mend.store.sqlite!;
    const serverSql = new Set<string>();
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => (serverSql.add(sql), prepare(sql))) as typeof sqlite.prepare;

    // A couple with a row of everything the hot reads follow from, and their therapist.
    const { a, b, spaceId } = await couple(app);
    await activeTherapist(app, a, b, spaceId);
    const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] });
    assert.equal(breach.statusCode, 201, breach.body);
    const journeyId = json(breach).journey.id as string;
    for (const p of [a, b]) {
      assert.equal(
        (
          await p.api.post(`/api/v1/journeys/${journeyId}/entries`, {
            prompt: 'what_happened',
            text: 'what happened',
            visibility: 'sealed',
          })
        ).statusCode,
        201,
      );
      assert.equal((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
    }
    const apology = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' });
    assert.equal(apology.statusCode, 201, apology.body);
    assert.equal(
      (await b.api.post(`/api/v1/apologies/${json(apology).apology.id}/responses`, { received: true, sincere: true })).statusCode,
      201,
    );
    const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
      text: 'I tell you where I am.',
      committedBy: [a.id],
      cadence: 'daily',
      journeyId,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    const agreementId = json(proposed).agreement.id as string;
    assert.equal((await b.api.post(`/api/v1/agreements/${agreementId}/accept`)).statusCode, 200);
    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: today(),
      kept: true,
      note: { text: 'kept', visibility: 'private' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    // An entry written now checks its rules against the agreement's first occasion too.
    assert.equal(
      (await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: 'what hurts', visibility: 'shared' }))
        .statusCode,
      201,
    );
    assert.equal(
      (
        await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
          safety: 5,
          trust: 5,
          closeness: 5,
          note: { text: 'a note', visibility: 'shared' },
        })
      ).statusCode,
      201,
    );
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: 'thank you' })).statusCode, 201);
    assert.equal(
      (await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'hold me', visibility: 'shared' } })).statusCode,
      201,
    );

    // The hot paths, as A: the API, then the pages (signing in through the form).
    for (const url of [
      `/api/v1/me`,
      `/api/v1/spaces/${spaceId}`,
      `/api/v1/spaces/${spaceId}/progress`,
      `/api/v1/journeys/${journeyId}`,
      `/api/v1/journeys/${journeyId}/entries`,
      `/api/v1/spaces/${spaceId}/checkins?from=${today()}&to=${today()}`,
    ]) {
      assert.equal((await a.api.get(url)).statusCode, 200, url);
    }
    assert.equal((await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 6, trust: 6, closeness: 6 })).statusCode, 201);
    const aPages = await pagesAs(app, a);
    for (const url of [
      `/spaces/${spaceId}`,
      `/spaces/${spaceId}/progress`,
      `/journeys/${journeyId}`,
      `/spaces/${spaceId}/agreement-log`,
      `/spaces/${spaceId}/meetings`,
      `/spaces/${spaceId}/reassurance`,
    ]) {
      assert.equal((await aPages.get(url)).statusCode, 200, url);
    }

    // One round of reminders, with A's daily reminder set.
    await app.mend.rhythm.reminders.setPreferences(a.id, { dailyTime: '09:00', weeklyEmail: false });
    await app.mend.rhythm.reminders.tick();

    // What bench/plans.ts would explain for this couple, recorded on a connection of its own.
    const database = new SQLite(app.mend.store.sqliteFile!, { fileMustExist: true });
    const recording = recordingKysely(new SqliteDialect({ database }));
    try {
      const statements = await hotStatements(recording, 'sqlite', await pickCouple(recording.db, spaceId));
      assert.deepEqual(
        HOT_NAMES.filter((n) => !statements.some((s) => s.name === n)),
        [],
        'this couple has the rows every hot read follows from',
      );
      const notRun = statements.filter((s) => !serverSql.has(s.sql)).map((s) => `${s.name}: ${s.sql}`);
      assert.deepEqual(notRun, [], 'bench/plans.ts explains only statements the server runs');

      // Not a failure, but worth a look when the list changes: hot reads the plans leave out.
      const planned = new Set(statements.map((s) => s.sql));
      for (const sql of serverSql) if (/^select\b/i.test(sql) && !planned.has(sql)) t.diagnostic(`not planned: ${sql}`);
    } finally {
      await recording.db.destroy();
    }
  } finally {
    await testApp.close();
  }
});
