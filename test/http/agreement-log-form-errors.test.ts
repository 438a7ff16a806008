import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { acceptedAgreement, couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { assertSoundIds } from '../support/unique-ids.js';

/**
 * An agreement log form sent back with a problem, as a browser without JavaScript sends it: the
 * page answers with the status, the error beside the field of the agreement that was sent (never
 * another agreement's), a summary whose link lands on that field, and everything the person
 * entered still in the form. Nothing is saved, and neither partner's private note reaches the
 * other's page on the way.
 */

const CANARY = { a: 'PRIVATE-CANARY-ALEX-log-3e9', b: 'PRIVATE-CANARY-SAM-log-b41' };
const day = (offset: number) => localDate(new Date(Date.now() + offset * 86_400_000), 'UTC');

/** Two agreements both partners keep (two log forms each), one only Alex keeps, and an occasion each. */
async function loggingCouple(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app);
  const ok = succeeded;
  const agree = (text: string, committedBy: string[]) => acceptedAgreement(a, b, spaceId, text, committedBy);
  const both = [
    await agree('We say where we are when we are late', [a.id, b.id]),
    await agree('We keep our phones on the table at dinner', [a.id, b.id]),
  ];
  const alexOnly = await agree('I call my sister on Sundays', [a.id]);
  // An occasion each, with a private note: Sam has Alex's to confirm, Alex has Sam's.
  const logged: Record<'a' | 'b', string> = { a: '', b: '' };
  for (const [who, p] of [
    ['a', a],
    ['b', b],
  ] as const) {
    logged[who] = json(
      await ok(
        p.api.post(`/api/v1/agreements/${both[0]}/log`, {
          occurredOn: day(0),
          kept: true,
          note: { text: `${CANARY[who]} kept note`, visibility: 'private' },
        }),
        'log',
      ),
    ).logEntry.id as string;
  }
  return { a, b, spaceId, both, alexOnly, logged };
}

/** The form posting to `action` on the page, start tag to end tag. */
function formTo(html: string, action: string): string {
  const start = html.indexOf(`<form method="post" action="${action}"`);
  assert.ok(start >= 0, `a form posting to ${action}`);
  return html.slice(start, html.indexOf('</form>', start) + '</form>'.length);
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;
/** The agreement a label belongs to, heard and not seen (test/http/agreement-log-names.test.ts checks its words). */
const HEARD = '<span class="visually-hidden"> \\([^<]+\\)</span>';

describeEachDatabase('the agreement log sent back with a problem', (get) => {
  test('no choice of kept or missed: the error beside that agreement’s choice, the summary links to it, the note and day kept', async () => {
    const { app } = get();
    const o = await loggingCouple(app);
    const alex = await pagesAs(app, o.a);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    await alex.get(log);
    const [, second] = o.both;
    const note = `Late by ten minutes, I did not text. ${CANARY.a} unsent`;
    const sent = await alex.post(`${log}/${second}`, { occurredOn: day(-1), note, visibility: 'private' });
    assert.equal(sent.statusCode, 400);
    assertSoundIds(sent.body, 'the agreement log with a choice to make');

    const field = `field-kept-${second}`;
    assert.match(
      sent.body,
      new RegExp(`<div class="error-summary"[\\s\\S]*<a href="#${field}">Choose kept or missed.</a>`),
      'the summary links to the choice',
    );
    const form = formTo(sent.body, `${log}/${second}`);
    assert.match(
      form,
      new RegExp(
        `<fieldset class="field choice-row field--error" id="${field}" aria-describedby="${field}-error"><legend>Did you keep it\\?${HEARD}</legend>\\s*<p class="field-error" id="${field}-error">`,
      ),
      'the error inside the choice it is about',
    );
    assert.equal(count(form, /<input type="radio" name="kept" value="(yes|no)"[^>]*aria-invalid="true"/g), 2, 'both choices marked');
    assert.equal(count(sent.body, /aria-invalid="true"/g), 2, 'nothing else on the page is marked');
    assert.equal(
      count(formTo(sent.body, `${log}/${o.both[0]}`), /field-error|aria-invalid/g),
      0,
      'the other agreement’s form is untouched',
    );
    // What Alex entered is still there: the day, the note (its box open) and who may read it.
    assert.match(form, new RegExp(`<input id="field-occurredOn-${second}" name="occurredOn" type="date" max="[^"]+" value="${day(-1)}"`));
    assert.match(form, new RegExp(`<details id="note-${second}" open>`));
    assert.ok(form.includes(`>${note}</textarea>`), 'the note as written');
    assert.match(form, /<input type="radio" name="visibility" value="private" checked>/);
    assert.ok(!sent.body.includes(CANARY.b), 'Sam’s private note is not on Alex’s page');

    // Nothing was logged: Sam's page has no trace of the words, and Alex's own log only the first occasion.
    const sam = await pagesAs(app, o.b);
    const samPage = await sam.get(log);
    assert.ok(!samPage.body.includes(CANARY.a), 'Alex’s private words never reach Sam');
    assert.equal(count((await alex.get(log)).body, /unsent/g), 0, 'nothing saved');
  });

  test('a day in the future: the error beside that agreement’s day, the summary links to it, kept or missed and the note kept', async () => {
    const { app } = get();
    const o = await loggingCouple(app);
    const sam = await pagesAs(app, o.b);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    await sam.get(log);
    const [first, second] = o.both;
    const note = `${CANARY.b} a day I would rather forget`;
    const sent = await sam.post(`${log}/${first}`, { occurredOn: day(2), kept: 'no', note, visibility: 'private' });
    assert.equal(sent.statusCode, 400);
    assertSoundIds(sent.body, 'the agreement log with a day to correct');

    const field = `field-occurredOn-${first}`;
    assert.match(sent.body, new RegExp(`<a href="#${field}">An occasion cannot be logged before it happens.</a>`));
    const form = formTo(sent.body, `${log}/${first}`);
    assert.match(form, new RegExp(`<label for="${field}">Which day\\?${HEARD}</label><p class="field-error" id="${field}-error">`));
    assert.match(
      form,
      new RegExp(
        `<input id="${field}" name="occurredOn" type="date" max="[^"]+" value="${day(2)}" required aria-describedby="${field}-error" aria-invalid="true">`,
      ),
    );
    assert.equal(count(sent.body, /aria-invalid="true"/g), 1, 'only that day is marked');
    assert.equal(count(formTo(sent.body, `${log}/${second}`), /field-error|aria-invalid/g), 0, 'the other agreement’s form is untouched');
    assert.match(form, /<input type="radio" name="kept" value="no" checked>/, 'missed, as chosen');
    assert.ok(form.includes(`>${note}</textarea>`), 'the note as written');
    assert.ok(!sent.body.includes(CANARY.a), 'Alex’s private note is not on Sam’s page');

    const alex = await pagesAs(app, o.a);
    assert.ok(!(await alex.get(log)).body.includes(CANARY.b), 'Sam’s private words never reach Alex');
    // A day written wrong is put the same way.
    const garbled = await sam.post(`${log}/${first}`, { occurredOn: 'last tuesday', kept: 'yes' });
    assert.equal(garbled.statusCode, 400);
    assertSoundIds(garbled.body, 'the agreement log with a garbled day');
    assert.match(garbled.body, new RegExp(`<a href="#${field}">Use a date like`));
    assert.match(formTo(garbled.body, `${log}/${first}`), /value="last tuesday"/);
  });

  test('a day in the future and no choice: both problems at once, each beside its field, both in the summary in the form’s order, everything entered kept', async () => {
    const { app } = get();
    const o = await loggingCouple(app);
    const alex = await pagesAs(app, o.a);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    await alex.get(log);
    const [first, second] = o.both;
    const note = `${CANARY.a} two things wrong at once`;
    const sent = await alex.post(`${log}/${first}`, { occurredOn: day(3), note, visibility: 'private' });
    assert.equal(sent.statusCode, 400);
    assertSoundIds(sent.body, 'the agreement log with two problems');

    const dayField = `field-occurredOn-${first}`;
    const keptField = `field-kept-${first}`;
    assert.match(
      sent.body,
      new RegExp(
        `<div class="error-summary"[\\s\\S]*<a href="#${dayField}">An occasion cannot be logged before it happens.</a>[\\s\\S]*<a href="#${keptField}">Choose kept or missed.</a>`,
      ),
      'both in the summary, the day first as in the form',
    );
    const form = formTo(sent.body, `${log}/${first}`);
    assert.match(
      form,
      new RegExp(
        `<label for="${dayField}">Which day\\?${HEARD}</label><p class="field-error" id="${dayField}-error"><span class="visually-hidden">Error:</span> An occasion cannot be logged before it happens.</p>`,
      ),
    );
    assert.match(
      form,
      new RegExp(
        `<input id="${dayField}" name="occurredOn" type="date" max="[^"]+" value="${day(3)}" required aria-describedby="${dayField}-error" aria-invalid="true">`,
      ),
      'the day as entered, marked',
    );
    assert.match(
      form,
      new RegExp(
        `<fieldset class="field choice-row field--error" id="${keptField}" aria-describedby="${keptField}-error"><legend>Did you keep it\\?${HEARD}</legend>\\s*<p class="field-error" id="${keptField}-error"><span class="visually-hidden">Error:</span> Choose kept or missed.</p>`,
      ),
    );
    assert.equal(count(sent.body, /aria-invalid="true"/g), 3, 'the day and both choices are marked, nothing else');
    assert.equal(count(formTo(sent.body, `${log}/${second}`), /field-error|aria-invalid/g), 0, 'the other agreement’s form is untouched');
    assert.ok(form.includes(`>${note}</textarea>`), 'the note as written');
    assert.match(form, /<input type="radio" name="visibility" value="private" checked>/);
    assert.ok(!sent.body.includes(CANARY.b), 'Sam’s private note is not on Alex’s page');

    // Nothing was logged.
    assert.equal(count((await alex.get(log)).body, /two things wrong/g), 0, 'nothing saved');
    const sam = await pagesAs(app, o.b);
    assert.ok(!(await sam.get(log)).body.includes(CANARY.a), 'Alex’s private words never reach Sam');
  });

  test('a form the person cannot use on this page: the problem said in words, no link to a missing field', async () => {
    const { app } = get();
    const o = await loggingCouple(app);
    const sam = await pagesAs(app, o.b);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    await sam.get(log);
    // Sam did not commit to this agreement, so there is no form of Sam's for it: the refusal is
    // said alone (there is nothing to correct), before any problem with what was sent.
    const noChoice = await sam.post(`${log}/${o.alexOnly}`, { occurredOn: day(0) });
    assert.equal(noChoice.statusCode, 403);
    assertSoundIds(noChoice.body, 'the agreement log with a problem in a form not drawn');
    assert.match(
      noChoice.body,
      /<div class="error-summary"[^>]*>\s*<h2[^>]*>There is a problem<\/h2>\s*<p>The partner who committed to this agreement logs its occasions; you can confirm or dispute them.<\/p>/,
    );
    assert.ok(!noChoice.body.includes('Choose kept or missed.'), 'no problem with a form Sam cannot use');
    assert.ok(!noChoice.body.includes(CANARY.a), 'Alex’s private note is not on Sam’s page');
    const notCommitted = await sam.post(`${log}/${o.alexOnly}`, { occurredOn: day(0), kept: 'yes' });
    assert.equal(notCommitted.statusCode, 403);
    assertSoundIds(notCommitted.body, 'the agreement log refusing a log');
  });

  test('confirm or dispute: a refusal is said at the top, the ids sound, the private notes stay their authors’', async () => {
    const { app } = get();
    const o = await loggingCouple(app);
    const log = `/spaces/${o.spaceId}/agreement-log`;
    const alex = await pagesAs(app, o.a);
    const sam = await pagesAs(app, o.b);
    const samPage = await sam.get(log);
    // Each partner's review form for the other's occasion has its own note box.
    assert.match(
      formTo(samPage.body, `${log}/entries/${o.logged.a}/review`),
      new RegExp(`<label class="visually-hidden" for="field-review-note-${o.logged.a}">`),
    );

    // Alex confirms Sam's occasion in another tab; then the page that still shows the form sends it again.
    await alex.get(log);
    assert.equal((await alex.post(`${log}/entries/${o.logged.b}/review`, { review: 'confirmed', note: 'Thank you' })).statusCode, 303);
    const again = await alex.post(`${log}/entries/${o.logged.b}/review`, { review: 'disputed', note: 'Second thoughts' });
    assert.equal(again.statusCode, 409);
    assertSoundIds(again.body, 'the agreement log refusing a second review');
    assert.match(again.body, /This occasion was already confirmed or disputed./);
    assert.ok(!again.body.includes(CANARY.b), 'Sam’s private note is not on Alex’s page');

    // Nobody confirms their own occasion: Sam trying to is told so.
    const own = await sam.post(`${log}/entries/${o.logged.b}/review`, { review: 'confirmed' });
    assert.equal(own.statusCode, 403);
    assertSoundIds(own.body, 'the agreement log refusing an own review');
    assert.ok(!own.body.includes(CANARY.a), 'Alex’s private note is not on Sam’s page');
  });
});
