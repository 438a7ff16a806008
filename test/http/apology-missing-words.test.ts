import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, journeyAtStep2, signUp } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { toldTo } from '../support/told.js';
import { allStoredTexts } from '../support/stored-texts.js';

/**
 * Issue #20: the hurt partner may say in words what an apology is missing. The words reach the
 * apology's author and an active therapist (who may read the apology), never another couple, a
 * stranger, a pending therapist, or any notification.
 */
describeEachDatabase('what an apology is missing, in words', (get) => {
  test('through the API: read by the author and an active therapist only; never in a notification; stored encrypted', async () => {
    const { app } = get();
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const pending = await signUp(app, 'Dr Pending');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    assert.equal((await pending.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    const other = await couple(app, ['Robin', 'Kim']);
    const stranger = await signUp(app, 'Stranger');

    const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' })).apology;
    const CANARY = 'canary-missing-7Q2 you never said what the nights cost me';
    assert.equal(
      (await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true, missingWords: 'x'.repeat(2001) })).statusCode,
      400,
    );
    const res = await b.api.post(`/api/v1/apologies/${apology.id}/responses`, {
      received: true,
      missing: ['impact'],
      missingWords: `  ${CANARY}  `,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(json(res).response.missingWords, CANARY);

    for (const reader of [a, b, therapist]) {
      const list = await reader.api.get(`/api/v1/journeys/${journeyId}/apologies`);
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(json(list).apologies[0].responses[0].missingWords, CANARY, reader.displayName);
    }
    for (const outsider of [pending, other.a, stranger]) {
      const list = await outsider.api.get(`/api/v1/journeys/${journeyId}/apologies`);
      assert.ok(list.statusCode >= 400, `${outsider.displayName}: ${list.statusCode}`);
      assert.ok(!list.body.includes(CANARY));
      const j = await outsider.api.get(`/api/v1/journeys/${journeyId}`);
      assert.ok(!j.body.includes(CANARY));
    }
    // The author is told that it was answered, in fixed words.
    const told = await toldTo(a);
    assert.ok(told.list.some((n) => n.type === 'apology_answered'));
    for (const p of [a, b, therapist, pending, other.a, stranger]) assert.ok(!(await toldTo(p)).body.includes(CANARY), p.displayName);
    // Encrypted at rest: the words open through the vault, and no plain column holds them.
    assert.ok((await allStoredTexts(get())).includes(CANARY));
    const row = await get()
      .app.mend.store.db.selectFrom('apology_responses')
      .selectAll()
      .where('apology_id', '=', apology.id)
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes('canary-missing'));
  });

  test('through the pages: the answer form takes the words, the author and the therapist read them beside the answer', async () => {
    const { app } = get();
    const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const other = await couple(app, ['Robin', 'Kim']);
    const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' })).apology;
    const CANARY = 'canary-page-9K1 what it did to me';

    const bPages = await pagesAs(app, b);
    const form = await bPages.get(`/journeys/${journeyId}/apologies/${apology.id}/answer`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /What is missing, in your own words \(optional\)/);
    const tooLong = await bPages.post(`/journeys/${journeyId}/apologies/${apology.id}/answer`, {
      sincere: 'no',
      missingWords: 'y'.repeat(2001),
    });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /Use at most 2000 characters/);
    const sent = await bPages.post(`/journeys/${journeyId}/apologies/${apology.id}/answer`, {
      sincere: 'no',
      missing: 'repair',
      missingWords: CANARY,
    });
    assert.equal(sent.statusCode, 303, sent.body);

    for (const reader of [a, b, therapist]) {
      const page = await (await pagesAs(app, reader)).get(`/journeys/${journeyId}/steps/2`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(CANARY), `${reader.displayName} reads the words`);
    }
    const outsider = await (await pagesAs(app, other.a)).get(`/journeys/${journeyId}/steps/2`);
    assert.ok(!outsider.body.includes(CANARY));
    assert.ok(!(await toldTo(a)).body.includes(CANARY));
  });

  test('nothing is lost: a refused answer keeps every choice, and the words are kept as a draft until sent', async () => {
    const { app } = get();
    const { a, b, journeyId } = await journeyAtStep2(app);
    const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' })).apology;
    const url = `/journeys/${journeyId}/apologies/${apology.id}/answer`;
    const bPages = await pagesAs(app, b);
    await bPages.get(url);

    const refused = await bPages.post(url, { sincere: 'no', missing: 'impact', missingWords: 'y'.repeat(2001) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /name="sincere" value="no"[^>]* checked/, 'the sincere choice is kept');
    assert.match(refused.body, /name="missing" value="impact" checked/);
    assert.doesNotMatch(refused.body, /name="missing" value="(regret|responsibility|change|repair|forgiveness)" checked/);

    // Without JavaScript: "Save draft" keeps the words, and the page shows them again with the draft's note.
    const WORDS = 'draft-words-4T7 you did not say what the nights cost me';
    const saved = await bPages.post('/drafts/save', { _draft: `apology-answer:${journeyId}`, _back: url, missingWords: WORDS });
    assert.equal(saved.statusCode, 303, saved.body);
    const again = await bPages.get(url);
    assert.match(again.body, /Your draft from .* is below\. Only you can see it until you send it\./);
    assert.ok(again.body.includes(WORDS));
    const aPage = await (await pagesAs(app, a)).get(`/journeys/${journeyId}/steps/2`);
    assert.ok(!aPage.body.includes(WORDS), "the apology's author never reads the draft");
    assert.equal((await a.api.get(`/api/v1/drafts/apology-answer:${journeyId}`)).statusCode, 404);

    assert.equal((await bPages.post(url, { sincere: 'yes', missingWords: WORDS })).statusCode, 303);
    assert.equal((await b.api.get(`/api/v1/drafts/apology-answer:${journeyId}`)).statusCode, 404, 'sent: the draft is gone');
  });
});
