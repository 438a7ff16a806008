import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { localDate } from '../../src/core/time.js';
import { DRAFT_LIMITS } from '../../src/core/drafts/places.js';
import { APOLOGY_PART_MAX, DESCRIPTION_MAX, ENTRY_TEXT_MAX } from '../../src/features/journey/service.js';
import { NOTE_MAX } from '../../src/features/checkin/service.js';
import { AGREEMENT_TEXT_MAX } from '../../src/features/agreements/service.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { journeyAtStep2, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';

/**
 * Drafts (issue #18): what a person is writing is kept for them alone until they send or discard
 * it — through the API and through the pages' "Save draft" — and nobody else can read or overwrite
 * it by any route. Canary words are planted in the author's drafts and searched for everywhere
 * the others can look.
 */

const today = () => localDate(new Date(), 'UTC');
const ALL_PARTS = {
  'parts.regret': 'I am sorry that I lied about the trip.',
  'parts.responsibility': 'I chose to hide it.',
  'parts.impact': 'You felt foolish and alone.',
  'parts.change': 'I will tell you my plans before I make them.',
  'parts.repair': 'I will plan our next trip with you.',
};

async function draftRows(app: FastifyInstance, accountId: string): Promise<Array<{ place: string; fields_enc: string }>> {
  const { rows } = await sql<{
    place: string;
    fields_enc: string;
  }>`select place, fields_enc from drafts where account_id = ${accountId}`.execute(app.mend.store.db);
  return rows;
}

/** The form's idempotency key on the last page a client read. */
const formKey = (client: PageClient): string => /name="_idempotency" value="([^"]+)"/.exec(client.lastHtml)![1]!;

describeEachDatabase('drafts are kept for their author alone', (get) => {
  test('the author keeps, reads, lists and discards a draft through the API; the texts are encrypted at rest', async () => {
    const { app } = get();
    const { a, journeyId } = await journeyAtStep2(app);
    const place = `apology:${journeyId}`;
    assert.equal((await a.api.get(`/api/v1/drafts/${place}`)).statusCode, 404, 'none yet');
    const put = await a.api.put(`/api/v1/drafts/${place}`, { fields: { 'parts.regret': 'CANARY-AT-REST line one\r\nline two' } });
    assert.equal(put.statusCode, 200, put.body);
    const draft = json(put).draft;
    assert.deepEqual(draft.fields, { 'parts.regret': 'CANARY-AT-REST line one\nline two' }, 'line breaks kept as LF');
    assert.equal(draft.place, place);
    const got = json(await succeeded(a.api.get(`/api/v1/drafts/${place}`), 'get')).draft;
    assert.deepEqual(got, draft);
    const again = json(await succeeded(a.api.put(`/api/v1/drafts/${place}`, { fields: { 'parts.impact': 'changed' } }), 'put again')).draft;
    assert.deepEqual(again.fields, { 'parts.impact': 'changed' }, 'a draft is replaced whole');
    assert.equal(again.createdAt, draft.createdAt, 'the same draft, begun when it was first kept');
    const listed = json(await succeeded(a.api.get('/api/v1/me/drafts'), 'list'));
    assert.deepEqual(
      listed.drafts.map((d: { place: string }) => d.place),
      [place],
    );
    assert.equal(listed.next, null);

    const rows = await draftRows(app, a.id);
    assert.equal(rows.length, 1);
    assert.ok(
      !rows[0]!.fields_enc.includes('changed') && rows[0]!.fields_enc.startsWith('p1.'),
      'sealed under its author’s own key (issue #23), not plain text',
    );

    // Two saves at once (two tabs, or the island and "Save draft"): one draft, whole, one of the two.
    const racing = await Promise.all(
      ['first', 'second'].map((w) => a.api.put(`/api/v1/drafts/${place}`, { fields: { 'parts.repair': `${w} tab` } })),
    );
    assert.deepEqual(
      racing.map((r) => r.statusCode),
      [200, 200],
    );
    assert.match(json(await a.api.get(`/api/v1/drafts/${place}`)).draft.fields['parts.repair'], /^(first|second) tab$/);
    assert.equal((await draftRows(app, a.id)).length, 1);

    // The island asks the page route for JSON while the person types.
    const pages = await pagesAs(app, a);
    await pages.get(`/journeys/${journeyId}/apology`);
    const quiet = await pages.post(
      '/drafts/save',
      { _draft: place, _back: '/', 'parts.regret': 'typed' },
      { headers: { accept: 'application/json' } },
    );
    assert.equal(quiet.statusCode, 200);
    assert.ok(json(quiet).savedAt);

    // A draft with no words is none: it is deleted, and the answer says so.
    assert.equal((await a.api.put(`/api/v1/drafts/${place}`, { fields: { 'parts.impact': '  ' } })).statusCode, 204);
    assert.equal((await a.api.get(`/api/v1/drafts/${place}`)).statusCode, 404);
    await succeeded(a.api.put(`/api/v1/drafts/${place}`, { fields: { 'parts.impact': 'again' } }), 'put');
    assert.equal((await a.api.delete(`/api/v1/drafts/${place}`)).statusCode, 204);
    assert.equal((await a.api.delete(`/api/v1/drafts/${place}`)).statusCode, 404, 'none left to discard');
    assert.equal((await a.api.get(`/api/v1/drafts/${place}`)).statusCode, 404);
    assert.equal((await draftRows(app, a.id)).length, 0);
  });

  test('sizes and fields are bounded like the texts they become (400), and a place must be one Mend keeps', async () => {
    const { app } = get();
    // The limits the drafts keep are those of the real texts.
    assert.deepEqual(DRAFT_LIMITS, { entry: ENTRY_TEXT_MAX, apologyPart: APOLOGY_PART_MAX, note: NOTE_MAX, agreement: AGREEMENT_TEXT_MAX });
    assert.equal(DESCRIPTION_MAX, DRAFT_LIMITS.entry);
    const { a, spaceId, journeyId } = await journeyAtStep2(app);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`entry:${journeyId}:what_hurts`, { text: 'é'.repeat(ENTRY_TEXT_MAX + 1) }, 'text'],
      [`apology:${journeyId}`, { 'parts.regret': 'x'.repeat(APOLOGY_PART_MAX + 1) }, 'parts.regret'],
      [`checkin-note:${spaceId}`, { note: 'x'.repeat(NOTE_MAX + 1) }, 'note'],
      [`checkin-note:${spaceId}`, { note: 'fine', visibility: 'shared' }, 'visibility'],
    ];
    for (const [place, fields, field] of cases) {
      const res = await a.api.put(`/api/v1/drafts/${place}`, { fields });
      assert.equal(res.statusCode, 400, `${place}: ${res.body.slice(0, 200)}`);
      // Named by the place's own rule, or by the schema at the edge (an entry's longest text).
      const details = json(res).error.details;
      assert.ok(details[field] ?? details[`fields.${field}`], `${place}: names ${field} (${JSON.stringify(details)})`);
    }
    // At the limit, a CRLF counts as the one line break a browser counted for maxlength.
    const atLimit = `${'x'.repeat(NOTE_MAX - 2)}\r\n`;
    assert.equal((await a.api.put(`/api/v1/drafts/checkin-note:${spaceId}`, { fields: { note: `${atLimit}y` } })).statusCode, 200);
    for (const bad of ['nothing:x', `entry:${journeyId}:answer`, `entry:${journeyId}`, 'apology:a%20b', `apology:${'x'.repeat(70)}`]) {
      const res = await a.api.put(`/api/v1/drafts/${bad}`, { fields: { text: 'x' } });
      assert.equal(res.statusCode, 400, `${bad}: ${res.statusCode}`);
    }
    assert.equal((await a.api.put(`/api/v1/drafts/apology:no-such-journey`, { fields: { 'parts.regret': 'x' } })).statusCode, 404);
    // Through the pages too: nothing is cut short; the page says what was too long.
    const pages = await pagesAs(app, a);
    await pages.get(`/journeys/${journeyId}/steps/2`);
    const long = await pages.post('/drafts/save', {
      _draft: `entry:${journeyId}:what_hurts`,
      _back: `/journeys/${journeyId}/steps/2`,
      text: 'x'.repeat(ENTRY_TEXT_MAX + 1),
    });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Your draft was not kept/);
    assert.match(long.body, /at most 10,000 characters/);
  });

  test('the partner, an active therapist and a stranger cannot read, list, overwrite or discard the author’s draft, by any route', async () => {
    const { app } = get();
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
    const canary = 'CANARY-DRAFT-Vexilloquent';
    const places: Array<[string, Record<string, string>]> = [
      [`apology:${journeyId}`, { 'parts.regret': `${canary} regret`, 'parts.impact': `${canary} impact` }],
      [`entry:${journeyId}:what_hurts`, { text: `${canary} hurts` }],
      [`checkin-note:${spaceId}`, { note: `${canary} note` }],
      [`meeting:${spaceId}`, { appreciations: `${canary} thanks` }],
      [`reassurance:${spaceId}`, { note: `${canary} please` }],
      [`breach:${spaceId}`, { description: `${canary} what happened` }],
      [`apology-answer:${journeyId}`, { missingWords: `${canary} what is missing` }],
    ];
    for (const [place, fields] of places) await succeeded(a.api.put(`/api/v1/drafts/${place}`, { fields }), place);
    const t = await activeTherapist(app, a, b, spaceId);
    const stranger = await signUp(app, 'Stranger');
    const others: Array<[string, Person]> = [
      ['partner', b],
      ['therapist', t],
      ['stranger', stranger],
    ];
    const unread = async (p: Person) => json(await p.api.get('/api/v1/me/notifications')).unread as number;
    const unreadBefore = await unread(b);

    for (const [who, p] of others) {
      for (const [place] of places) {
        const got = await p.api.get(`/api/v1/drafts/${place}`);
        assert.equal(got.statusCode, 404, `${who} reads ${place}`);
        assert.ok(!got.body.includes(canary));
        // Discarding is always one's own, and they have none: the author's draft stays.
        assert.equal((await p.api.delete(`/api/v1/drafts/${place}`)).statusCode, 404);
      }
      const listed = await p.api.get('/api/v1/me/drafts');
      assert.equal(listed.statusCode, 200);
      assert.deepEqual(json(listed).drafts, [], `${who} lists none`);
    }
    // Writing at the same place makes the partner's own draft, never touches the author's.
    assert.equal((await b.api.put(`/api/v1/drafts/apology:${journeyId}`, { fields: { 'parts.regret': 'mine' } })).statusCode, 200);
    assert.equal((await t.api.put(`/api/v1/drafts/apology:${journeyId}`, { fields: { 'parts.regret': 'x' } })).statusCode, 403);
    assert.equal((await stranger.api.put(`/api/v1/drafts/apology:${journeyId}`, { fields: { 'parts.regret': 'x' } })).statusCode, 404);
    assert.equal((await stranger.api.put(`/api/v1/drafts/meeting:${spaceId}`, { fields: { appreciations: 'x' } })).statusCode, 404);
    for (const [place, fields] of places) {
      const mine = json(await succeeded(a.api.get(`/api/v1/drafts/${place}`), place)).draft;
      assert.deepEqual(mine.fields, fields, `${place} is still the author's`);
    }
    assert.deepEqual(json(await b.api.get(`/api/v1/drafts/apology:${journeyId}`)).draft.fields, { 'parts.regret': 'mine' });

    // The pages: the same forms, drawn for the others, never hold the author's words; their own
    // "Save draft" and "Discard draft" touch only their own.
    const bPages = await pagesAs(app, b);
    const tPages = await pagesAs(app, t);
    const sPages = await pagesAs(app, stranger);
    const urls = [
      `/spaces/${spaceId}`,
      `/journeys/${journeyId}`,
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `/journeys/${journeyId}/steps/${n}`),
      `/journeys/${journeyId}/apology`,
      `/spaces/${spaceId}/check-in`,
      `/spaces/${spaceId}/meetings`,
      `/spaces/${spaceId}/meetings/new`,
      `/spaces/${spaceId}/reassurance`,
      `/spaces/${spaceId}/agreement-log`,
      `/spaces/${spaceId}/breaches/new`,
      `/spaces/${spaceId}/progress`,
      `/spaces/${spaceId}/live/reassurance`,
      `/spaces/${spaceId}/live/agreement-log`,
      `/journeys/${journeyId}/live/steps`,
      '/notifications',
      '/',
    ];
    for (const [who, client] of [
      ['partner', bPages],
      ['therapist', tPages],
      ['stranger', sPages],
    ] as const) {
      for (const url of urls) {
        const res = await client.get(url);
        assert.ok(!res.body.includes(canary), `${who} sees the author's draft on ${url}`);
      }
    }
    await bPages.get(`/spaces/${spaceId}/check-in`);
    const bDiscards = await bPages.post('/drafts/discard', { _draft: `checkin-note:${spaceId}`, _back: '/' });
    assert.equal(bDiscards.statusCode, 303);
    await tPages.get(`/spaces/${spaceId}/check-in`);
    assert.equal((await tPages.post('/drafts/save', { _draft: `checkin-note:${spaceId}`, _back: '/', note: 'x' })).statusCode, 403);
    await sPages.get('/');
    assert.equal((await sPages.post('/drafts/save', { _draft: `checkin-note:${spaceId}`, _back: '/', note: 'x' })).statusCode, 404);
    assert.equal(
      json(await a.api.get(`/api/v1/drafts/checkin-note:${spaceId}`)).draft.fields.note,
      `${canary} note`,
      'the author’s note draft is untouched',
    );

    // Their exports and notifications carry nothing of it; a draft tells nobody anything.
    for (const [who, p] of others) {
      await succeeded(p.api.post('/api/v1/sessions/current/reauthenticate', { password: p.password }), 'reauthenticate');
      const exported = await p.api.get('/api/v1/me/export');
      assert.equal(exported.statusCode, 200, `${who} exports`);
      assert.ok(!exported.body.includes(canary), `${who}'s export`);
      assert.ok(!(await p.api.get('/api/v1/me/notifications')).body.includes(canary));
    }
    assert.equal(await unread(b), unreadBefore, 'no notification for a draft');
    // The author's own export holds them (they are theirs to take when they leave).
    await succeeded(a.api.post('/api/v1/sessions/current/reauthenticate', { password: a.password }), 'reauthenticate');
    const own = json(await succeeded(a.api.get('/api/v1/me/export'), 'export'));
    assert.deepEqual(own.drafts.map((d: { place: string }) => d.place).sort(), places.map(([p]) => p).sort());
  });

  test('without JavaScript: "Save draft" keeps the words and comes back to them; the form’s key stays fresh for the send; sending deletes the draft', async () => {
    const { app } = get();
    const { a, b, journeyId } = await journeyAtStep2(app);
    const alex = await pagesAs(app, a);
    const builder = `/journeys/${journeyId}/apology`;
    await alex.get(builder);
    const key = formKey(alex);
    const saved = await alex.post('/drafts/save', {
      _idempotency: key,
      _draft: `apology:${journeyId}`,
      _back: `${builder}#apology-form`,
      action: 'check',
      'parts.regret': 'A long apology, kept <as> a draft.',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${builder}#apology-form`);
    const back = await alex.get(builder);
    assert.match(back.body, /A long apology, kept &lt;as&gt; a draft\./, 'drawn back into its box, escaped');
    assert.match(back.body, /Your draft from .* is below\. Only you can see it until you send it\./);
    assert.match(back.body, /formaction="\/drafts\/discard"/);
    // The partner's builder is their own: none of it.
    const sam = await pagesAs(app, b);
    assert.doesNotMatch((await sam.get(builder)).body, /kept &lt;as&gt; a draft/);

    // The same key sends the apology: it was not used by the draft, so the sending is saved (not
    // answered as the draft was, not refused), and its draft is gone with it.
    const sent = await alex.post(builder, { _idempotency: key, action: 'deliver', ...ALL_PARTS });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    assert.match(sent.headers.location as string, /\/steps\/2#apology-heading$/);
    assert.equal(json(await a.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies.length, 1);
    assert.equal((await a.api.get(`/api/v1/drafts/apology:${journeyId}`)).statusCode, 404, 'sending deleted the draft');
    assert.doesNotMatch((await alex.get(builder)).body, /Your draft from/);
  });

  test('"Check my apology" keeps the parts as a draft, so a reload (and coming back later) finds them', async () => {
    const { app } = get();
    const { a, journeyId } = await journeyAtStep2(app);
    const alex = await pagesAs(app, a);
    const builder = `/journeys/${journeyId}/apology`;
    await alex.get(builder);
    const checked = await alex.post(builder, { action: 'check', ...ALL_PARTS, 'parts.regret': 'I am sorry if you felt hurt.' });
    assert.equal(checked.statusCode, 303);
    for (let i = 0; i < 2; i++) {
      const page = await alex.get(`${builder}?checked=1`);
      assert.match(page.body, /Suggestions from the language coach/);
      assert.match(page.body, /I am sorry if you felt hurt\./);
      assert.match(page.body, /You felt foolish and alone\./);
    }
    // Signed out and in again, the draft is there.
    const again = await pagesAs(app, a);
    assert.match((await again.get(builder)).body, /You felt foolish and alone\./);
    // Delivering with a part missing keeps what was written as the draft too.
    await again.get(builder);
    const incomplete = await again.post(builder, { action: 'deliver', 'parts.regret': 'Only this, for now.' });
    assert.equal(incomplete.statusCode, 400);
    assert.deepEqual(json(await a.api.get(`/api/v1/drafts/apology:${journeyId}`)).draft.fields, { 'parts.regret': 'Only this, for now.' });
    // Discard empties the boxes.
    const discarded = await again.post('/drafts/discard', { _draft: `apology:${journeyId}`, _back: builder });
    assert.equal(discarded.statusCode, 303);
    assert.doesNotMatch((await again.get(builder)).body, /Only this, for now\./);
  });

  test('each sending deletes its draft, through either door', async () => {
    const { app } = get();
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
    const keep = (p: Person, place: string, fields: Record<string, string>) =>
      succeeded(p.api.put(`/api/v1/drafts/${place}`, { fields }), place);
    const gone = async (p: Person, place: string) =>
      assert.equal((await p.api.get(`/api/v1/drafts/${place}`)).statusCode, 404, `${place} was deleted by its sending`);

    await keep(b, `entry:${journeyId}:what_hurts`, { text: 'draft' });
    await succeeded(
      b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: 'sent', visibility: 'private' }),
      'entry',
    );
    await gone(b, `entry:${journeyId}:what_hurts`);

    await keep(a, `checkin-note:${spaceId}`, { note: 'draft' });
    await succeeded(a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 5, trust: 5, closeness: 5 }), 'check-in');
    await gone(a, `checkin-note:${spaceId}`);

    await keep(a, `meeting:${spaceId}`, { appreciations: 'draft' });
    await succeeded(a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { appreciations: 'sent' }), 'meeting');
    await gone(a, `meeting:${spaceId}`);

    await keep(a, `reassurance:${spaceId}`, { note: 'draft' });
    const request = json(await succeeded(a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {}), 'reassurance'));
    await gone(a, `reassurance:${spaceId}`);
    const requestId = request.reassuranceRequest.id as string;
    await keep(b, `reassurance-answer:${requestId}`, { answer: 'draft' });
    await succeeded(b.api.post(`/api/v1/reassurance-requests/${requestId}/answer`, { text: 'I am here.' }), 'answer');
    await gone(b, `reassurance-answer:${requestId}`);

    // Through the pages: a question asked and answered, an agreement proposed.
    const sam = await pagesAs(app, b);
    await sam.get(`/spaces/${spaceId}/breaches/new`);
    await keep(b, `breach:${spaceId}`, { description: 'draft' });
    const breach = await sam.post(`/spaces/${spaceId}/breaches`, { kind: 'infidelity', who: 'partner' });
    assert.equal(breach.statusCode, 303, breach.body.slice(0, 300));
    await gone(b, `breach:${spaceId}`);
    const cheating = (breach.headers.location as string).split('/').pop()!;
    await sam.get(`/journeys/${cheating}/questions`);
    await keep(b, `entry:${cheating}:question`, { text: 'draft' });
    assert.equal(
      (await sam.post(`/journeys/${cheating}/steps/5/entries`, { prompt: 'question', text: 'Where were you?', visibility: 'shared' }))
        .statusCode,
      303,
    );
    await gone(b, `entry:${cheating}:question`);
    const questionId = json(await b.api.get(`/api/v1/journeys/${cheating}/entries`)).entries.find(
      (e: { prompt: string }) => e.prompt === 'question',
    ).id as string;
    const alex = await pagesAs(app, a);
    await alex.get(`/journeys/${cheating}/questions`);
    assert.doesNotMatch(alex.lastHtml, /Your draft from/);
    await keep(a, `answer:${questionId}`, { text: 'My answer, not yet sent.' });
    const questions = await alex.get(`/journeys/${cheating}/questions`);
    assert.match(questions.body, /My answer, not yet sent\./, 'the answer comes back into its own box');
    assert.equal(
      (
        await alex.post(`/journeys/${cheating}/steps/5/entries`, {
          prompt: 'answer',
          replyTo: questionId,
          text: 'At work.',
          visibility: 'shared',
        })
      ).statusCode,
      303,
    );
    await gone(a, `answer:${questionId}`);
  });

  test('leaving the space or deleting the account removes the drafts', async () => {
    const { app } = get();
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
    await succeeded(a.api.put(`/api/v1/drafts/apology:${journeyId}`, { fields: { 'parts.regret': 'x' } }), 'a');
    await succeeded(b.api.put(`/api/v1/drafts/checkin-note:${spaceId}`, { fields: { note: 'y' } }), 'b');
    assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);
    assert.equal((await draftRows(app, a.id)).length, 0, 'deleted with the account');
    assert.equal((await draftRows(app, b.id)).length, 1, 'the partner’s own stays');
    assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode < 300, true);
    assert.equal((await draftRows(app, b.id)).length, 0, 'left with the space');
  });
});
