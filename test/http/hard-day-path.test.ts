import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Issue #14 item 5: a hard check-in leads its author — and only its author — to the hard-day page,
 * which is one tap from the space home and leads to support for the person's own country.
 */

const today = () => localDate(new Date(), 'UTC');
const NOTE = 'Only you see this note';

describeEachDatabase('a hard moment leads somewhere', (get) => {
  test('a check-in marked hard, or with safety at 3 or below, shows its author the way to the hard-day page; an easier one does not', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const alex = await pagesAs(app, a);
    const checkIn = async (fields: Record<string, string>) => {
      await alex.get(`/spaces/${spaceId}/check-in`);
      const saved = await alex.post(`/spaces/${spaceId}/check-in`, {
        date: today(),
        numbers: 'private',
        trust: '5',
        closeness: '5',
        ...fields,
      });
      assert.equal(saved.statusCode, 303, saved.body);
      return (await alex.get(String(saved.headers.location))).body;
    };
    const hard = await checkIn({ safety: '8', day: 'hard' });
    assert.match(hard, new RegExp(NOTE));
    assert.match(hard, new RegExp(`href="/spaces/${spaceId}/hard-day"`));
    assert.match(await checkIn({ safety: '3', day: 'good' }), new RegExp(NOTE), 'low safety counts too');
    assert.doesNotMatch(await checkIn({ safety: '4', day: 'mixed' }), new RegExp(NOTE));
    assert.doesNotMatch((await alex.get(`/spaces/${spaceId}/check-in`)).body, new RegExp(NOTE), 'only right after saving');
  });

  test('the partner is never told: none of their pages or answers mention the hard day', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const alex = await pagesAs(app, a);
    const sam = await pagesAs(app, b);
    await alex.get(`/spaces/${spaceId}/check-in`);
    await alex.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      numbers: 'private',
      safety: '1',
      trust: '2',
      closeness: '2',
      day: 'hard',
    });
    for (const url of [`/spaces/${spaceId}`, `/spaces/${spaceId}/check-in`, `/spaces/${spaceId}/check-in?saved=1`, '/', '/notifications']) {
      const body = (await sam.get(url)).body;
      assert.doesNotMatch(body, new RegExp(NOTE), url);
      assert.doesNotMatch(body, /hard-note-heading/, url);
    }
    const notifications = await b.api.get('/api/v1/me/notifications');
    assert.doesNotMatch(notifications.body, /hard/i);
  });

  test('the hard-day page is one tap from the space home; without a journey it still steadies, reassures and leads to support', async () => {
    const { app } = get();
    const { a, spaceId } = await couple(app);
    const alex = await pagesAs(app, a);
    assert.match(
      (await alex.get(`/spaces/${spaceId}`)).body,
      new RegExp(`<a class="button button--secondary" href="/spaces/${spaceId}/hard-day">A hard day</a>`),
    );
    const page = await alex.get(`/spaces/${spaceId}/hard-day`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>A hard day<\/h1>/);
    assert.match(page.body, /A minute to steady yourself/);
    assert.match(page.body, new RegExp(`href="/spaces/${spaceId}/reassurance"`));
    assert.match(
      page.body,
      /href="\/support\?country=INTL">People you can talk to wherever you are<\/a>/,
      'UTC and no country: the international list',
    );
  });

  test('with a journey the space’s hard-day link opens the journey’s page, which leads to support for the person’s country', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const created = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [b.id] });
    const journeyId = json(created).journey.id as string;
    const alex = await pagesAs(app, a);
    await alex.get('/account/settings');
    const settings = await alex.post('/account/settings', { displayName: 'Alex', timezone: 'Europe/London', country: '' });
    assert.equal(settings.statusCode, 303, settings.body);
    const hop = await alex.get(`/spaces/${spaceId}/hard-day`);
    assert.equal(hop.statusCode, 303);
    assert.equal(hop.headers.location, `/journeys/${journeyId}/hard-day`);
    const page = await alex.get(`/journeys/${journeyId}/hard-day`);
    assert.match(page.body, /href="\/support\?country=GB">People you can talk to in the United Kingdom<\/a>/);
    assert.match(page.body, /call <a href="tel:999">999<\/a>/);
    const support = await alex.get('/support?country=GB');
    assert.match(support.body, /0808 2000 247/);
  });

  test('a stranger cannot open another space’s hard-day page', async () => {
    const { app } = get();
    const { spaceId } = await couple(app);
    const other = await couple(app, ['Kim', 'Lee']);
    const kim = await pagesAs(app, other.a);
    assert.equal((await kim.get(`/spaces/${spaceId}/hard-day`)).statusCode, 404);
  });
});
