import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { onlyTold, toldTo } from '../support/told.js';

/**
 * Issue #18: "not now, but I will by <date>" — when that date comes in the answerer's own time
 * zone and the question is still unanswered, the partner who chose the date is told, once,
 * whichever servers run their reminder round (the claim is in the database), never the one who
 * asked, never a therapist, never in anyone's words. A question answered in time tells nobody.
 */
// Monday 2 March 2026, 10:00 UTC: 23:00 the same day in Auckland (UTC+13).
const clock = fixedClock(new Date('2026-03-02T10:00:00Z'));

describeEachDatabase(
  'a question’s answer-by date comes',
  (get) => {
    test('the partner who chose the date is told on that day in their time zone, once; answered questions tell nobody', async () => {
      const { app } = get();
      clock.set(new Date('2026-03-02T10:00:00Z'));
      const a = await signUp(app, 'Alex', { timezone: 'Pacific/Auckland' });
      const b = await signUp(app, 'Sam');
      const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Us' })).space.id as string;
      const code = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code as string;
      assert.equal((await b.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      const t = await activeTherapist(app, a, b, spaceId);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
        .id as string;
      const ask = async (text: string): Promise<string> =>
        json(await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text })).entry.id as string;
      const [q1, q2, q3] = [await ask('QUESTION-CANARY-1'), await ask('QUESTION-CANARY-2'), await ask('QUESTION-CANARY-3')];
      // Through the API for the first two; through the questions page for the third.
      assert.equal((await a.api.post(`/api/v1/entries/${q1}/deferral`, { until: '2026-03-04' })).statusCode, 201);
      assert.equal((await a.api.post(`/api/v1/entries/${q2}/deferral`, { until: '2026-03-04' })).statusCode, 201);
      const pa = await pagesAs(app, a);
      await pa.get(`/journeys/${journeyId}/questions`);
      assert.equal((await pa.post(`/entries/${q3}/defer`, { [`until-${q3}`]: '2026-03-05' })).statusCode, 303);
      // The second is answered before its day.
      const answered = await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'answer', text: 'ANSWER-CANARY', replyTo: q2 });
      assert.equal(answered.statusCode, 201, answered.body);
      const reminders = app.mend.rhythm.reminders;
      const due = (keys: string[]) => keys.filter((k) => k.startsWith('question-due:'));

      assert.deepEqual(due(await reminders.tick()), []);
      // 3 March, 23:00 in Auckland: not yet.
      clock.set(new Date('2026-03-03T10:00:00Z'));
      assert.deepEqual(due(await reminders.tick()), []);
      // 4 March, 00:30 in Auckland (still 3 March in UTC): the first question's day has come for Alex.
      clock.set(new Date('2026-03-03T11:30:00Z'));
      const sent = (await Promise.all([reminders.tick(), reminders.tick(), reminders.tick()])).flatMap(due);
      assert.ok(sent.every((k) => k === `question-due:${q1}`) && sent.length <= 1, `claimed once: ${sent.join(', ')}`);
      assert.deepEqual(due(await reminders.tick()), [], 'a later round sends nothing again');
      const words = ['QUESTION-CANARY-1', 'QUESTION-CANARY-2', 'QUESTION-CANARY-3', 'ANSWER-CANARY'];
      const link = `/journeys/${journeyId}/questions#question-${q1}`;
      await onlyTold(a, 'question_due', [b, t], words, { link });
      const place = await pa.get(link.split('#')[0]!);
      assert.match(place.body, new RegExp(`id="question-${q1}"`), 'the link goes straight to the question');

      // 5 March in Auckland: the third (deferred through the page); never the answered second.
      clock.set(new Date('2026-03-04T12:00:00Z'));
      assert.deepEqual(due(await reminders.tick()), [`question-due:${q3}`]);
      await onlyTold(a, 'question_due', [b, t], words, { times: 2, link: `/journeys/${journeyId}/questions#question-${q3}` });
      clock.set(new Date('2026-03-20T12:00:00Z'));
      assert.deepEqual(due(await reminders.tick()), []);
      assert.equal((await toldTo(a)).list.filter((n) => n.type === 'question_due').length, 2);
    });

    test('a partner who has left the space is not told when the day comes', async () => {
      const { app } = get();
      clock.set(new Date('2026-03-02T10:00:00Z'));
      const a = await signUp(app, 'Alex');
      const b = await signUp(app, 'Sam');
      const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Us' })).space.id as string;
      const code = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code as string;
      assert.equal((await b.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] })).journey
        .id as string;
      const q = json(await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'Q' })).entry.id as string;
      assert.equal((await a.api.post(`/api/v1/entries/${q}/deferral`, { until: '2026-03-03' })).statusCode, 201);
      assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: a.password })).statusCode, 204);
      clock.set(new Date('2026-03-03T12:00:00Z'));
      assert.deepEqual(
        (await app.mend.rhythm.reminders.tick()).filter((k) => k === `question-due:${q}`),
        [],
      );
      assert.ok(!(await toldTo(a)).list.some((n) => n.type === 'question_due'));
    });
  },
  { clock },
);
