import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, journeyWithApology, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, apiEvents, pagesAs } from '../support/live-people.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { allStoredTexts } from '../support/stored-texts.js';

/**
 * The daily question (issue #25): each partner answers privately, both answers open together once
 * both answered; a skip is nobody's business; one person alone reflects privately. Canary words
 * are planted in each answer and looked for everywhere the others can look — pages, API answers,
 * live events, notifications and exports — before the pair opens, and after for those who never may.
 * The live event, the pair's live section and the list of earlier days: daily-question-live.test.ts.
 */

const library = JSON.parse(fs.readFileSync(path.resolve('content/daily-questions.json'), 'utf8')) as {
  couple: Array<{ id: string; phase: string; text: string }>;
  solo: Array<{ id: string; phase: string; text: string }>;
};

const todays = async (p: Person, spaceId: string) =>
  json(await succeeded(p.api.get(`/api/v1/spaces/${spaceId}/daily-question`), 'today')).dailyQuestion;

const answer = (p: Person, spaceId: string, questionId: string, text: string) =>
  p.api.post(`/api/v1/spaces/${spaceId}/daily-question/answer`, { questionId, text });

async function checkIn(p: Person, spaceId: string, day: string): Promise<void> {
  await succeeded(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, { safety: 6, trust: 5, closeness: 5 }), 'check-in');
}

/** The person's export, after confirming their password as the API asks. */
async function exportOf(p: Person): Promise<string> {
  await succeeded(p.api.post('/api/v1/sessions/current/reauthenticate', { password: p.password }), 'reauthenticate');
  return (await succeeded(p.api.get('/api/v1/me/export'), 'export')).body;
}

/** Everything `p` can read about the space: its pages, API answers, notifications and export. */
async function everythingSeenBy(app: Parameters<typeof pagesAs>[0], p: Person, spaceId: string, day: string): Promise<string> {
  const pages = await pagesAs(app, p);
  const seen: string[] = [];
  // The day's own page answers 404 to someone who has nothing of that day; everything else is read.
  const byDay = [`/spaces/${spaceId}/question/${day}`, `/api/v1/spaces/${spaceId}/daily-question/${day}`];
  for (const url of [
    `/spaces/${spaceId}`,
    `/spaces/${spaceId}/question`,
    byDay[0]!,
    `/spaces/${spaceId}/progress`,
    `/spaces/${spaceId}/check-in`,
    '/notifications',
  ]) {
    const res = await pages.get(url);
    assert.ok(res.statusCode === 200 || (byDay.includes(url) && res.statusCode === 404), `${url}: ${res.statusCode}`);
    seen.push(res.body);
  }
  for (const url of [`/api/v1/spaces/${spaceId}/daily-question`, byDay[1]!, '/api/v1/me/notifications']) {
    const res = await p.api.get(url);
    assert.ok(res.statusCode === 200 || (byDay.includes(url) && res.statusCode === 404), `${url}: ${res.statusCode}`);
    seen.push(res.body);
  }
  seen.push(await exportOf(p));
  return seen.join('\n');
}

describeEachDatabase('the daily question for two', (get) => {
  test('both partners get the same question of their phase; an answer stays sealed until both answered, then both open', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const stranger = await signUp(app, 'Stranger');
    const qa = await todays(a, spaceId);
    const qb = await todays(b, spaceId);
    assert.equal(qa.question.id, qb.question.id, 'one question for the couple');
    assert.equal(qa.mode, 'pair');
    assert.equal(qa.question.phase, 'early', 'a couple with no journey yet gets the gentle questions');
    const fromFile = library.couple.find((q) => q.id === qa.question.id);
    assert.equal(fromFile?.text, qa.question.text, 'the words come from content/daily-questions.json');
    assert.deepEqual(qa.partners, [{ accountId: b.id, displayName: 'Sam', state: 'none' }]);

    const toldBefore = json(await b.api.get('/api/v1/me/notifications')).notifications.length;
    // Sam watches the space's live events while Alex answers.
    const base = await listening(app);
    const events = await apiEvents(base, b, spaceId);
    try {
      const sent = json(await succeeded(answer(a, spaceId, qa.question.id, 'CANARY-ALEX-DAILY what helped'), 'answer')).dailyQuestion;
      assert.equal(sent.own.state, 'answered');
      assert.equal(sent.own.text, 'CANARY-ALEX-DAILY what helped');
      assert.equal(sent.open, false);

      const stored = await sql<{
        text_enc: string;
        visibility: string;
      }>`select text_enc, visibility from daily_answers where account_id = ${a.id}`.execute(app.mend.store.db);
      assert.equal(stored.rows.length, 1);
      assert.equal(stored.rows[0]!.visibility, 'sealed');
      assert.ok(!stored.rows[0]!.text_enc.includes('CANARY'), 'encrypted at rest');
      assert.ok((await allStoredTexts(get())).includes('CANARY-ALEX-DAILY'), 'and bound so that it opens with its binding');

      // Sam sees that Alex answered, never the words: not in any page, API answer, notification or export.
      const forSam = await todays(b, spaceId);
      assert.deepEqual(forSam.partners, [{ accountId: a.id, displayName: 'Alex', state: 'sealed' }]);
      const samPages = await pagesAs(app, b);
      assert.match((await samPages.get(`/spaces/${spaceId}/question`)).body, /Alex has answered\. Their answer opens when you send yours/);
      assert.ok(!(await everythingSeenBy(app, b, spaceId, qa.day)).includes('CANARY-ALEX'), 'Sam cannot read it before answering');
      assert.equal(json(await b.api.get('/api/v1/me/notifications')).notifications.length, toldBefore, 'nobody is told about an answer');

      // A therapist is not asked daily questions and reads none; a stranger finds nothing.
      for (const url of [`/api/v1/spaces/${spaceId}/daily-question`, `/api/v1/spaces/${spaceId}/daily-question/${qa.day}`])
        assert.equal((await t.api.get(url)).statusCode, 403, url);
      assert.equal((await answer(t, spaceId, qa.question.id, 'therapist words')).statusCode, 403);
      const tPages = await pagesAs(app, t);
      assert.equal((await tPages.get(`/spaces/${spaceId}/question`)).statusCode, 403);
      for (const url of [`/api/v1/spaces/${spaceId}/daily-question`, `/api/v1/spaces/${spaceId}/daily-question/${qa.day}`])
        assert.equal((await stranger.api.get(url)).statusCode, 404, url);
      assert.equal((await answer(stranger, spaceId, qa.question.id, 'x')).statusCode, 404);
      assert.equal((await (await pagesAs(app, stranger)).get(`/spaces/${spaceId}/question`)).statusCode, 404);

      // Sam answers: the pair opens for both, and stays readable by day.
      const alexToldBefore = json(await a.api.get('/api/v1/me/notifications')).notifications.length;
      const opened = json(await succeeded(answer(b, spaceId, qb.question.id, 'CANARY-SAM-DAILY a walk'), 'answer')).dailyQuestion;
      assert.equal(opened.open, true);
      assert.equal(opened.partners[0].text, 'CANARY-ALEX-DAILY what helped');
      const forAlex = await todays(a, spaceId);
      assert.equal(forAlex.open, true);
      assert.equal(forAlex.partners[0].state, 'open');
      assert.equal(forAlex.partners[0].text, 'CANARY-SAM-DAILY a walk');
      const byDay = json(await succeeded(a.api.get(`/api/v1/spaces/${spaceId}/daily-question/${qa.day}`), 'by day')).dailyQuestion;
      assert.equal(byDay.partners[0].text, 'CANARY-SAM-DAILY a walk');
      const alexPages = await pagesAs(app, a);
      const page = (await alexPages.get(`/spaces/${spaceId}/question`)).body;
      assert.ok(page.includes('CANARY-SAM-DAILY a walk') && page.includes('CANARY-ALEX-DAILY what helped'));

      // Each export holds the pair now; the therapist's holds neither half, and no page of theirs does.
      assert.ok((await exportOf(a)).includes('CANARY-SAM-DAILY'));
      const tSeen = [await exportOf(t)];
      for (const url of [`/spaces/${spaceId}`, `/spaces/${spaceId}/progress`, `/spaces/${spaceId}/session-summary`]) {
        const res = await tPages.get(url);
        assert.equal(res.statusCode, 200, url);
        tSeen.push(res.body);
      }
      assert.ok(!tSeen.join('\n').includes('CANARY-'), 'a therapist reads no daily answer');

      // An answer is kept as written.
      assert.equal((await answer(a, spaceId, qa.question.id, 'again')).statusCode, 400);
      assert.equal(
        json(await a.api.get('/api/v1/me/notifications')).notifications.length,
        alexToldBefore,
        'nobody is told when the pair opens either',
      );

      // Something that causes a live event of its own, so the stream has carried everything by now.
      await checkIn(a, spaceId, qa.day);
      await events.waitForEvents(3);
      assert.ok(!events.raw.includes('CANARY'), 'no live event carries an answer');
      // Each answer only refreshes open question pages: the day, nothing of who, what or which question.
      const daily = events.events.filter((e) => e.event === 'daily_answer');
      assert.equal(daily.length, 2, 'one per answer');
      for (const e of daily) assert.deepEqual(JSON.parse(e.data), { kind: 'daily_answer', day: qa.day });
    } finally {
      closeOpenStreams();
    }
  });

  test('the phase of repair follows the couple’s journey: once step 3 is open, the questions rebuild', async () => {
    const { app } = get();
    const { a, b, spaceId } = await journeyWithApology(app, 'lying', { received: true });
    const q = await todays(a, spaceId);
    assert.equal(q.question.phase, 'rebuilding');
    assert.equal((await todays(b, spaceId)).question.id, q.question.id);
    assert.equal(library.couple.find((c) => c.id === q.question.id)?.phase, 'rebuilding');
  });

  test('a skip is the person’s own, can still be answered, and the partner sees no answer', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const q = await todays(a, spaceId);
    assert.equal(
      (await b.api.post(`/api/v1/spaces/${spaceId}/daily-question/skip`, { questionId: 'early-999' })).statusCode,
      400,
      'not today’s question',
    );
    const skipped = json(
      await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/daily-question/skip`, { questionId: q.question.id }), 'skip'),
    ).dailyQuestion;
    assert.equal(skipped.own.state, 'skipped');
    assert.deepEqual(
      (await todays(a, spaceId)).partners,
      [{ accountId: b.id, displayName: 'Sam', state: 'none' }],
      'a skip looks like no answer',
    );
    await succeeded(answer(a, spaceId, q.question.id, 'CANARY-ALEX-AFTER-SKIP'), 'answer');
    assert.equal((await todays(b, spaceId)).partners[0].state, 'sealed', 'a skip does not open the pair');
    assert.ok(!(await everythingSeenBy(app, b, spaceId, q.day)).includes('CANARY-ALEX-AFTER-SKIP'));
    const later = json(await succeeded(answer(b, spaceId, q.question.id, 'changed my mind'), 'answer after skip')).dailyQuestion;
    assert.equal(later.open, true);
    assert.equal(later.partners[0].text, 'CANARY-ALEX-AFTER-SKIP');
  });

  test('bad answers are refused with their reason', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const q = await todays(a, spaceId);
    const empty = await answer(a, spaceId, q.question.id, '   ');
    assert.equal(empty.statusCode, 400);
    assert.ok(json(empty).error.details.text);
    assert.equal((await answer(a, spaceId, q.question.id, 'x'.repeat(2001))).statusCode, 400);
    assert.equal(
      (await answer(a, spaceId, 'reconnecting-001' === q.question.id ? 'early-001' : 'reconnecting-001', 'hello')).statusCode,
      400,
    );
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/daily-question/2001-01-01`)).statusCode, 404, 'a day with nothing of theirs');
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/daily-question/2999-01-01`)).statusCode, 404, 'a day to come');
  });

  test('the home page offers the question only after the day’s check-in; the page works without JavaScript', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const pages = await pagesAs(app, a);
    const before = (await pages.get(`/spaces/${spaceId}`)).body;
    assert.ok(!before.includes('A question for today'), 'not before the check-in');
    const q = await todays(a, spaceId);
    await checkIn(a, spaceId, q.day);
    const after = (await pages.get(`/spaces/${spaceId}`)).body;
    assert.ok(after.includes('A question for today') && after.includes(`/spaces/${spaceId}/question`));
    assert.doesNotMatch(after, /streak|in a row|days answered/i);
    const samHome = (await (await pagesAs(app, b)).get(`/spaces/${spaceId}`)).body;
    assert.ok(!samHome.includes('A question for today'), 'Sam has not checked in: nothing for Sam');

    const page = await pages.get(`/spaces/${spaceId}/question`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(q.question.text.replace(/'/g, '&#39;')) || page.body.includes(q.question.text));
    const empty = await pages.post(`/spaces/${spaceId}/question`, { questionId: q.question.id, text: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Write your answer, or skip today’s question\./);
    const long = await pages.post(`/spaces/${spaceId}/question`, { questionId: q.question.id, text: `kept words ${'y'.repeat(2001)}` });
    assert.equal(long.statusCode, 400);
    assert.ok(long.body.includes('kept words'), 'what was written comes back');
    const sent = await pages.post(`/spaces/${spaceId}/question`, { questionId: q.question.id, text: 'PAGE-ANSWER-ALEX' });
    assert.equal(sent.statusCode, 303);
    const shown = (await pages.get(`/spaces/${spaceId}/question`)).body;
    assert.ok(shown.includes('PAGE-ANSWER-ALEX'));
    assert.match(shown, /stays sealed until Sam answers/);
    assert.ok((await pages.get(`/spaces/${spaceId}`)).body.includes('You answered today’s question.'));

    // Sam skips through the page: back home, and nothing there asks again today.
    const samPages = await pagesAs(app, b);
    await checkIn(b, spaceId, q.day);
    await samPages.get(`/spaces/${spaceId}/question`);
    const skip = await samPages.post(`/spaces/${spaceId}/question/skip`, { questionId: q.question.id });
    assert.equal(skip.statusCode, 303);
    assert.ok(!(await samPages.get(`/spaces/${spaceId}`)).body.includes('A question for today'), 'a skip is respected');
  });

  test('a person alone gets a private reflective question that a partner who joins later never reads', async () => {
    const { app } = get();
    const a = await signUp(app, 'Alex');
    const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const q = await todays(a, spaceId);
    assert.equal(q.mode, 'solo');
    assert.ok(
      library.solo.some((s) => s.id === q.question.id && s.text === q.question.text),
      'from the solo questions',
    );
    await succeeded(answer(a, spaceId, q.question.id, 'CANARY-SOLO-REFLECTION'), 'solo answer');
    const stored = await sql<{ visibility: string }>`select visibility from daily_answers where account_id = ${a.id}`.execute(
      app.mend.store.db,
    );
    assert.equal(stored.rows[0]!.visibility, 'private');
    assert.ok((await exportOf(a)).includes('CANARY-SOLO-REFLECTION'), 'in its author’s export');

    const b = await signUp(app, 'Sam');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
    await succeeded(b.api.post(`/api/v1/invitations/${code}/accept`), 'join');
    const forSam = await todays(b, spaceId);
    assert.equal(forSam.mode, 'pair');
    assert.deepEqual(forSam.partners[0].state, 'none', 'a solo reflection is no half of a pair');
    assert.ok(!(await everythingSeenBy(app, b, spaceId, q.day)).includes('CANARY-SOLO'), 'Sam never reads it');
    const t = await activeTherapist(app, a, b, spaceId);
    assert.ok(!(await exportOf(t)).includes('CANARY-SOLO'), 'nor does a therapist');
  });

  test('leaving takes the leaver’s answers with them; deleting an account deletes its answers', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const q = await todays(a, spaceId);
    await succeeded(answer(a, spaceId, q.question.id, 'CANARY-ALEX-LEAVES'), 'answer');
    await succeeded(answer(b, spaceId, q.question.id, 'CANARY-SAM-DELETES'), 'answer');
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);
    let texts = await allStoredTexts(get());
    assert.ok(!texts.includes('CANARY-ALEX-LEAVES'), 'gone with Alex');
    assert.ok(texts.includes('CANARY-SAM-DELETES'));
    const alone = await todays(b, spaceId);
    assert.equal(alone.mode, 'solo', 'Sam is on their own now');
    assert.ok(!JSON.stringify(alone).includes('CANARY-ALEX'));
    assert.equal((await b.api.delete('/api/v1/me', { password: b.password })).statusCode, 204);
    texts = await allStoredTexts(get());
    assert.ok(!texts.includes('CANARY-SAM-DELETES'), 'gone with the account');
    const rows = await sql<{ n: number }>`select count(*) as n from daily_answers where space_id = ${spaceId}`.execute(app.mend.store.db);
    assert.equal(Number(rows.rows[0]!.n), 0);
  });
});
