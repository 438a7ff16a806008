import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Issue #20: the check-in page shows the day asked for (`?date=`) with that day's own check-in or
 * an empty form, never today's values under yesterday's date; saving goes back to the day saved.
 */

const clock = fixedClock(new Date('2026-03-04T12:00:00Z'));
const TODAY = '2026-03-04';
const YESTERDAY = '2026-03-03';
const CANARY = 'CANARY-CHECKIN-DAY-NOTE';

const checkedValue = (body: string, name: string): string | null =>
  new RegExp(`name="${name}" value="(\\d+)" required checked`).exec(body)?.[1] ?? null;

describeEachDatabase(
  'choosing the check-in day',
  (get) => {
    test('each day shows its own check-in; the form carries the day shown; the partner sees no private note', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      await succeeded(
        a.api.put(`/api/v1/spaces/${spaceId}/checkins/${TODAY}`, {
          safety: 2,
          trust: 9,
          closeness: 4,
          day: 'hard',
          note: { text: CANARY, visibility: 'private' },
        }),
        'today',
      );
      const alex = await pagesAs(app, a);
      const today = (await alex.get(`/spaces/${spaceId}/check-in`)).body;
      assert.equal(checkedValue(today, 'safety'), '2');
      assert.match(today, new RegExp(`<input type="hidden" name="date" value="${TODAY}">`));
      assert.match(today, /<h1>Today’s check-in<\/h1>/);

      const res = await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`);
      assert.equal(res.statusCode, 200);
      const yesterday = res.body;
      assert.match(yesterday, /<h1>Yesterday’s check-in<\/h1>/);
      assert.match(yesterday, new RegExp(`<input type="hidden" name="date" value="${YESTERDAY}">`));
      for (const k of ['safety', 'trust', 'closeness']) assert.equal(checkedValue(yesterday, k), null, `${k}: empty for yesterday`);
      assert.doesNotMatch(yesterday, /value="hard" checked/);
      assert.ok(!yesterday.includes(CANARY), 'today’s note is not yesterday’s');
      assert.match(yesterday, /aria-current="date">Yesterday</);

      // A day outside the allowed ones (or nonsense) shows today.
      for (const q of ['2020-01-01', 'yesterday', '<x>'])
        assert.match((await alex.get(`/spaces/${spaceId}/check-in?date=${encodeURIComponent(q)}`)).body, /<h1>Today’s check-in<\/h1>/);

      const saved = await alex.post(`/spaces/${spaceId}/check-in`, {
        date: YESTERDAY,
        safety: '7',
        trust: '6',
        closeness: '5',
        numbers: 'private',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `/spaces/${spaceId}/check-in?date=${YESTERDAY}&saved=1`);
      assert.equal(checkedValue((await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`)).body, 'safety'), '7');
      assert.equal(checkedValue((await alex.get(`/spaces/${spaceId}/check-in`)).body, 'safety'), '2', 'today is unchanged');

      // The partner's page never shows Alex's private note, whichever day.
      const sam = await pagesAs(app, b);
      for (const q of ['', `?date=${YESTERDAY}`]) assert.ok(!(await sam.get(`/spaces/${spaceId}/check-in${q}`)).body.includes(CANARY));
    });

    test('a note’s draft belongs to its day: yesterday’s draft is not on today’s form, and goes when yesterday is saved', async () => {
      const { app } = get();
      const { a, spaceId } = await couple(app);
      const alex = await pagesAs(app, a);
      const DRAFT = 'CANARY-YESTERDAY-DRAFT';
      await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`);
      assert.match(
        alex.lastHtml,
        new RegExp(`name="_draft" value="checkin-note:${spaceId}:${YESTERDAY}"`),
        'the form keeps its draft by day',
      );
      const kept = await alex.post('/drafts/save', {
        _draft: `checkin-note:${spaceId}:${YESTERDAY}`,
        _back: `/spaces/${spaceId}/check-in?date=${YESTERDAY}#field-note`,
        note: DRAFT,
      });
      assert.equal(kept.statusCode, 303);
      assert.equal(kept.headers.location, `/spaces/${spaceId}/check-in?date=${YESTERDAY}#field-note`, 'back to the same day');

      assert.ok((await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`)).body.includes(DRAFT), 'yesterday’s form has it');
      const today = (await alex.get(`/spaces/${spaceId}/check-in`)).body;
      assert.ok(!today.includes(DRAFT), 'today’s form does not');
      assert.doesNotMatch(today, /Your draft from/);

      // Today's check-in is saved: yesterday's draft stays; then yesterday's goes with its check-in.
      const numbers = { safety: '5', trust: '5', closeness: '5', numbers: 'private' };
      assert.equal((await alex.post(`/spaces/${spaceId}/check-in`, { date: TODAY, ...numbers })).statusCode, 303);
      assert.equal((await a.api.get(`/api/v1/drafts/checkin-note:${spaceId}:${YESTERDAY}`)).statusCode, 200, 'not today’s to clear');
      await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`);
      assert.equal((await alex.post(`/spaces/${spaceId}/check-in`, { date: YESTERDAY, ...numbers })).statusCode, 303);
      assert.equal((await a.api.get(`/api/v1/drafts/checkin-note:${spaceId}:${YESTERDAY}`)).statusCode, 404, 'sent with its check-in');
      // A day that is no date names no place.
      assert.equal((await a.api.put(`/api/v1/drafts/checkin-note:${spaceId}:2026-02-30`, { fields: { note: 'x' } })).statusCode, 400);
    });

    test('a form sent after its day went out of reach saves nothing and carries no numbers onto today’s form', async () => {
      const { app } = get();
      const { a, spaceId } = await couple(app);
      const alex = await pagesAs(app, a);
      await alex.get(`/spaces/${spaceId}/check-in?date=${YESTERDAY}`);
      // The tab stays open for days; then the form is sent for a day that can no longer be checked in for.
      clock.advance(5 * 86_400_000);
      try {
        const late = await alex.post(`/spaces/${spaceId}/check-in`, {
          date: YESTERDAY,
          safety: '2',
          trust: '3',
          closeness: '4',
          numbers: 'private',
          note: 'Words written days ago',
          visibility: 'shared',
        });
        assert.equal(late.statusCode, 400);
        assert.match(late.body, /Nothing was saved: .* is now too long ago to check in for\. This is today’s check-in instead/);
        assert.match(late.body, /<title>Today’s check-in/);
        assert.equal(checkedValue(late.body, 'safety'), null, 'no number carried onto today');
        assert.equal(checkedValue(late.body, 'trust'), null);
        assert.ok(late.body.includes('Words written days ago'), 'what was written is not lost');
        assert.doesNotMatch(late.body, /name="visibility" value="shared" checked/, 'who sees it is asked afresh');
        assert.match(late.body, /<input type="hidden" name="date" value="2026-03-09">/);
        assert.deepEqual(json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins, [], 'nothing saved');
      } finally {
        clock.advance(-5 * 86_400_000);
      }
    });
  },
  { clock },
);
