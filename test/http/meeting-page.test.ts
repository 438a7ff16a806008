import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { addDays, localDate, mondayOf } from '../../src/core/time.js';
import { AGENDA_SECTIONS } from '../../src/features/meetings/service.js';

/**
 * The weekly meeting's pages (issue #20): each agenda part's heading is not repeated by its box's
 * visible label (kept for screen readers); a saved record is confirmed once, calmly; and once this
 * week's meeting is recorded, the page's main action reads it rather than inviting a second one.
 */
const today = () => localDate(new Date(), 'UTC');

describeEachDatabase('the weekly meeting page', (get) => {
  test('each agenda heading is shown once: the box keeps its label for screen readers only', async () => {
    const { a, spaceId } = await couple(get().app, ['Alex', 'Sam']);
    const page = await (await pagesAs(get().app, a)).get(`/spaces/${spaceId}/meetings/new`);
    assert.equal(page.statusCode, 200);
    AGENDA_SECTIONS.forEach((s, i) => {
      assert.ok(page.body.includes(`<h2>${i + 1}. ${s.title}</h2>`), s.key);
      assert.ok(page.body.includes(`<label for="field-${s.key}" class="visually-hidden">${s.title}</label>`), s.key);
    });
    assert.doesNotMatch(page.body, /<label for="field-(appreciations|wentWell|agreementLog|concern|requests)">/);
  });

  test('saving a record says so once, and the main action reads this week’s record instead of starting another', async () => {
    const { a, b, spaceId } = await couple(get().app, ['Alex', 'Sam']);
    const alex = await pagesAs(get().app, a);
    const before = await alex.get(`/spaces/${spaceId}/meetings`);
    assert.match(before.body, /Start this week’s meeting/);
    assert.doesNotMatch(before.body, /role="status"/);

    await alex.get(`/spaces/${spaceId}/meetings/new`);
    const saved = await alex.post(`/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: 'You listened.' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/spaces/${spaceId}/meetings?saved=1`);
    const after = await alex.get(saved.headers.location as string);
    assert.match(after.body, /<p class="notice" role="status">Your meeting record is saved\. Your partner can read it here too\.<\/p>/);
    assert.doesNotMatch(after.body, /Start this week’s meeting/);
    const id = json(await a.api.get(`/api/v1/spaces/${spaceId}/meetings`)).meetings[0].id as string;
    assert.match(after.body, new RegExp(`<a class="button" href="/spaces/${spaceId}/meetings#meeting-${id}">Read this week’s record</a>`));
    assert.match(after.body, new RegExp(`<article class="card meeting" id="meeting-${id}"`));

    // The other partner reads the same main action, without the notice meant for the one who saved.
    const sam = await (await pagesAs(get().app, b)).get(`/spaces/${spaceId}/meetings`);
    assert.match(sam.body, /Read this week’s record/);
    assert.doesNotMatch(sam.body, /Start this week’s meeting|role="status">Your meeting record is saved/);
  });

  test('a meeting held in an earlier week leaves this week’s to start', async () => {
    const { a, spaceId } = await couple(get().app, ['Alex', 'Sam']);
    const lastWeek = addDays(mondayOf(today()), -1);
    const res = await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { heldOn: lastWeek, wentWell: 'A calm Sunday.' });
    assert.equal(res.statusCode, 201, res.body);
    const page = await (await pagesAs(get().app, a)).get(`/spaces/${spaceId}/meetings`);
    assert.match(page.body, /Start this week’s meeting/);
    assert.doesNotMatch(page.body, /Read this week’s record/);
  });
});
