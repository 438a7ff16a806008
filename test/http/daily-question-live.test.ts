import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, apiEvents, pageEvents, pagesAs } from '../support/live-people.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { addDays } from '../../src/core/time.js';
import { DailyAnswerStore } from '../../src/features/daily-question/store.js';
import { EARLIER_DAYS } from '../../src/features/daily-question/service.js';
import { parseLiveEvent } from '../../src/platform/live/live-events.js';

/**
 * The daily question's open page (issue #25): a partner's answer refreshes the other's open page
 * through the space's stream (`daily_answer`, the day alone; never for a skip or a solo answer,
 * never to a therapist), the pair's live section keeps the sealed-pair rule, and "Earlier days"
 * lists only the viewer's own answered days.
 */

const todays = async (p: Person, spaceId: string) =>
  json(await succeeded(p.api.get(`/api/v1/spaces/${spaceId}/daily-question`), 'today')).dailyQuestion;

const answer = (p: Person, spaceId: string, questionId: string, text: string) =>
  succeeded(p.api.post(`/api/v1/spaces/${spaceId}/daily-question/answer`, { questionId, text }), 'answer');

const skip = (p: Person, spaceId: string, questionId: string) =>
  succeeded(p.api.post(`/api/v1/spaces/${spaceId}/daily-question/skip`, { questionId }), 'skip');

const checkIn = (p: Person, spaceId: string, day: string) =>
  succeeded(p.api.put(`/api/v1/spaces/${spaceId}/checkins/${day}`, { safety: 6, trust: 5, closeness: 5 }), 'check-in');

afterEach(() => closeOpenStreams());

test('a `daily_answer` event keeps the day alone, whatever a caller added', () => {
  assert.deepEqual(parseLiveEvent({ kind: 'daily_answer', day: '2026-12-06', text: 'CANARY', accountId: 'x', questionId: 'early-001' }), {
    kind: 'daily_answer',
    day: '2026-12-06',
  });
  for (const bad of [{ kind: 'daily_answer' }, { kind: 'daily_answer', day: 'today' }, { kind: 'daily_answer', day: 20261206 }])
    assert.equal(parseLiveEvent(bad), null, JSON.stringify(bad));
});

describeEachDatabase('the daily question’s open page', (get) => {
  test('an answer for two refreshes the partners’ open pages; a skip, a solo answer and a therapist’s stream carry nothing', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const base = await listening(app);
    const samPage = await pageEvents(base, await pagesAs(app, b), spaceId);
    const therapist = await apiEvents(base, t, spaceId);
    assert.equal(samPage.status, 200);
    assert.equal(therapist.status, 200);
    const q = await todays(a, spaceId);

    // A skip first: nothing, so the partner cannot tell a skip from silence.
    await skip(a, spaceId, q.question.id);
    await checkIn(b, spaceId, q.day);
    await samPage.waitForEvents(1);
    assert.deepEqual(
      samPage.events.map((e) => e.event),
      ['checkin'],
      'a skip sends nothing',
    );

    await answer(a, spaceId, q.question.id, 'CANARY-LIVE-ALEX');
    const [, event] = await samPage.waitForEvents(2);
    assert.equal(event!.event, 'daily_answer');
    assert.deepEqual(JSON.parse(event!.data), { kind: 'daily_answer', day: q.day }, 'the day alone');

    // The therapist's stream has the check-ins but never the answer.
    await checkIn(a, spaceId, q.day);
    await samPage.waitForEvents(3);
    await therapist.waitForEvents(2);
    assert.deepEqual(
      therapist.events.map((e) => e.event),
      ['checkin', 'checkin'],
    );
    assert.ok(!therapist.raw.includes('daily'), 'a therapist learns nothing of the daily question');
    for (const s of [samPage, therapist]) assert.ok(!s.raw.includes('CANARY'), 'no event carries words');

    // A person alone: their own stream carries nothing for their private reflection.
    const solo = await signUp(app, 'Robin');
    const soloSpace = json(await solo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
    const alone = await apiEvents(base, solo, soloSpace);
    const sq = await todays(solo, soloSpace);
    assert.equal(sq.mode, 'solo');
    await answer(solo, soloSpace, sq.question.id, 'CANARY-SOLO-LIVE');
    await checkIn(solo, soloSpace, sq.day);
    await alone.waitForEvents(1);
    assert.deepEqual(
      alone.events.map((e) => e.event),
      ['checkin'],
      'a solo answer sends nothing',
    );
  });

  test('the pair’s live section hides the partner’s answer until both answered, and refuses a therapist and a stranger', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    const stranger = await signUp(app, 'Stranger');
    const q = await todays(a, spaceId);
    const url = `/spaces/${spaceId}/live/daily-question/${q.day}`;
    const alex = await pagesAs(app, a);
    const sam = await pagesAs(app, b);

    // The page names the section the island draws again.
    const page = (await sam.get(`/spaces/${spaceId}/question`)).body;
    assert.ok(page.includes(`data-live-fragment="${url}"`) && page.includes('data-live-on="daily_answer"'));
    assert.match(page, /<script type="module" src="\/static\/live[.\w-]*\.js">/, 'with the live island');

    await answer(a, spaceId, q.question.id, 'CANARY-FRAGMENT-ALEX');
    const sealed = await sam.get(url);
    assert.equal(sealed.statusCode, 200);
    assert.match(sealed.body, /Alex has answered\. Their answer opens when you send yours/);
    assert.ok(!sealed.body.includes('CANARY-FRAGMENT-ALEX'), 'sealed until Sam answers');
    assert.ok(sealed.body.includes('name="text"'), 'with Sam’s form');
    assert.match((await alex.get(url)).body, /stays sealed until Sam answers/);

    for (const [who, status] of [
      [await pagesAs(app, t), 403],
      [await pagesAs(app, stranger), 404],
    ] as const) {
      const res = await who.get(url);
      assert.equal(res.statusCode, status);
      assert.ok(!res.body.includes('CANARY'), 'nothing of the answer');
    }

    await answer(b, spaceId, q.question.id, 'CANARY-FRAGMENT-SAM');
    const open = (await alex.get(url)).body;
    assert.ok(open.includes('CANARY-FRAGMENT-SAM') && open.includes('CANARY-FRAGMENT-ALEX'), 'open to both once both answered');
    assert.ok((await sam.get(url)).body.includes('CANARY-FRAGMENT-ALEX'));
    const therapistAfter = await (await pagesAs(app, t)).get(url);
    assert.equal(therapistAfter.statusCode, 403);
    assert.ok(!therapistAfter.body.includes('CANARY'), 'not even once open');
    // A day with nothing of the viewer's is not found, as the day's page is.
    assert.equal((await alex.get(`/spaces/${spaceId}/live/daily-question/${addDays(q.day, -3)}`)).statusCode, 404);
  });

  test('“Earlier days” lists only the viewer’s own answered days, newest first, a bounded number and a link to older ones', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const today = (await todays(a, spaceId)).day as string;
    const store = new DailyAnswerStore(app.mend.store.db, app.mend.vault);
    const put = (p: Person, day: string, state: 'answered' | 'skipped') =>
      store.put({
        id: `${p.id.slice(0, 20)}-${day}`,
        spaceId,
        accountId: p.id,
        day,
        questionId: 'early-001',
        visibility: 'sealed',
        state,
        text: state === 'answered' ? `words of ${day}` : null,
        now: new Date().toISOString(),
      });
    const [d1, d2, d3, d4] = [1, 2, 3, 4].map((n) => addDays(today, -n)) as [string, string, string, string];
    await put(a, d1, 'answered');
    await put(a, d2, 'skipped');
    await put(a, d3, 'answered');
    await put(b, d3, 'answered');
    await put(b, d4, 'answered');
    const todaysQ = await todays(a, spaceId);
    await answer(a, spaceId, todaysQ.question.id, 'today’s words');

    const alex = await pagesAs(app, a);
    const page = (await alex.get(`/spaces/${spaceId}/question`)).body;
    const listed = [...page.matchAll(new RegExp(`href="/spaces/${spaceId}/question/(\\d{4}-\\d{2}-\\d{2})"`, 'g'))].map((m) => m[1]);
    assert.deepEqual(listed, [d1, d3], 'answered days only, newest first: no skip, no partner’s day, not today');
    assert.ok(page.includes('Earlier days'));
    assert.ok(!page.includes('Older days'), 'no link when everything is listed');
    // Each day opens with the pair rule: d3 both answered, d1 Alex alone.
    assert.ok((await alex.get(`/spaces/${spaceId}/question/${d3}`)).body.includes(`words of ${d3}`));
    assert.equal((await alex.get(`/spaces/${spaceId}/question/${d4}`)).statusCode, 404, 'Sam’s day alone is not Alex’s');

    // Sam's list is Sam's own.
    const samPage = (await (await pagesAs(app, b)).get(`/spaces/${spaceId}/question`)).body;
    const samListed = [...samPage.matchAll(new RegExp(`href="/spaces/${spaceId}/question/(\\d{4}-\\d{2}-\\d{2})"`, 'g'))].map((m) => m[1]);
    assert.deepEqual(samListed, [d3, d4]);

    // Many days: the most recent EARLIER_DAYS, then a plain link to the rest.
    const older = Array.from({ length: EARLIER_DAYS + 5 }, (_, i) => addDays(today, -10 - i));
    for (const day of older) await put(a, day, 'answered');
    const full = (await alex.get(`/spaces/${spaceId}/question`)).body;
    const shown = [...full.matchAll(new RegExp(`href="/spaces/${spaceId}/question/(\\d{4}-\\d{2}-\\d{2})"`, 'g'))].map((m) => m[1]);
    assert.equal(shown.length, EARLIER_DAYS);
    assert.deepEqual(shown, [d1, d3, ...older].slice(0, EARLIER_DAYS));
    const more = /href="(\/spaces\/[^"]+\/question\/earlier\?before=[^"]+)"/.exec(full);
    assert.ok(more, 'a link to older days');
    const rest = await alex.get(more[1]!.replace(/&amp;/g, '&'));
    assert.equal(rest.statusCode, 200);
    const restShown = [...rest.body.matchAll(new RegExp(`href="/spaces/${spaceId}/question/(\\d{4}-\\d{2}-\\d{2})"`, 'g'))].map(
      (m) => m[1],
    );
    assert.deepEqual(restShown, [d1, d3, ...older].slice(EARLIER_DAYS));

    // The API lists the same days, a page at a time, following `next` to the end.
    const days: string[] = [];
    let next: string | null = `/api/v1/spaces/${spaceId}/daily-question/days?limit=7`;
    while (next) {
      const body = json(await succeeded(a.api.get(next), 'a page of days')) as { days: string[]; next: string | null };
      assert.ok(body.days.length <= 7);
      days.push(...body.days);
      next = body.next;
    }
    assert.deepEqual(days, [d1, d3, ...older]);
    assert.deepEqual(json(await b.api.get(`/api/v1/spaces/${spaceId}/daily-question/days`)).days, [d3, d4], 'Sam’s own days');

    const t = await activeTherapist(app, a, b, spaceId);
    assert.equal((await (await pagesAs(app, t)).get(`/spaces/${spaceId}/question/earlier`)).statusCode, 403);
    assert.equal((await t.api.get(`/api/v1/spaces/${spaceId}/daily-question/days`)).statusCode, 403);
    const stranger = await signUp(app);
    assert.equal((await stranger.api.get(`/api/v1/spaces/${spaceId}/daily-question/days`)).statusCode, 404);
    assert.equal((await alex.get(`/spaces/${spaceId}/question/earlier?before=nonsense`)).statusCode, 404);
    for (const bad of ['cursor=nonsense', `cursor=${Buffer.from('["not a day"]').toString('base64url')}`, 'limit=0', 'limit=500'])
      assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/daily-question/days?${bad}`)).statusCode, 400, bad);
  });
});
