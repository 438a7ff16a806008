import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase, json, type Response } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';

const code = (res: Response) => (res.statusCode >= 400 ? `${res.statusCode} ${json(res).error.code}` : String(res.statusCode));

function writer(journeyId: string) {
  return (p: Person, body: Record<string, unknown>) => p.api.post(`/api/v1/journeys/${journeyId}/entries`, body);
}

describeEachDatabase('journeys: writing an entry keeps every rule while reading only the facts', (get) => {
  test('roles, visibilities, step gates, sealed pairs, replies and affair-only exercises are all still enforced', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    // Sam (b) was hurt; Alex (a) broke trust, in an affair.
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey.id;
    const write = writer(journeyId);

    assert.equal(
      code(await write(a, { prompt: 'what_hurts', text: 'x', visibility: 'shared' })),
      '403 forbidden',
      'written by the hurt partner',
    );
    assert.equal(
      code(await write(b, { prompt: 'what_hurts', text: 'x', visibility: 'shared' })),
      '409 step_locked',
      'step 2 is not open yet',
    );
    assert.equal(
      code(await write(b, { prompt: 'what_happened', text: 'x', visibility: 'shared' })),
      '400 invalid_input',
      'a sealed-pair half is sealed',
    );
    assert.equal(code(await write(a, { prompt: 'what_happened', text: 'Mine.' })), '201');
    assert.equal(code(await write(a, { prompt: 'what_happened', text: 'Again.' })), '409 already_done');
    assert.equal(
      code(await write(b, { prompt: 'forgiveness_reflection', text: 'x', visibility: 'private' })),
      '409 step_locked',
      'step 7 waits for its gate',
    );

    // Questions and triggers are open from the first day, for the right partner.
    const question = json(await write(b, { prompt: 'question', text: 'Who knew?' })).entry.id;
    const ownSealed = json(await a.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries.find(
      (e: { prompt: string }) => e.prompt === 'what_happened',
    ).id;
    assert.equal(
      code(await write(b, { prompt: 'answer', text: 'x', replyTo: question })),
      '403 forbidden',
      'answered by the partner who broke trust',
    );
    assert.equal(code(await write(a, { prompt: 'answer', text: 'x' })), '400 invalid_input', 'an answer names its question');
    assert.equal(
      code(await write(a, { prompt: 'answer', text: 'x', replyTo: ownSealed })),
      '400 invalid_input',
      'only a question can be answered',
    );
    assert.equal(code(await write(a, { prompt: 'answer', text: 'Nobody else.', replyTo: question })), '201');

    // Step 2 opens when both have done step 1.
    assert.equal(code(await write(b, { prompt: 'what_happened', text: 'Theirs.' })), '201');
    for (const p of [a, b]) await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
    assert.equal(code(await write(b, { prompt: 'what_hurts', text: 'The lies.', visibility: 'private' })), '201');

    // Step 7 opened early by the hurt partner's own choice.
    assert.equal((await b.api.post(`/api/v1/journeys/${journeyId}/forgiveness/open`)).statusCode, 200);
    assert.equal(code(await write(b, { prompt: 'forgiveness_reflection', text: 'Not yet.', visibility: 'private' })), '201');
    assert.equal(code(await write(a, { prompt: 'forgiveness_reflection', text: 'x', visibility: 'private' })), '403 forbidden');

    // An exercise for journeys after an affair is refused in another journey.
    const lying = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    assert.equal(code(await writer(lying)(b, { prompt: 'question', text: 'x' })), '400 invalid_input');
  });

  test('a write does not open any stored text: with every text of the journey unreadable it still succeeds and still refuses what the rules refuse', async () => {
    const app = get().app;
    const db = app.mend.store.db;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(
      await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        brokeTrust: [a.id],
        description: { text: 'What I found.', visibility: 'private' },
      }),
    ).journey.id;
    const write = writer(journeyId);
    for (const [p, text] of [
      [a, 'Mine.'],
      [b, 'Theirs.'],
    ] as const) {
      assert.equal(code(await write(p, { prompt: 'what_happened', text })), '201');
      await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
    }
    const apology = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you for months.' });
    assert.equal(apology.statusCode, 201, apology.body);
    const answered = await b.api.post(`/api/v1/apologies/${json(apology).apology.id}/responses`, { received: true, sincere: true });
    assert.equal(answered.statusCode, 201, answered.body);
    assert.equal(code(await write(b, { prompt: 'what_hurts', text: 'The lies.', visibility: 'shared' })), '201');
    const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
      text: 'I tell you where I am.',
      committedBy: [a.id],
      cadence: 'daily',
      journeyId,
    });
    assert.equal(proposed.statusCode, 201, proposed.body);

    // Make every stored text of this journey unreadable: any attempt to open one now fails.
    await sql`UPDATE journey_entries SET text_enc = ${'unreadable'} WHERE journey_id = ${journeyId}`.execute(db);
    await sql`UPDATE apologies SET text_enc = ${'unreadable'} WHERE journey_id = ${journeyId}`.execute(db);
    await sql`UPDATE agreements SET text_enc = ${'unreadable'} WHERE journey_id = ${journeyId}`.execute(db);
    await sql`UPDATE breaches SET description_enc = ${'unreadable'} WHERE id = (SELECT breach_id FROM journeys WHERE id = ${journeyId})`.execute(
      db,
    );
    // Reading does open texts: none opens now, so none is shown (docs/encryption.md, "Values that fail their check").
    const read = await b.api.get(`/api/v1/journeys/${journeyId}/entries`);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(json(read).entries, [], 'reading the journey does open texts');

    assert.equal(code(await write(b, { prompt: 'question', text: 'Where were you?' })), '201');
    assert.equal(code(await write(b, { prompt: 'what_hurts', text: 'The months.', visibility: 'private' })), '201');
    assert.equal(code(await write(a, { prompt: 'what_happened', text: 'Again.' })), '409 already_done');
    assert.equal(code(await write(a, { prompt: 'what_hurts', text: 'x' })), '403 forbidden');
    assert.equal(code(await write(b, { prompt: 'trust_looks_like', text: 'x' })), '201', 'step 3 is open: the apology was answered');
    assert.equal(code(await write(b, { prompt: 'trust_looks_like', text: 'y' })), '409 already_done');
  });

  test('what a new entry may tell the live pages: shared at once, a sealed half only when it opens the pair, private never', async () => {
    const app = get().app;
    const journeys = app.mend.journeys;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey.id;
    const write = writer(journeyId);
    const actor = (p: Person) => ({ id: p.id, timezone: 'UTC' });

    const first = json(await write(a, { prompt: 'what_happened', text: 'Mine.' })).entry;
    assert.equal(await journeys.entryNews(actor(a), first), null, 'a sealed half still waiting is not news');
    const second = json(await write(b, { prompt: 'what_happened', text: 'Theirs.' })).entry;
    assert.deepEqual(await journeys.entryNews(actor(b), second), { spaceId, kind: 'entries_revealed' });
    const question = json(await write(b, { prompt: 'question', text: 'Who knew?' })).entry;
    assert.deepEqual(await journeys.entryNews(actor(b), question), { spaceId, kind: 'journey_entry' });
    for (const p of [a, b]) await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
    const hidden = json(await write(b, { prompt: 'what_hurts', text: 'Only mine.', visibility: 'private' })).entry;
    assert.equal(await journeys.entryNews(actor(b), hidden), null, 'a private entry is never news');
  });
});
