import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

const today = () => localDate(new Date(), 'UTC');

describeEachDatabase('notifications, meetings and the calendar feed', (get) => {
  test('notifications name what happened, never what was written; marking read works', async () => {
    const { a, b, spaceId } = await couple(get().app);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      safety: 5,
      trust: 5,
      closeness: 5,
      note: { text: 'SHARED-BUT-NOT-IN-NOTIFICATIONS', visibility: 'shared' },
    });
    const res = await b.api.get('/api/v1/me/notifications');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('SHARED-BUT-NOT-IN-NOTIFICATIONS'));
    assert.equal(json(res).unread, 1);
    assert.equal(json(res).notifications[0].message, 'Your partner checked in today.');
    const toAlex = json(await a.api.get('/api/v1/me/notifications')).notifications.map((n: { type: string }) => n.type);
    assert.deepEqual(toAlex, ['partner_joined'], 'nobody is told about their own check-in (Alex was told only that Sam joined)');
    assert.equal(json(await b.api.post('/api/v1/me/notifications/read', {})).marked, 1);
    assert.equal(json(await b.api.get('/api/v1/me/notifications')).unread, 0);
    assert.equal((await new ApiClient(get().app).get('/api/v1/me/notifications')).statusCode, 401);
  });

  test('a meeting record is shared by both partners; a stranger sees nothing', async () => {
    const { a, b, spaceId } = await couple(get().app);
    const saved = await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, {
      appreciations: 'You made dinner on Tuesday.',
      concern: 'I feel uneasy when plans change late.',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    const forB = json(await b.api.get(`/api/v1/spaces/${spaceId}/meetings`)).meetings;
    assert.equal(forB[0].agenda.appreciations, 'You made dinner on Tuesday.');
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, {})).statusCode, 400, 'an empty record is refused');
    const stranger = await signUp(get().app, 'Stranger');
    assert.equal((await stranger.api.get(`/api/v1/spaces/${spaceId}/meetings`)).statusCode, 404);
  });

  test('the .ics feed: a secret URL per user with the weekly meeting, no names, revocable', async () => {
    const { a, spaceId } = await couple(get().app, ['Ariadne', 'Bartholomew']);
    await a.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 3, time: '19:30', durationMinutes: 45 });
    const created = await a.api.post('/api/v1/me/calendar-feed');
    assert.equal(created.statusCode, 201);
    const path = new URL(json(created).url).pathname;
    const feed = await get().app.inject({ method: 'GET', url: path });
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /^text\/calendar/);
    assert.match(feed.body, /BEGIN:VCALENDAR/);
    assert.match(feed.body, /RRULE:FREQ=WEEKLY;BYDAY=WE/);
    assert.match(feed.body, /DTSTART;TZID=UTC:\d{8}T193000/);
    assert.ok(!/Ariadne|Bartholomew|Us/.test(feed.body), 'the feed names no one');
    assert.ok(
      feed.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75),
      'lines are folded',
    );

    // A new address replaces the old; turning it off ends it.
    const second = new URL(json(await a.api.post('/api/v1/me/calendar-feed')).url).pathname;
    assert.equal((await get().app.inject({ method: 'GET', url: path })).statusCode, 404);
    assert.equal((await get().app.inject({ method: 'GET', url: second })).statusCode, 200);
    assert.equal((await a.api.delete('/api/v1/me/calendar-feed')).statusCode, 204);
    assert.equal((await get().app.inject({ method: 'GET', url: second })).statusCode, 404);
    assert.equal((await get().app.inject({ method: 'GET', url: '/calendar/not-a-real-token-at-all-123456.ics' })).statusCode, 404);
  });

  test('without JavaScript: check in, see it saved, then find today’s numbers on the progress page', async () => {
    const { a, spaceId } = await couple(get().app);
    const page = new PageClient(get().app);
    await page.get('/sign-in');
    assert.equal((await page.post('/sign-in', { email: a.email, password: a.password })).statusCode, 303);
    const form = await page.get(`/spaces/${spaceId}/check-in`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="safety" value="10"/);
    const missing = await page.post(`/spaces/${spaceId}/check-in`, { safety: '5', trust: '', closeness: '5' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /There is a problem/);
    const saved = await page.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      safety: '5',
      trust: '6',
      closeness: '7',
      day: 'mixed',
      note: 'A quiet day.',
      visibility: 'private',
      numbers: 'private',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await page.get(saved.headers.location as string)).body, /your check-in is saved/);
    const harsh = await page.post(`/spaces/${spaceId}/check-in`, {
      date: today(),
      safety: '5',
      trust: '6',
      closeness: '7',
      note: 'You always ruin everything.',
      visibility: 'private',
    });
    assert.equal(harsh.statusCode, 200, 'saved, with the coach’s suggestions shown');
    assert.match(harsh.body, /coach-findings/);
    const progress = await page.get(`/spaces/${spaceId}/progress`);
    assert.equal(progress.statusCode, 200);
    // The first day: today's numbers, no empty chart (issue #20).
    assert.match(progress.body, /id="h-today"/);
    assert.match(progress.body, /trust 6/);
    const guide = await page.get(`/spaces/${spaceId}/decision-guide`);
    assert.equal(guide.statusCode, 200);
    assert.match(guide.body, /Can trust always be rebuilt/);
    for (const p of ['reassurance', 'meetings', 'meetings/new', 'monthly-review', 'agreement-log'])
      assert.equal((await page.get(`/spaces/${spaceId}/${p}`)).statusCode, 200, p);
    assert.equal((await page.get('/notifications')).statusCode, 200);
  });
});
