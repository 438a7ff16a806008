import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { changedSince, datedSince, verdictChanges, visitsOf, VISIT_GAP_MINUTES } from './last-visit.js';

const NOW = '2026-03-10T15:00:00.000Z';
const before = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();

test('a first visit: nothing before it', () => {
  assert.deepEqual(visitsOf([], NOW), { currentSince: NOW, lastVisitEnded: null });
  assert.deepEqual(visitsOf([before(5), before(30)], NOW), { currentSince: before(30), lastVisitEnded: null });
});

test('views close together are one visit; the last visit ended at its last view', () => {
  // Last week: three views; today: the space page five minutes ago, then this.
  const views = [before(5), before(7 * 24 * 60), before(7 * 24 * 60 + 20), before(7 * 24 * 60 + 50)];
  assert.deepEqual(visitsOf(views, NOW), { currentSince: before(5), lastVisitEnded: before(7 * 24 * 60) });
});

test('a pause of exactly the gap starts a new visit; one minute less does not', () => {
  assert.equal(visitsOf([before(VISIT_GAP_MINUTES)], NOW).lastVisitEnded, before(VISIT_GAP_MINUTES));
  assert.equal(visitsOf([before(VISIT_GAP_MINUTES - 1)], NOW).lastVisitEnded, null);
});

test('views after now (a clock set back) and unreadable times are ignored', () => {
  assert.deepEqual(visitsOf(['not a time', new Date(Date.parse(NOW) + 60_000).toISOString()], NOW), {
    currentSince: NOW,
    lastVisitEnded: null,
  });
});

test('property: the last visit ended before the current one began, by at least the gap, and is one of the views', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 60 * 24 * 30 }), { maxLength: 40 }), (minutes) => {
      const views = minutes.map(before);
      const v = visitsOf(views, NOW);
      assert.ok(v.currentSince <= NOW);
      if (v.lastVisitEnded !== null) {
        assert.ok(views.includes(v.lastVisitEnded));
        assert.ok(Date.parse(v.currentSince) - Date.parse(v.lastVisitEnded) >= VISIT_GAP_MINUTES * 60_000);
        // Nothing between the two: the current visit is unbroken back to its start.
        assert.ok(!views.some((t) => t > v.lastVisitEnded! && t < v.currentSince));
      }
    }),
  );
});

test('changedSince: strictly after, oldest first; everything on a first visit; undated items never', () => {
  const items = [
    { id: 'c', at: '2026-03-09T10:00:00.000Z' },
    { id: 'a', at: '2026-03-01T10:00:00.000Z' },
    { id: 'b', at: '2026-03-05T10:00:00.000Z' },
    { id: 'x', at: null },
  ];
  assert.deepEqual(
    changedSince(items, (i) => i.at, '2026-03-01T10:00:00.000Z').map((i) => i.id),
    ['b', 'c'],
  );
  assert.deepEqual(
    changedSince(items, (i) => i.at, null).map((i) => i.id),
    ['a', 'b', 'c'],
  );
});

test('datedSince: days on or after the day of the last visit', () => {
  const flags = [{ raisedOn: '2026-03-04' }, { raisedOn: '2026-03-05' }, { raisedOn: '2026-03-06' }];
  assert.deepEqual(
    datedSince(flags, (f) => f.raisedOn, '2026-03-05T23:00:00.000Z'),
    flags.slice(1),
  );
  assert.deepEqual(
    datedSince(flags, (f) => f.raisedOn, null),
    flags,
  );
});

test('verdictChanges: only what differs, only where both readings have it', () => {
  const then: Array<{ partnerId: string; verdicts: Record<string, string> }> = [
    { partnerId: 'a', verdicts: { trust: 'steady', safety: 'not_enough_data' } },
    { partnerId: 'b', verdicts: { trust: 'declining' } },
  ];
  const now: Array<{ partnerId: string; verdicts: Record<string, string> }> = [
    { partnerId: 'a', verdicts: { trust: 'improving', safety: 'not_enough_data' } },
    { partnerId: 'b', verdicts: { trust: 'declining', closeness: 'improving' } },
    { partnerId: 'c', verdicts: { trust: 'improving' } },
  ];
  assert.deepEqual(verdictChanges(then, now), [{ partnerId: 'a', measure: 'trust', before: 'steady', now: 'improving' }]);
});
