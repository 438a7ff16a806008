import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { assertSoundIds, idProblems } from '../support/unique-ids.js';

/**
 * Every id on a signed-in page is unique and every label, hint and in-page link points at one that
 * exists — on pages that draw the same form several times (two open reassurance calls, two
 * agreements to log, two questions to answer) as much as on the others. Each partner writes
 * private notes holding their own canary; the other partner's pages, and a therapist's, never
 * show it.
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-51d', b: 'PRIVATE-CANARY-SAM-7f2' };
const today = () => localDate(new Date(), 'UTC');

describe('the id check itself', () => {
  test('finds a repeated id, a label, hint or coach output pointing nowhere, and a dead in-page link', () => {
    const twice =
      '<form><label for="field-answer">A</label><textarea id="field-answer" aria-describedby="field-answer-hint"></textarea><p id="field-answer-hint">h</p></form>';
    assert.deepEqual(idProblems(twice), []);
    assert.deepEqual(idProblems(twice + twice), ['id="field-answer" appears 2 times', 'id="field-answer-hint" appears 2 times']);
    assert.deepEqual(idProblems('<label for="x">A</label><input id="y" aria-describedby="y z" aria-labelledby="w">'), [
      '<label for="x">: no element has id="x"',
      '<input aria-describedby="z">: no element has id="z"',
      '<input aria-labelledby="w">: no element has id="w"',
    ]);
    assert.deepEqual(idProblems('<textarea data-coach-output="c"></textarea><a href="#field-text">Fix</a>'), [
      '<textarea data-coach-output="c">: no element has id="c"',
      '<a href="#field-text">: no element has id="field-text"',
    ]);
  });

  test('reads what a person wrote as text, never as markup', () => {
    // Typed into a box, an "id" is words: escaped in attributes, raw text inside a textarea.
    assert.deepEqual(idProblems('<textarea id="t"><p id="t">typed</p></textarea><p title="&lt;b id=&quot;t&quot;&gt;">x</p>'), []);
  });
});

/** A couple a few weeks into an affair's repair, with everything drawn more than once. */
async function busyCouple(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app);
  const ok = succeeded;
  const journeyId = json(
    await ok(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id], hurt: 4 }), 'breach'),
  ).journey.id as string;
  for (const p of [a, b]) {
    await ok(
      p.api.post(`/api/v1/journeys/${journeyId}/entries`, {
        prompt: 'what_happened',
        text: `What happened, as ${p.displayName} saw it`,
        visibility: 'sealed',
      }),
      'what happened',
    );
    await ok(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledge');
  }
  const apology = (text: string) =>
    ok(a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text }), 'apology').then((r) => json(r).apology.id as string);
  const answered = await apology('I am sorry that I lied to you. It was my choice. I will tell you the truth from now on.');
  await ok(b.api.post(`/api/v1/apologies/${answered}/responses`, { received: true, sincere: true }), 'apology answered');
  // Two active agreements both partners committed to: two log forms on one page; one more proposed.
  const agreements: string[] = [];
  for (const text of ['We say where we are when we are late', 'We keep our phones on the table at dinner']) {
    const id = json(
      await ok(a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text, committedBy: [a.id, b.id], cadence: 'daily' }), 'agreement'),
    ).agreement.id as string;
    await ok(b.api.post(`/api/v1/agreements/${id}/accept`), 'accept');
    agreements.push(id);
  }
  const proposedId = json(
    await ok(
      a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: 'We talk on Sunday evenings', committedBy: [a.id], cadence: 'weekly' }),
      'proposed',
    ),
  ).agreement.id as string;
  // A second apology, not answered yet: its answer page has a form.
  const apologyId = await apology('I am sorry I hid the messages. That was my doing. I will show you, not tell you.');
  for (const [p, own] of [
    [a, CANARY.a],
    [b, CANARY.b],
  ] as const) {
    for (const agreementId of agreements) {
      await ok(
        p.api.post(`/api/v1/agreements/${agreementId}/log`, {
          occurredOn: today(),
          kept: true,
          note: { text: `${own} log note`, visibility: 'private' },
        }),
        'log',
      );
    }
    await ok(
      p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
        safety: 6,
        trust: 5,
        closeness: 6,
        day: 'mixed',
        note: { text: `${own} check-in note`, visibility: 'private' },
      }),
      'check-in',
    );
    // Two open calls each way: every answer form drawn twice on the partner's page.
    await ok(
      p.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: `${own} hold me`, visibility: 'private' } }),
      'reassurance',
    );
    await ok(
      p.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
        note: { text: `A shared call from ${p.displayName}`, visibility: 'shared' },
      }),
      'reassurance',
    );
  }
  await ok(
    b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'why_im_doing_this', text: `${CANARY.b} my why`, visibility: 'private' }),
    'why',
  );
  await ok(
    a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'why_im_doing_this', text: `${CANARY.a} my why`, visibility: 'private' }),
    'why',
  );
  // Step 7 opened early by Sam's own choice: its two forms on one page.
  await ok(b.api.post(`/api/v1/journeys/${journeyId}/forgiveness/open`), 'step 7 opened');
  for (const text of ['Where were you on Friday?', 'Who else knows?']) {
    await ok(b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text, visibility: 'shared' }), 'question');
  }
  for (const text of ['A song on the radio', 'The name on your phone']) {
    await ok(b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'trigger', text, visibility: 'shared' }), 'trigger');
  }
  await ok(
    a.api.post(`/api/v1/spaces/${spaceId}/meetings`, {
      heldOn: today(),
      appreciations: 'Thank you for dinner',
      concern: 'I felt alone on Tuesday',
    }),
    'meeting',
  );
  return { a, b, spaceId, journeyId, apologyId, proposedId, agreements };
}

/** The signed-in pages a partner of this couple can open, and the live sections swapped into them. */
function pagesOf(o: { spaceId: string; journeyId: string; apologyId: string; proposedId: string }, who: 'a' | 'b'): string[] {
  const s = `/spaces/${o.spaceId}`;
  const j = `/journeys/${o.journeyId}`;
  return [
    s,
    `${s}/check-in`,
    `${s}/progress`,
    `${s}/agreement-log`,
    `${s}/reassurance`,
    `${s}/meetings`,
    `${s}/meetings/new`,
    `${s}/monthly-review`,
    `${s}/decision-guide`,
    `${s}/breaches/new`,
    `${s}/invitation`,
    j,
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${j}/steps/${n}`),
    `${j}/hard-day`,
    `${j}/therapy`,
    `${j}/questions`,
    `${j}/triggers`,
    `${j}/agreements/new`,
    ...(who === 'a' ? [`${j}/apology`] : [`${j}/apologies/${o.apologyId}/answer`, `/agreements/${o.proposedId}/counter`]),
    '/account',
    '/account/settings',
    '/notifications',
    ...['partner-today', 'progress', 'reassurance', 'meeting-schedule', 'meetings', 'agreement-log'].map((part) => `${s}/live/${part}`),
    `${j}/live/steps`,
  ];
}

/** How many times `html` holds a form posting to an action matching `action`. */
const formsTo = (html: string, action: RegExp): number =>
  [...html.matchAll(/<form [^>]*action="([^"]+)"/g)].filter((m) => action.test(m[1]!)).length;

describeEachDatabase('ids on the signed-in pages', (get) => {
  test('each partner’s pages: ids unique, every reference lands; the other partner’s private notes never shown', async () => {
    const { app } = get();
    const o = await busyCouple(app);
    // Every page's problems at once: one defect usually repeats on several pages.
    const problems: string[] = [];
    for (const [who, person, own, others] of [
      ['a', o.a, CANARY.a, CANARY.b],
      ['b', o.b, CANARY.b, CANARY.a],
    ] as Array<['a' | 'b', Person, string, string]>) {
      const pages = await pagesAs(app, person);
      const shown = new Map<string, string>();
      for (const url of pagesOf(o, who)) {
        const res = await pages.get(url);
        assert.equal(res.statusCode, 200, `${who} ${url}: ${res.statusCode}`);
        const path = url.replace(o.spaceId, ':space').replace(o.journeyId, ':journey');
        problems.push(...idProblems(res.body).map((p) => `${who} ${path}: ${p}`));
        assert.ok(!res.body.includes(others), `${who} ${path} shows the partner’s private note`);
        shown.set(path, res.body);
      }
      // The same form really is drawn more than once, and each author's own notes are on their pages.
      assert.equal(formsTo(shown.get('/spaces/:space/reassurance')!, /\/reassurance\/[^/]+\/answer$/), 2, `${who}: two calls to answer`);
      assert.equal(formsTo(shown.get('/spaces/:space/agreement-log')!, /\/agreement-log\/[^/]+$/), 2, `${who}: two agreements to log`);
      assert.ok(
        shown.get('/spaces/:space/reassurance')!.includes(own) && shown.get('/spaces/:space/agreement-log')!.includes(own),
        `${who} reads their own private notes`,
      );
      if (who === 'a') {
        assert.equal((shown.get('/journeys/:journey/questions')!.match(/name="replyTo"/g) ?? []).length, 2, 'two questions to answer');
        assert.equal((shown.get('/journeys/:journey/triggers')!.match(/name="replyTo"/g) ?? []).length, 2, 'two moments to answer');
      } else {
        assert.equal(formsTo(shown.get('/journeys/:journey/steps/7')!, /\/steps\/7\/entries$/), 2, 'a reflection and a statement to write');
      }
    }
    assert.deepEqual(problems, []);
  });

  test('a therapist’s copies: ids sound, and neither partner’s private notes', async () => {
    const { app } = get();
    const o = await busyCouple(app);
    const therapist = await pagesAs(app, await activeTherapist(app, o.a, o.b, o.spaceId));
    const s = `/spaces/${o.spaceId}`;
    const j = `/journeys/${o.journeyId}`;
    const problems: string[] = [];
    for (const url of [
      s,
      `${s}/progress`,
      `${s}/agreement-log`,
      `${s}/reassurance`,
      `${s}/meetings`,
      j,
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${j}/steps/${n}`),
      `${j}/questions`,
      `${j}/triggers`,
    ]) {
      const res = await therapist.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
      problems.push(...idProblems(res.body).map((p) => `therapist ${url}: ${p}`));
      for (const canary of Object.values(CANARY)) assert.ok(!res.body.includes(canary), `the therapist’s ${url} shows a private note`);
    }
    assert.deepEqual(problems, []);
  });

  test('an answer sent back with an error: its own box carries the error, and the summary links to that box', async () => {
    const { app } = get();
    const o = await busyCouple(app);
    const pages = await pagesAs(app, o.b);
    const page = await pages.get(`/spaces/${o.spaceId}/reassurance`);
    const actions = [...page.body.matchAll(/action="(\/spaces\/[^"]+\/reassurance\/([^"/]+)\/answer)"/g)];
    assert.equal(actions.length, 2);
    const [, action, requestId] = actions[1]!;
    const sent = await pages.post(action!, { answer: '' });
    assert.equal(sent.statusCode, 400);
    assertSoundIds(sent.body, 'the reassurance page with an answer to correct');
    const box = `field-answer-${requestId}`;
    assert.match(sent.body, new RegExp(`<a href="#${box}">`), 'the summary links to the box with the problem');
    assert.match(sent.body, new RegExp(`<textarea id="${box}"[^>]*aria-describedby="${box}-hint ${box}-error"[^>]*aria-invalid="true"`));
    assert.equal((sent.body.match(/aria-invalid="true"/g) ?? []).length, 1, 'the other call’s box is untouched');
    assert.ok(!sent.body.includes(CANARY.a), 'Alex’s private call stays Alex’s');
  });
});
