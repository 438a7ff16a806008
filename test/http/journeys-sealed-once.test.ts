import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { EntryStore, type Entry } from '../../src/features/journey/entries-store.js';
import { newId } from '../../src/platform/db/ids.js';
import { encryptTextAs } from '../../src/platform/vault/index.js';
import { BIND_UPGRADE, bindCiphertexts } from '../../src/platform/vault/bind-ciphertexts.js';
import { placeContext } from '../../src/platform/vault/bound-fields.js';
import * as sealedOnce from '../../src/platform/db/migrations/0007-sealed-once.js';

describeEachDatabase('journeys: one sealed entry per partner and prompt, even when posts race', (get) => {
  test('several simultaneous posts of a sealed entry store exactly one; the others are told it is already done', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;

    const posts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `RACE-${i}`, visibility: 'sealed' }),
      ),
    );
    const codes = posts.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 409, 409, 409, 409, 409], posts.map((r) => r.body).join('\n'));
    for (const refused of posts.filter((r) => r.statusCode === 409)) {
      assert.equal(json(refused).error.code, 'already_done', refused.body);
    }
    const own = json(await a.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries.filter(
      (e: { prompt: string; authorId: string }) => e.prompt === 'what_happened' && e.authorId === a.id,
    );
    assert.equal(own.length, 1);

    // The partner's own sealed entry is not blocked by it, and the pair opens as usual.
    const theirs = await b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
      prompt: 'what_happened',
      text: 'THEIRS',
      visibility: 'sealed',
    });
    assert.equal(theirs.statusCode, 201, theirs.body);
    const opened = json(await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries;
    assert.equal(opened.filter((e: { text?: string }) => typeof e.text === 'string').length, 2);
  });

  test('entries that may be written many times are not limited by it', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey.id;
    const posts = await Promise.all(
      Array.from({ length: 3 }, (_, i) => b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: `Q-${i}` })),
    );
    assert.deepEqual(
      posts.map((r) => r.statusCode),
      [201, 201, 201],
      posts.map((r) => r.body).join('\n'),
    );
  });

  test('the database itself refuses a second sealed half by the same author (the store reports it, it does not throw)', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    const store = new EntryStore(app.mend.store.db, app.mend.vault);
    const half = (text: string, at: string): Entry => ({
      id: newId(),
      journeyId,
      prompt: 'trust_looks_like',
      authorId: a.id,
      visibility: 'sealed',
      text,
      replyTo: null,
      createdAt: at,
      updatedAt: at,
    });
    assert.equal(await store.insert(half('FIRST', '2025-01-01T10:00:00.000Z')), true);
    assert.equal(await store.insert(half('SECOND', '2025-01-01T10:00:01.000Z')), false);
    // Other prompts and the partner's half are not affected.
    assert.equal(await store.insert({ ...half('PARTNER', '2025-01-01T10:00:02.000Z'), authorId: b.id }), true);
    assert.equal(
      await store.insert({ ...half('MANY', '2025-01-01T10:00:03.000Z'), prompt: 'why_im_doing_this', visibility: 'private' }),
      true,
    );
    assert.equal(
      await store.insert({ ...half('MANY-2', '2025-01-01T10:00:04.000Z'), prompt: 'why_im_doing_this', visibility: 'private' }),
      true,
    );
    const texts = (await store.listForJourney(journeyId)).map((e) => e.text).sort();
    assert.deepEqual(texts, ['FIRST', 'MANY', 'MANY-2', 'PARTNER']);
  });

  test('upgrading a database that already holds a doubled half keeps both texts: the earliest stays sealed, the later one becomes private to its author', async () => {
    const app = get().app;
    const db = app.mend.store.db;
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
    assert.equal(
      (await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'EARLIER-HALF' })).statusCode,
      201,
    );

    // Back to the schema before 0007, as a database from the last release would be, with the race's double.
    await db.schema.dropIndex('journey_entries_sealed_once').execute();
    // Written as Mend wrote values then (format v1, place-only context): 0007 changes visibility in
    // SQL alone, before the start-up step binds every value to its row's owner and visibility.
    const { keyring } = app.mend.encryption;
    const store = new EntryStore(db, {
      ...app.mend.vault,
      seal: (text, b) => encryptTextAs('v1', keyring, text, placeContext(b.table, b.column, b.rowId)),
    });
    const later = new Date(Date.now() + 60_000).toISOString();
    assert.equal(
      await store.insert({
        id: newId(),
        journeyId,
        prompt: 'what_happened',
        authorId: a.id,
        visibility: 'sealed',
        text: 'LATER-DOUBLE',
        replyTo: null,
        createdAt: later,
        updatedAt: later,
      }),
      true,
    );

    // 0007 itself, as an upgrade runs it (later migrations are already recorded in this database).
    await sealedOnce.up(db as never);
    await db.deleteFrom('data_upgrades').where('name', '=', BIND_UPGRADE).execute();
    assert.equal((await bindCiphertexts(db, keyring, () => new Date().toISOString())).rebound, 1);

    const mine = json(await a.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<{ text?: string; visibility: string }>;
    assert.deepEqual(mine.map((e) => [e.text, e.visibility]).sort(), [
      ['EARLIER-HALF', 'sealed'],
      ['LATER-DOUBLE', 'private'],
    ]);
    // The partner writes theirs: the pair opens with the earliest half; the double stays the author's alone.
    assert.equal(
      (await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'PARTNER-HALF' })).statusCode,
      201,
    );
    const theirs = await b.api.get(`/api/v1/journeys/${journeyId}/entries`);
    assert.match(theirs.body, /EARLIER-HALF/);
    assert.doesNotMatch(theirs.body, /LATER-DOUBLE/);
    // And the index is back: the database refuses a third half.
    const third = new Date(Date.now() + 120_000).toISOString();
    assert.equal(
      await store.insert({
        id: newId(),
        journeyId,
        prompt: 'what_happened',
        authorId: a.id,
        visibility: 'sealed',
        text: 'THIRD',
        replyTo: null,
        createdAt: third,
        updatedAt: third,
      }),
      false,
    );
  });
});
