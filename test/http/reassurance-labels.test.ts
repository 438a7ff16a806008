import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { dayMonthYear } from '../../src/platform/web/dates.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { assertSoundIds } from '../support/unique-ids.js';

/**
 * With several reassurance calls open, each answer box is labelled with the call it answers, so a
 * screen reader moving from box to box hears which one it is in, not "Your answer" each time. Two
 * calls on one day are told apart by their order that day, which stays put when one is answered.
 * The label never carries the note of the call: a private note stays its author's.
 */

const CANARY = 'PRIVATE-CANARY-SAM-call-0c5';

/** The answer boxes on a page: each label's text by the id of the box it names, in page order. */
function answerLabels(html: string): Array<{ box: string; label: string }> {
  return [...html.matchAll(/<label for="(field-answer-[^"]+)">([^<]*)<\/label>/g)].map((m) => ({ box: m[1]!, label: m[2]! }));
}

async function ask(app: FastifyInstance, person: Person, spaceId: string, note: { text: string; visibility: string }) {
  const res = await person.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note });
  assert.equal(res.statusCode, 201, res.body);
  return json(res).reassuranceRequest as { id: string; createdAt: string };
}

describeEachDatabase('the answer boxes of open reassurance calls', (get) => {
  test('one call: its box is named by who asked and when', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const call = await ask(app, b, spaceId, { text: 'Tell me about your day', visibility: 'shared' });
    const page = await (await pagesAs(app, a)).get(`/spaces/${spaceId}/reassurance`);
    assert.deepEqual(answerLabels(page.body), [
      { box: `field-answer-${call.id}`, label: `Your answer to Sam’s request of ${dayMonthYear(call.createdAt)}` },
    ]);
  });

  test('two calls on one day: each box named apart, the names kept when one is answered, the private note never in them', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const first = await ask(app, b, spaceId, { text: `${CANARY} I keep going back to that night`, visibility: 'private' });
    const second = await ask(app, b, spaceId, { text: 'Could you text me at lunch?', visibility: 'shared' });
    const alex = await pagesAs(app, a);
    const url = `/spaces/${spaceId}/reassurance`;
    const page = await alex.get(url);
    assertSoundIds(page.body, 'Alex’s reassurance page with two calls open');
    assert.ok(!page.body.includes(CANARY), 'Sam’s private note is not on Alex’s page');

    const labels = answerLabels(page.body);
    assert.equal(labels.length, 2);
    assert.equal(new Set(labels.map((l) => l.label)).size, 2, `each box its own name: ${labels.map((l) => l.label).join(' | ')}`);
    // Two calls in the same second would share a day, and their order falls back to the id; the names stay apart.
    const sameDay = dayMonthYear(first.createdAt) === dayMonthYear(second.createdAt);
    const named = new Map(labels.map((l) => [l.box, l.label]));
    const nameOf = (call: { createdAt: string }, nth: string) =>
      `Your answer to Sam’s ${sameDay ? `${nth} ` : ''}request of ${dayMonthYear(call.createdAt)}`;
    const [earlier, later] =
      first.createdAt.localeCompare(second.createdAt) < 0 || (first.createdAt === second.createdAt && first.id < second.id)
        ? [first, second]
        : [second, first];
    assert.equal(named.get(`field-answer-${earlier.id}`), nameOf(earlier, 'first'));
    assert.equal(named.get(`field-answer-${later.id}`), nameOf(later, 'second'));

    // The earlier call answered: the later one keeps its name.
    await alex.get(url);
    assert.equal((await alex.post(`${url}/${earlier.id}/answer`, { answer: 'I am here. We can talk tonight.' })).statusCode, 303);
    const after = await alex.get(url);
    assert.deepEqual(answerLabels(after.body), [{ box: `field-answer-${later.id}`, label: nameOf(later, 'second') }]);

    // An answer sent back empty: its box, named as before, carries the error.
    const sent = await alex.post(`${url}/${later.id}/answer`, { answer: '  ' });
    assert.equal(sent.statusCode, 400);
    assertSoundIds(sent.body, 'Alex’s reassurance page with an answer to correct');
    assert.deepEqual(answerLabels(sent.body), [{ box: `field-answer-${later.id}`, label: nameOf(later, 'second') }]);
    assert.ok(!sent.body.includes(CANARY), 'Sam’s private note is not on Alex’s page');
  });
});
