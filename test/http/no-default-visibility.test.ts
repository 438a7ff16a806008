import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VISIBILITY_NOT_CHOSEN } from '../../src/core/visibility/index.js';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, journeyAtStep2 } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * No default that shares (issue #14): no form ticks a visibility before its author does, nor the
 * breach form anyone as having broken trust. A text sent without a pick comes back with the
 * problem beside the choice and every word still in the form, and nothing is saved. The API
 * answers 400 with details.visibility where the prompt leaves a choice.
 */

const ESCAPED_ERROR = VISIBILITY_NOT_CHOSEN.replace('.', '\\.');

/** The radios named `name` on a page, and which of them are ticked. */
function ticked(page: string, name: string): { count: number; checked: number } {
  const radios = [...page.matchAll(new RegExp(`<input type="radio"[^>]*name="${name}"[^>]*>`, 'g'))].map((m) => m[0]);
  return { count: radios.length, checked: radios.filter((r) => /\schecked/.test(r)).length };
}

/** The part of a page from one element's opening tag to the end of its form. */
function formOf(page: string, marker: string): string {
  const start = page.indexOf(marker);
  assert.ok(start >= 0, `${marker} is on the page`);
  return page.slice(start, page.indexOf('</form>', start));
}

describeEachDatabase('no default that shares', (get) => {
  test('a journey entry: nothing ticked; sent unpicked, the error is beside the choice, the words kept, nothing saved', async () => {
    const app = get().app;
    const { b, journeyId } = await journeyAtStep2(app);
    const sam = await pagesAs(app, b);
    const form = formOf((await sam.get(`/journeys/${journeyId}/steps/2`)).body, 'id="form-what_hurts"');
    assert.deepEqual(ticked(form, 'visibility'), { count: 2, checked: 0 });

    const canary = 'canary-what-hurts-unpicked-7f3a';
    const res = await sam.post(`/journeys/${journeyId}/steps/2/entries`, { prompt: 'what_hurts', text: canary });
    assert.equal(res.statusCode, 400);
    const sent = formOf(res.body, 'id="form-what_hurts"');
    assert.match(
      sent,
      new RegExp(
        `<fieldset class="field radios field--error" id="field-what_hurts-visibility" aria-describedby="field-what_hurts-visibility-error">[\\s\\S]*${ESCAPED_ERROR}`,
      ),
    );
    assert.match(sent, new RegExp(`<textarea[^>]*name="text"[^>]*>${canary}</textarea>`), 'the words are still in the form');
    assert.deepEqual(ticked(sent, 'visibility'), { count: 2, checked: 0 }, 'still nothing picked for them');
    const entries = json(await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<{ text?: string }>;
    assert.equal(
      entries.some((e) => e.text === canary),
      false,
      'nothing saved',
    );

    // Picked, it saves with exactly that choice.
    const saved = await sam.post(`/journeys/${journeyId}/steps/2/entries`, { prompt: 'what_hurts', text: canary, visibility: 'private' });
    assert.equal(saved.statusCode, 303);
    const mine = (
      json(await b.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<{ text?: string; visibility?: string }>
    ).find((e) => e.text === canary);
    assert.equal(mine?.visibility, 'private');
  });

  test('the API: left out where there is a choice, 400 with details.visibility and nothing saved; where there is none, not needed', async () => {
    const app = get().app;
    const { a, b, journeyId } = await journeyAtStep2(app);
    const canary = 'canary-api-unpicked-91c2';
    const res = await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: canary });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(json(res).error.details, { visibility: VISIBILITY_NOT_CHOSEN });
    for (const p of [a, b]) assert.doesNotMatch((await p.api.get(`/api/v1/journeys/${journeyId}/entries`)).body, new RegExp(canary));
    // The partner who broke trust may not write it at all: that is said first, as before.
    assert.equal((await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: 'x' })).statusCode, 403);
    // Both problems at once when the text is missing too.
    assert.deepEqual(json(await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_hurts', text: ' ' })).error.details, {
      text: 'Write something before saving.',
      visibility: VISIBILITY_NOT_CHOSEN,
    });
    const doc = json(await app.inject({ method: 'GET', url: '/api/openapi.json' }));
    assert.match(doc.paths['/api/v1/journeys/{journeyId}/entries'].post.description, /has no default/);
  });

  test('the breach form ticks nobody as having broken trust and no visibility; unpicked, both come back beside their fields with the words kept', async () => {
    const app = get().app;
    const { a, spaceId } = await journeyAtStep2(app);
    const alex = await pagesAs(app, a);
    const page = (await alex.get(`/spaces/${spaceId}/breaches/new`)).body;
    assert.deepEqual(ticked(page, 'who'), { count: 3, checked: 0 });
    assert.deepEqual(ticked(page, 'descriptionVisibility'), { count: 2, checked: 0 });

    const before = json(await a.api.get(`/api/v1/spaces/${spaceId}/journeys`)).journeys.length as number;
    const canary = 'canary-breach-words-3b8e';
    const res = await alex.post(`/spaces/${spaceId}/breaches`, { kind: 'lying', description: canary });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<fieldset class="field radios field--error" id="field-brokeTrust"[\s\S]*Choose who broke trust\./);
    assert.match(
      res.body,
      new RegExp(`<fieldset class="field radios field--error" id="field-descriptionVisibility"[\\s\\S]*${ESCAPED_ERROR}`),
    );
    assert.match(res.body, /<a href="#field-brokeTrust">/, 'the summary links to the field');
    assert.match(res.body, new RegExp(`<textarea[^>]*name="description"[^>]*>${canary}</textarea>`));
    assert.deepEqual(ticked(res.body, 'who'), { count: 3, checked: 0 });
    assert.equal(json(await a.api.get(`/api/v1/spaces/${spaceId}/journeys`)).journeys.length, before, 'nothing saved');

    // Both picked, it is recorded.
    const picked = await alex.post(`/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      who: 'me',
      description: canary,
      descriptionVisibility: 'private',
    });
    assert.equal(picked.statusCode, 303);
  });

  test('a reassurance note: nothing ticked; unpicked, the error is beside the choice with the note kept, and nobody is asked', async () => {
    const app = get().app;
    const { a, b, spaceId } = await journeyAtStep2(app);
    const sam = await pagesAs(app, b);
    assert.deepEqual(ticked((await sam.get(`/spaces/${spaceId}/reassurance`)).body, 'visibility'), { count: 2, checked: 0 });
    const canary = 'canary-reassurance-note-5d1f';
    const res = await sam.post(`/spaces/${spaceId}/reassurance`, { note: canary });
    assert.equal(res.statusCode, 400);
    assert.match(
      res.body,
      new RegExp(
        `<fieldset class="field choice-row field--error" id="field-visibility" aria-describedby="field-visibility-error">[\\s\\S]*${ESCAPED_ERROR}`,
      ),
    );
    assert.match(res.body, /<a href="#field-visibility">/);
    assert.match(res.body, new RegExp(`>${canary}</textarea>`));
    for (const p of [a, b])
      assert.doesNotMatch((await p.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).body, /"id"/, 'nothing asked');
    // Without a note there is nothing to choose.
    assert.equal((await sam.post(`/spaces/${spaceId}/reassurance`, {})).statusCode, 303);
  });

  test('an agreement-log note: nothing ticked; unpicked, the error is beside the choice with everything entered kept, and nothing logged', async () => {
    const app = get().app;
    // An agreement made before any journey (a journey's step 3 would have to be open first).
    const { a, b, spaceId } = await couple(app);
    const agreementId = await acceptedAgreement(a, b, spaceId, 'I text when I am running late.', [a.id]);
    const alex = await pagesAs(app, a);
    const form = formOf(
      (await alex.get(`/spaces/${spaceId}/agreement-log`)).body,
      `action="/spaces/${spaceId}/agreement-log/${agreementId}"`,
    );
    assert.deepEqual(ticked(form, 'visibility'), { count: 2, checked: 0 });
    const canary = 'canary-log-note-a61d';
    const res = await alex.post(`/spaces/${spaceId}/agreement-log/${agreementId}`, { kept: 'yes', note: canary });
    assert.equal(res.statusCode, 400);
    const sent = formOf(res.body, `action="/spaces/${spaceId}/agreement-log/${agreementId}"`);
    assert.match(sent, new RegExp(`class="field choice-row field--error" id="field-[^"]*visibility[^"]*"[\\s\\S]*${ESCAPED_ERROR}`));
    assert.match(sent, new RegExp(`>${canary}</textarea>`));
    assert.match(sent, /name="kept" value="yes"[^>]* checked/);
    assert.match(sent, /<details id="note-[^"]*" open>/, 'the note is open, so the error is seen');
    for (const p of [a, b]) assert.doesNotMatch((await p.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).body, new RegExp(canary));
  });
});
