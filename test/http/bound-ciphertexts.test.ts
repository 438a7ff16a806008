// Someone who can write to the database but has no key edits the columns that decide who reads a
// text (visibility, author, parent). The text is bound to them (docs/encryption.md), so it then
// fails its check: the partner's pages and API never show it, nobody else does either, and the
// pages still answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

const today = () => localDate(new Date(), 'UTC');

/** Everything the partner can open about the space and the journey, pages and API. */
async function everythingSeenBy(app: Parameters<typeof couple>[0], p: Person, spaceId: string, journeyId: string): Promise<string> {
  const bodies: string[] = [];
  for (const url of [
    `/api/v1/journeys/${journeyId}`,
    `/api/v1/journeys/${journeyId}/entries`,
    `/api/v1/spaces/${spaceId}/journeys`,
    `/api/v1/spaces/${spaceId}/checkins`,
    `/api/v1/spaces/${spaceId}/progress`,
  ]) {
    const res = await p.api.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    bodies.push(res.body);
  }
  const page = new PageClient(app);
  await page.get('/sign-in');
  await page.post('/sign-in', { email: p.email, password: p.password });
  for (const url of [
    `/spaces/${spaceId}`,
    `/journeys/${journeyId}`,
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => `/journeys/${journeyId}/steps/${n}`),
    `/spaces/${spaceId}/progress`,
  ]) {
    const res = await page.get(url);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    bodies.push(res.body);
  }
  return bodies.join('\n');
}

describeEachDatabase('texts bound to who and what: columns edited behind Mend’s back', (get) => {
  const setUp = async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const journeyId = json(await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
      .id as string;
    // Step 1 done by both, so the hurt partner (b) may write "what hurts" in step 2.
    for (const p of [a, b]) {
      await succeeded(
        p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `What happened, by ${p.id}` }),
        'sealed half',
      );
      await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledgement');
    }
    /** b writes a text in the journey; a is the partner who must not read it. */
    const write = async (text: string, visibility: 'private' | 'shared') =>
      json(await succeeded(b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text, visibility }), 'entry'))
        .entry as { id: string };
    return { app, author: b, partner: a, spaceId, journeyId, write, db: app.mend.store.db };
  };

  test('a private entry whose visibility is edited to shared is shown to nobody, and the pages still answer', async () => {
    const { app, author, partner, spaceId, journeyId, write, db } = await setUp();
    const entry = await write('CANARY-PRIVATE-HURT', 'private');
    assert.match(await everythingSeenBy(app, author, spaceId, journeyId), /CANARY-PRIVATE-HURT/, 'the author reads it before the edit');
    assert.doesNotMatch(await everythingSeenBy(app, partner, spaceId, journeyId), /CANARY-PRIVATE-HURT/);

    await db.updateTable('journey_entries').set({ visibility: 'shared' }).where('id', '=', entry.id).execute();
    assert.doesNotMatch(await everythingSeenBy(app, partner, spaceId, journeyId), /CANARY-PRIVATE-HURT/);
    assert.doesNotMatch(await everythingSeenBy(app, author, spaceId, journeyId), /CANARY-PRIVATE-HURT/, 'fail closed: not even the author');
    // Putting the column back makes it the author's again: nothing was lost.
    await db.updateTable('journey_entries').set({ visibility: 'private' }).where('id', '=', entry.id).execute();
    assert.match((await author.api.get(`/api/v1/journeys/${journeyId}/entries`)).body, /CANARY-PRIVATE-HURT/);
  });

  test('a private entry whose author is edited to the partner is shown to nobody', async () => {
    const { app, author, partner, spaceId, journeyId, write, db } = await setUp();
    const entry = await write('CANARY-AUTHOR-SWAP', 'private');
    await db.updateTable('journey_entries').set({ author_id: partner.id }).where('id', '=', entry.id).execute();
    assert.doesNotMatch(await everythingSeenBy(app, partner, spaceId, journeyId), /CANARY-AUTHOR-SWAP/);
    assert.doesNotMatch(await everythingSeenBy(app, author, spaceId, journeyId), /CANARY-AUTHOR-SWAP/);
  });

  test('a private entry moved into a journey of another space is shown to nobody there', async () => {
    const { app, write, db } = await setUp();
    const other = await couple(app, ['Kim', 'Lou']);
    const otherJourney = json(
      await other.a.api.post(`/api/v1/spaces/${other.spaceId}/breaches`, { kind: 'lying', brokeTrust: [other.b.id] }),
    ).journey.id as string;
    const entry = await write('CANARY-MOVED-ENTRY', 'shared');
    await db.updateTable('journey_entries').set({ journey_id: otherJourney }).where('id', '=', entry.id).execute();
    assert.doesNotMatch(await everythingSeenBy(app, other.a, other.spaceId, otherJourney), /CANARY-MOVED-ENTRY/);
  });

  test('a journey moved to another space takes no readable text with it', async () => {
    const { app, write, journeyId, db } = await setUp();
    const other = await couple(app, ['Kim', 'Lou']);
    await write('CANARY-MOVED-JOURNEY', 'shared');
    await db.updateTable('journeys').set({ space_id: other.spaceId }).where('id', '=', journeyId).execute();
    await db
      .updateTable('breaches')
      .set({ space_id: other.spaceId })
      .where('id', '=', db.selectFrom('journeys').select('breach_id').where('id', '=', journeyId))
      .execute();
    assert.doesNotMatch(await everythingSeenBy(app, other.a, other.spaceId, journeyId), /CANARY-MOVED-JOURNEY/);
  });

  test('a private check-in note whose visibility is edited to shared is not shown; the check-in’s numbers still are', async () => {
    const { app, author, partner, spaceId, journeyId, db } = await setUp();
    await succeeded(
      author.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
        safety: 3,
        trust: 3,
        closeness: 3,
        note: { text: 'CANARY-CHECKIN-NOTE', visibility: 'private' },
      }),
      'check-in',
    );
    await db.updateTable('checkins').set({ note_visibility: 'shared' }).where('account_id', '=', author.id).execute();
    assert.doesNotMatch(await everythingSeenBy(app, partner, spaceId, journeyId), /CANARY-CHECKIN-NOTE/);
    const mine = json(await author.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins.find(
      (c: { accountId: string }) => c.accountId === author.id,
    );
    assert.equal(mine.note, null, 'the note is shown to nobody');
  });

  test('a private breach description whose visibility is edited to shared is not shown', async () => {
    const { app, author, partner, spaceId, db } = await setUp();
    const journeyId = json(
      await succeeded(
        author.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
          kind: 'lying',
          brokeTrust: [partner.id],
          description: { text: 'CANARY-DESCRIPTION', visibility: 'private' },
        }),
        'breach',
      ),
    ).journey.id as string;
    await db.updateTable('breaches').set({ description_visibility: 'shared' }).where('space_id', '=', spaceId).execute();
    assert.doesNotMatch(await everythingSeenBy(app, partner, spaceId, journeyId), /CANARY-DESCRIPTION/);
  });

  test('sharing a private entry the proper way seals it again: the partner reads it', async () => {
    const { author, partner, journeyId, write, db } = await setUp();
    const entry = await write('CANARY-SHARED-LATER', 'private');
    const before = await db.selectFrom('journey_entries').select('text_enc').where('id', '=', entry.id).executeTakeFirstOrThrow();
    const shared = await author.api.put(`/api/v1/entries/${entry.id}/visibility`, { visibility: 'shared' });
    assert.equal(shared.statusCode, 200, shared.body);
    const after = await db.selectFrom('journey_entries').select('text_enc').where('id', '=', entry.id).executeTakeFirstOrThrow();
    assert.notEqual(after.text_enc, before.text_enc, 'sealed again under its new visibility');
    assert.match((await partner.api.get(`/api/v1/journeys/${journeyId}/entries`)).body, /CANARY-SHARED-LATER/);
  });
});
