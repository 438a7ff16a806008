import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { allStoredTexts } from '../support/stored-texts.js';

/** Every row of every table that mentions `value` in any column. */
async function rowsMentioning(db: import('kysely').Kysely<any>, value: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await db.introspection.getTables()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    for (const row of rows) if (Object.values(row).some((v) => v === value)) found.push(`${table.name}: ${JSON.stringify(row)}`);
  }
  return found;
}

describeEachDatabase('deleting an account', (get) => {
  test('removes the account and every row that belongs to it; the partner is told it was deleted', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    // Give the account a footprint in as many tables as possible.
    await a.api.post('/api/v1/me/safety-screenings', {
      answers: {
        physical_harm: 'never',
        sexual_pressure: 'never',
        threatened: 'never',
        afraid: 'never',
        screamed_at: 'never',
        put_down: 'never',
        money_control: 'never',
        phone_control: 'never',
        isolation: 'never',
      },
    });
    await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' });
    await a.api.post('/api/v1/sessions', {});
    assert.ok((await rowsMentioning(app.mend.store.db, a.id)).length > 3);

    assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);
    assert.deepEqual(await rowsMentioning(app.mend.store.db, a.id), [], 'no row of theirs remains');

    const space = json(await b.api.get(`/api/v1/spaces/${spaceId}`)).space;
    assert.deepEqual(
      space.members.map((m: { accountId: string }) => m.accountId),
      [b.id],
    );
    const page = new PageClient(app);
    await page.get('/sign-in');
    await page.post('/sign-in', { email: b.email, password: b.password });
    assert.match((await page.get(`/spaces/${spaceId}`)).body, /Your partner deleted their account on \d{1,2} [A-Z][a-z]+ \d{4}\./);
  });

  test("every word the person wrote is gone, also on records the couple keeps; the partner's words stay", async () => {
    const testApp = get();
    const { app } = testApp;
    const { a, b, spaceId } = await couple(app);
    const today = new Date().toISOString().slice(0, 10);
    const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'infidelity',
      brokeTrust: [a.id],
      description: { text: 'AlexWroteBreach', visibility: 'shared' },
    });
    assert.equal(breach.statusCode, 201, breach.body);
    const journeyId = json(breach).journey.id;
    await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'AlexWroteSealed', visibility: 'sealed' });
    await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SamWroteSealed', visibility: 'sealed' });
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
      safety: 6,
      trust: 5,
      closeness: 4,
      note: { text: 'AlexWroteCheckin', visibility: 'shared' },
    });
    const request = await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: 'SamWroteRequest', visibility: 'shared' },
    });
    const answered = await a.api.post(`/api/v1/reassurance-requests/${json(request).reassuranceRequest.id}/answer`, {
      text: 'AlexWroteAnswer',
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const before = await allStoredTexts(testApp);
    for (const text of ['AlexWroteBreach', 'AlexWroteSealed', 'AlexWroteCheckin', 'AlexWroteAnswer'])
      assert.ok(before.includes(text), `${text} was stored`);

    assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);
    const after = await allStoredTexts(testApp);
    for (const text of ['AlexWroteBreach', 'AlexWroteSealed', 'AlexWroteCheckin', 'AlexWroteAnswer', a.email, 'Alex']) {
      assert.ok(!after.includes(text), `${text} is gone`);
    }
    for (const text of ['SamWroteSealed', 'SamWroteRequest']) assert.ok(after.includes(text), `${text} stays with Sam`);
    assert.deepEqual(await rowsMentioning(app.mend.store.db, a.id), []);
  });

  test('the web page asks for the password and signs the person out', async () => {
    const { app } = get();
    const { a } = await couple(app);
    const page = new PageClient(app);
    await page.get('/sign-in');
    await page.post('/sign-in', { email: a.email, password: a.password });
    await page.get('/account/delete');
    const wrong = await page.post('/account/delete', { password: 'not the right password' });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.body, /That password is not right/);
    const done = await page.post('/account/delete', { password: a.password });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Your account is deleted/);
    assert.equal((await page.get('/account')).statusCode, 303, 'signed out');
    assert.deepEqual(await rowsMentioning(app.mend.store.db, a.id), []);
  });
});
